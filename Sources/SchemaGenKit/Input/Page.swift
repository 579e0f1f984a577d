/// One input page as read from disk: the first value in the pipeline, before anything is parsed.
public struct Page: Sendable {
    /// The path as the user gave it, or as found under a directory they gave; used in every message.
    public var path: String
    public var bytes: [UInt8]

    public init(path: String, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
    }

    public var format: PageFormat? { PageFormat(path: path) }
}

/// The two kinds of page the docs site serves; chosen by file extension.
public enum PageFormat: String, Sendable, CaseIterable {
    case markdown
    case html

    public static let markdownExtensions = ["md", "markdown"]
    public static let htmlExtensions = ["html", "htm"]

    public init?(path: String) {
        guard let dot = path.lastIndex(of: "."), !path[dot...].contains("/") else { return nil }
        let ext = path[path.index(after: dot)...].lowercased()
        if Self.markdownExtensions.contains(ext) {
            self = .markdown
        } else if Self.htmlExtensions.contains(ext) {
            self = .html
        } else {
            return nil
        }
    }
}
