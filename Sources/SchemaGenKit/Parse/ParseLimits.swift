/// Bounds on what one page may hold, so hostile or broken input fails with a clear message instead
/// of exhausting memory or time. Real data-directory pages are far inside them.
public struct ParseLimits: Sendable, Hashable {
    /// Bytes in one page file; checked before the file is read.
    public var maxPageBytes: Int
    /// Rows in one Fields or Query Parameters table.
    public var maxTableRows: Int

    public init(maxPageBytes: Int = 16 * 1024 * 1024, maxTableRows: Int = 10_000) {
        self.maxPageBytes = maxPageBytes
        self.maxTableRows = maxTableRows
    }

    public static let `default` = ParseLimits()

    /// Element nesting in HTML: how many elements another may be inside, the bound libxml2 puts on
    /// the documents it builds. schemagen reads libxml2's events, not a document, and keeps the same
    /// bound itself: without it libxml2's HTML parser slows down with the square of the depth.
    public static let htmlNestingDepth = 256
}
