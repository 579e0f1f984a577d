/// One page after the parse stage: the table it defines, if any, and what was wrong with it.
public struct ParsedPage: Sendable {
    public var path: String
    public var table: Table?
    public var diagnostics: [Diagnostic]
    /// The size and digest of the bytes that were parsed, so the generation cache can record the page
    /// without reading it a second time; nil when the page could not be read.
    var read: (size: Int, hash: ContentHash)?

    public init(path: String, table: Table?, diagnostics: [Diagnostic]) {
        self.init(path: path, table: table, diagnostics: diagnostics, read: nil)
    }

    init(path: String, table: Table?, diagnostics: [Diagnostic], read: (size: Int, hash: ContentHash)?) {
        self.path = path
        self.table = table
        self.diagnostics = diagnostics
        self.read = read
    }
}
