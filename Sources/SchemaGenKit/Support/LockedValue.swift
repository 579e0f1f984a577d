import Foundation

/// A value shared between the parts of a run that may run on different threads (the generation
/// cache's stage wrappers), read and replaced under a lock.
final class LockedValue<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Value

    init(_ value: Value) {
        stored = value
    }

    var value: Value {
        get { lock.withLock { stored } }
        set { lock.withLock { stored = newValue } }
    }

    /// Changes the value in place, under the lock, and returns what `change` returns.
    func change<Result>(_ change: (inout Value) -> Result) -> Result {
        lock.withLock { change(&stored) }
    }

    /// The value, leaving nil in its place.
    func take<Wrapped>() -> Value where Value == Wrapped? {
        lock.withLock {
            defer { stored = nil }
            return stored
        }
    }
}
