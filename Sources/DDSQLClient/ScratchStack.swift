/// A stack of values in memory it owns, from which a finished array or object's members are moved out in one go.
///
/// Building a container on this stack, then moving its members into storage of the exact size, avoids growing
/// each array and rehashing each dictionary as its members arrive, and copying them (no retain, no release).
/// A plain struct over a pointer: its owner (`JSONDecodingState`) frees it with `deallocate()`.
struct ScratchStack<Element> {
    private(set) var base: UnsafeMutablePointer<Element>?
    private(set) var count = 0
    private var capacity = 0

    @inline(__always)
    mutating func push(_ element: consuming Element) {
        if count == capacity { grow() }
        (base.unsafelyUnwrapped + count).initialize(to: element)
        count += 1
    }

    private mutating func grow() {
        let newCapacity = max(64, capacity * 2)
        let newBase = UnsafeMutablePointer<Element>.allocate(capacity: newCapacity)
        if let base {
            newBase.moveInitialize(from: base, count: count)
            base.deallocate()
        }
        base = newBase
        capacity = newCapacity
    }

    /// Hands the elements from `start` up to the top to `body`, which must move every one of them out (or
    /// deinitialize it); the stack then ends at `start`.
    @inline(__always)
    mutating func popAll<Result>(from start: Int, _ body: (UnsafeMutablePointer<Element>, Int) -> Result) -> Result {
        let moved = count - start
        count = start
        guard moved > 0 else { return body(UnsafeMutablePointer(bitPattern: MemoryLayout<Element>.alignment)!, 0) }
        return body(base.unsafelyUnwrapped + start, moved)
    }

    /// The top `count - start` elements as an array of exactly that size; the stack then ends at `start`.
    mutating func popArray(from start: Int) -> [Element] {
        popAll(from: start) { elements, count in
            // `reserveCapacity` then `append`, rather than `init(unsafeUninitializedCapacity:...)`: that one
            // allocates in the standard library's unspecialized code, which looks up the storage type's metadata
            // for every array; this one is specialized here, where the lookup is cached.
            var array: [Element] = []
            array.reserveCapacity(count)
            for offset in 0..<count { array.append((elements + offset).move()) }
            return array
        }
    }

    /// Drops every element (after an error stopped a parse half way).
    mutating func removeAll() {
        if let base, count > 0 { base.deinitialize(count: count) }
        count = 0
    }

    func deallocate() {
        if let base {
            if count > 0 { base.deinitialize(count: count) }
            base.deallocate()
        }
    }
}
