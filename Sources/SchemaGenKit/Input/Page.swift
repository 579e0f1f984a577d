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
        guard let ext = Self.fileExtension(path) else { return nil }
        if Self.markdownExtensions.contains(ext) {
            self = .markdown
        } else if Self.htmlExtensions.contains(ext) {
            self = .html
        } else {
            return nil
        }
    }

    /// The lower-cased text after the last `.` of the file name, nil without one. ASCII paths are
    /// read as bytes; others by Characters (a combining accent makes `.` another Character).
    private static func fileExtension(_ path: String) -> String? {
        let utf8 = path.utf8
        guard utf8.allSatisfy({ $0 < 0x80 }) else {
            guard let dot = path.lastIndex(of: "."), !path[dot...].contains("/") else { return nil }
            return path[path.index(after: dot)...].lowercased()
        }
        guard let dot = utf8.lastIndex(of: UInt8(ascii: ".")), !utf8[dot...].contains(UInt8(ascii: "/")) else {
            return nil
        }
        return String(path[path.utf8.index(after: dot)...]).lowercased()
    }
}
