extension Duration {
    /// The duration in seconds, as a `Double` (for messages, timeouts and backoff arithmetic).
    var seconds: Double {
        let parts = components
        return Double(parts.seconds) + Double(parts.attoseconds) / 1e18
    }

    static func seconds(double value: Double) -> Duration {
        .nanoseconds(Int64((max(value, 0) * 1e9).rounded()))
    }
}
