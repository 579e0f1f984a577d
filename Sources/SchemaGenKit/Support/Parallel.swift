import Dispatch
import Foundation

/// Work spread over all cores with results in input order, so output never depends on scheduling.
extension Array where Element: Sendable {
    /// `map` on all cores, `chunk` items to a task.
    func parallelMap<R: Sendable>(chunk: Int = 64, _ transform: @Sendable (Element) -> R) -> [R] {
        parallelChunks(chunk: chunk) { $0.map(transform) }
    }

    /// Hands consecutive runs of at most `chunk` items to `transform` on all cores and joins what
    /// each returns, in order: for work that keeps a scratch cache per run of items.
    func parallelChunks<R: Sendable>(chunk: Int = 64, _ transform: @Sendable (ArraySlice<Element>) -> [R]) -> [R] {
        if count <= chunk { return transform(self[...]) }
        let chunks = (count + chunk - 1) / chunk
        let slots = ResultSlots<[R]>(count: chunks)
        DispatchQueue.concurrentPerform(iterations: chunks) { c in
            slots[c] = transform(self[(c * chunk)..<Swift.min(count, (c + 1) * chunk)])
        }
        return slots.values.flatMap { $0 }
    }
}

/// Fixed slots that parallel workers each fill once, at their own index.
final class ResultSlots<Value>: @unchecked Sendable {
    private var storage: [Value?]
    private let lock = NSLock()

    init(count: Int) {
        storage = Array(repeating: nil, count: count)
    }

    subscript(index: Int) -> Value? {
        get { lock.withLock { storage[index] } }
        set { lock.withLock { storage[index] = newValue } }
    }

    /// The value of the lowest slot that was filled, if any.
    var firstValue: Value? { lock.withLock { storage.lazy.compactMap { $0 }.first } }

    /// All values; call after every slot was filled.
    var values: [Value] { lock.withLock { storage.map { $0! } } }
}
