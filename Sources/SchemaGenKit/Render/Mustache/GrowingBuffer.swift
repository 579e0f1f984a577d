/// A growing buffer of plain values: appending is a capacity check and a copy.
///
/// Why not `Array`: rendering appends hundreds of thousands of short runs of bytes, and building a
/// context as many nodes; each `Array.append` also checks that the storage is not shared, and
/// `append(contentsOf:)` walks the generic sequence path. Values
/// leave as an array of exactly their count (`array`), copied once.
struct GrowingBuffer<Element: BitwiseCopyable>: ~Copyable {
    private var base: UnsafeMutablePointer<Element>
    private(set) var count = 0
    private var capacity: Int

    init(capacity: Int) {
        self.capacity = max(capacity, 16)
        base = .allocate(capacity: self.capacity)
    }

    deinit { base.deallocate() }

    subscript(index: Int) -> Element {
        precondition(index >= 0 && index < count, "index out of range")
        return base[index]
    }

    @inline(__always)
    mutating func append(_ element: Element) {
        if count == capacity { grow(to: count + 1) }
        base[count] = element
        count += 1
    }

    /// `elements` must not point into this buffer: growing frees the old storage before copying.
    @inline(__always)
    mutating func append(contentsOf elements: UnsafeBufferPointer<Element>) {
        guard let source = elements.baseAddress else { return }
        if capacity - count < elements.count { grow(to: count + elements.count) }
        (base + count).initialize(from: source, count: elements.count)
        count += elements.count
    }

    /// Drops the last `n` elements.
    mutating func removeLast(_ n: Int) {
        precondition(n >= 0 && n <= count, "cannot remove more than the count")
        count -= n
    }

    /// The elements from `start` to the end, for reading while the buffer is not changed.
    func withElements<R>(from start: Int, _ body: (UnsafeBufferPointer<Element>) -> R) -> R {
        body(UnsafeBufferPointer(start: base + start, count: count - start))
    }

    /// Room for `extra` more elements without growing.
    mutating func reserve(_ extra: Int) {
        if capacity - count < extra { grow(to: count + extra) }
    }

    private mutating func grow(to needed: Int) {
        let newCapacity = max(needed, capacity * 2)
        let newBase = UnsafeMutablePointer<Element>.allocate(capacity: newCapacity)
        newBase.initialize(from: base, count: count)
        base.deallocate()
        base = newBase
        capacity = newCapacity
    }

    /// The elements as an array of exactly their count.
    var array: [Element] {
        [Element](unsafeUninitializedCapacity: count) { buffer, initialized in
            if count > 0 { buffer.baseAddress!.initialize(from: base, count: count) }
            initialized = count
        }
    }
}
