/// What a page parser pulls out of one page, before any of it is interpreted: the handful of parts
/// the schema needs, each with where it was found. Markdown and HTML parsers both produce this, so
/// everything after them (the fields-table reader, the schema) is shared.
public struct PageOutline: Sendable {
    public var path: String
    public var title: String?
    public var titleLocation: SourceLocation?
    public var summary: String = ""
    public var tableID: String?
    public var tableIDLocation: SourceLocation?
    public var deprecated = false
    /// The deprecation banner's words, white space folded, markup removed; empty when there is none.
    public var deprecationNotice = ""
    /// Where the `Fields` heading is, when there is one, even if no table follows it.
    public var fieldsHeading: SourceLocation?
    public var fieldsTable: RawTable?
    public var queryParametersTable: RawTable?
    /// Problems the parser itself found (bad bytes, unterminated front matter, ...).
    public var diagnostics: [Diagnostic] = []

    public init(path: String) {
        self.path = path
    }
}

/// A table's cells as text, with locations; no meaning assigned yet.
public struct RawTable: Sendable {
    public var header: RawRow
    public var rows: [RawRow]

    public init(header: RawRow, rows: [RawRow]) {
        self.header = header
        self.rows = rows
    }
}

public struct RawRow: Sendable {
    public var cells: [RawCell]
    public var location: SourceLocation

    public init(cells: [RawCell], location: SourceLocation) {
        self.cells = cells
        self.location = location
    }
}

public struct RawCell: Sendable {
    /// The cell's text, white space folded; markdown escapes of `|` already undone.
    public var text: String
    public var location: SourceLocation

    public init(text: String, location: SourceLocation) {
        self.text = text
        self.location = location
    }
}
