/// How long the client waits, and how often it polls: every bound of a query, all configurable.
public struct DDSQLPolicy: Sendable, Equatable {
    /// The wait before the first `/fetch` poll of a running query.
    public var initialPollInterval: Duration
    /// Each wait is the previous one times this, up to `maximumPollInterval`.
    public var pollBackoffFactor: Double
    public var maximumPollInterval: Duration
    /// The whole query (execute, polls and rate-limit waits) must complete within this.
    public var deadline: Duration
    /// One HTTP request and its answer must take no longer than this.
    public var requestTimeout: Duration
    /// The longest wait for a rate limit to reset; a longer `X-RateLimit-Reset` is an error at once.
    public var maximumRateLimitWait: Duration
    /// How many 429 answers in a row are waited out before giving up.
    public var maximumRateLimitRetries: Int
    /// The wait after a 429 without an `X-RateLimit-Reset` header.
    public var defaultRateLimitWait: Duration

    /// Polls after 0.5 s, backing off by 1.5x to 5 s (Datadog's own scripts poll about once a second), a 2-minute
    /// deadline, 30 s per request, and rate-limit waits of up to 30 s, 3 times in a row.
    public init(
        initialPollInterval: Duration = .milliseconds(500),
        pollBackoffFactor: Double = 1.5,
        maximumPollInterval: Duration = .seconds(5),
        deadline: Duration = .seconds(120),
        requestTimeout: Duration = .seconds(30),
        maximumRateLimitWait: Duration = .seconds(30),
        maximumRateLimitRetries: Int = 3,
        defaultRateLimitWait: Duration = .seconds(1)
    ) {
        self.initialPollInterval = initialPollInterval
        self.pollBackoffFactor = pollBackoffFactor
        self.maximumPollInterval = maximumPollInterval
        self.deadline = deadline
        self.requestTimeout = requestTimeout
        self.maximumRateLimitWait = maximumRateLimitWait
        self.maximumRateLimitRetries = maximumRateLimitRetries
        self.defaultRateLimitWait = defaultRateLimitWait
    }

    /// The wait after `interval`: longer by the backoff factor, never beyond the maximum.
    func nextPollInterval(after interval: Duration) -> Duration {
        min(.seconds(double: interval.seconds * max(pollBackoffFactor, 1)), maximumPollInterval)
    }
}
