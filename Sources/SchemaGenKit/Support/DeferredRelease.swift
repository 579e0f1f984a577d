import Dispatch

/// Frees large values on another thread: a run's planned files and, at its end, its tables take
/// milliseconds to free, which no result waits for. When the process ends first, the system reclaims
/// them anyway.
enum DeferredRelease {
    /// Keeps `value` a moment longer than the caller, which must drop its own references right after
    /// (its last use), so that freeing it happens on another thread.
    static func release<Value: Sendable>(_ value: Value) {
        DispatchQueue.global(qos: .utility).asyncAfter(deadline: .now() + .milliseconds(2)) {
            withExtendedLifetime(value) {}
        }
    }
}
