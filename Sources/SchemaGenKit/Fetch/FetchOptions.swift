/// Everything one `fetch` run needs to know, from the command line over the `fetch:` section of
/// `schemagen.yml` over the defaults.
public struct FetchOptions: Sendable {
    public static let defaultConcurrency = 8
    /// More parallel requests than this is no longer polite to a documentation site.
    public static let maxConcurrency = 16
    public static let defaultTimeout: Double = 30

    /// The folder the pages are written into.
    public var folder: String
    public var site: DocsSite
    /// Namespaces to fetch (the index's folder names such as `aws`, or set names such as `Datadog`,
    /// either case); empty: all.
    public var namespaces: [String]
    /// The tables to fetch; nil: every table of the namespaces.
    public var tables: TableSelection?
    public var format: FetchFormat
    public var concurrency: Int
    /// Seconds one request may take.
    public var timeout: Double
    /// Accept an index listing fewer than half the pages the folder holds from the last run.
    public var allowShrink: Bool
    public var retry: RetryPolicy
    /// Where the validators of the last run are kept; nil: every page is downloaded unconditionally.
    public var cache: CacheStore?

    public init(
        folder: String, site: DocsSite, namespaces: [String] = [], tables: TableSelection? = nil,
        format: FetchFormat = .markdown, concurrency: Int = FetchOptions.defaultConcurrency,
        timeout: Double = FetchOptions.defaultTimeout, allowShrink: Bool = false, retry: RetryPolicy = RetryPolicy(),
        cache: CacheStore? = nil
    ) {
        self.folder = folder
        self.site = site
        self.namespaces = namespaces
        self.tables = tables
        self.format = format
        self.concurrency = concurrency
        self.timeout = timeout
        self.allowShrink = allowShrink
        self.retry = retry
        self.cache = cache
    }
}
