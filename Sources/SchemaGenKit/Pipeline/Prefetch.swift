import Dispatch
import Foundation

/// A value made on another core ahead of when it is needed: `start` begins making it, `take` waits
/// for it (nil when it was never started, so the caller makes it itself).
final class Prefetch<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var group: DispatchGroup?
    private var value: Value?

    func start(_ make: @escaping @Sendable () -> Value) {
        lock.withLock {
            guard group == nil else { return }
            let group = DispatchGroup()
            self.group = group
            DispatchQueue.global().async(group: group) { [self] in
                let made = make()
                lock.withLock { value = made }
            }
        }
    }

    /// The value, once made; nil if `start` was never called. Taken once: a second call gets nil.
    func take() -> Value? {
        guard let group = lock.withLock({ self.group }) else { return nil }
        group.wait()
        return lock.withLock {
            defer { value = nil; self.group = nil }
            return value
        }
    }
}
