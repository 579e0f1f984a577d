import Foundation

/// When and how long `fetch` waits before asking again, so a busy or briefly failing site is given
/// room instead of being hammered, and a run still ends in bounded time.
///
/// Waits grow exponentially from `baseDelay` up to `maxDelay`, each picked at random from its upper
/// half ("equal jitter") so parallel requests that failed together do not retry together. A
/// `Retry-After` from the server is honoured as given, up to `maxRetryAfter`; a server asking for
/// longer is a failure the user sees rather than a run that hangs.
public struct RetryPolicy: Sendable, Hashable {
    /// Attempts per request, the first included.
    public var attempts: Int
    public var baseDelay: Double
    public var maxDelay: Double
    public var maxRetryAfter: Double

    public init(attempts: Int = 5, baseDelay: Double = 0.5, maxDelay: Double = 30, maxRetryAfter: Double = 120) {
        self.attempts = max(1, attempts)
        self.baseDelay = max(0, baseDelay)
        self.maxDelay = max(self.baseDelay, maxDelay)
        self.maxRetryAfter = maxRetryAfter
    }

    /// The wait before attempt `attempt + 1`, after `attempt` (1-based) failed.
    func backoff(afterAttempt attempt: Int) -> Double {
        let cap = min(maxDelay, baseDelay * pow(2, Double(max(0, attempt - 1))))
        return cap / 2 + Double.random(in: 0...(cap / 2))
    }

    /// Seconds a `Retry-After` value asks for: a number of seconds or an HTTP date; nil when it is
    /// neither.
    static func retryAfterSeconds(_ value: String, now: Date = Date()) -> Double? {
        let text = value.trimmingCharacters(in: .whitespaces)
        if let seconds = Int(text), seconds >= 0 { return Double(seconds) }
        guard let date = HTTPDate.parse(text) else { return nil }
        return max(0, date.timeIntervalSince(now))
    }
}

/// HTTP dates (RFC 9110 IMF-fixdate, and the two obsolete forms servers still send).
enum HTTPDate {
    static func parse(_ text: String) -> Date? {
        for format in ["EEE, dd MMM yyyy HH:mm:ss zzz", "EEEE, dd-MMM-yy HH:mm:ss zzz", "EEE MMM d HH:mm:ss yyyy"] {
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = TimeZone(identifier: "GMT")
            formatter.dateFormat = format
            if let date = formatter.date(from: text) { return date }
        }
        return nil
    }
}
