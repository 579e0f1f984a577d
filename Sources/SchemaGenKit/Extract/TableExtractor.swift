/// Interprets a parsed page outline as one table: the single place where both formats' outlines
/// become schema values, so markdown and HTML cannot drift apart.
public enum TableExtractor {
    public static func table(from outline: PageOutline) -> (table: Table?, diagnostics: [Diagnostic]) {
        var diagnostics = outline.diagnostics
        // Bytes that are not UTF-8, an unterminated front matter: the parser already said why.
        if outline.diagnostics.hasErrors, outline.fieldsTable == nil {
            return (nil, diagnostics)
        }
        let pageStart = SourceLocation(file: outline.path, line: 1)
        guard let id = outline.tableID, let idLocation = outline.tableIDLocation else {
            diagnostics.append(
                .error(
                    "no table id (expected a code block holding `<namespace>.<name>` after the title)",
                    at: outline.titleLocation ?? pageStart))
            return (nil, diagnostics)
        }
        let parts = Table.split(id: id)
        if parts.namespace.isEmpty || parts.name.isEmpty || containsSpace(id) {
            diagnostics.append(
                .error(
                    "table id `\(id)` is not of the form `<namespace>.<name>`", at: idLocation))
            return (nil, diagnostics)
        }
        guard let fieldsTable = outline.fieldsTable else {
            diagnostics.append(
                .error(
                    outline.fieldsHeading == nil
                        ? "no fields table (expected a `Fields` heading followed by a table)"
                        : "the `Fields` heading is not followed by a table",
                    at: outline.fieldsHeading ?? pageStart))
            return (nil, diagnostics)
        }
        let (fields, fieldDiagnostics) = FieldsTableReader.read(fieldsTable)
        diagnostics += fieldDiagnostics
        var parameters: [QueryParameter] = []
        if let parameterTable = outline.queryParametersTable {
            let (read, parameterDiagnostics) = QueryParametersReader.read(parameterTable)
            parameters = read
            diagnostics += parameterDiagnostics
        }
        let title: String
        if let pageTitle = outline.title, !pageTitle.isEmpty {
            title = pageTitle
        } else {
            diagnostics.append(.warning("the page has no title; using the table id", at: pageStart))
            title = id
        }
        let table = Table(
            id: id, title: title, summary: outline.summary, deprecated: outline.deprecated,
            source: idLocation, fields: fields, queryParameters: parameters,
            deprecationNotice: outline.deprecationNotice.isEmpty ? nil : outline.deprecationNotice)
        return (table, diagnostics)
    }

    /// `id.contains(" ")`, answered from the bytes when the id is ASCII (Foundation's search,
    /// which the String form calls, also matches canonically equivalent text).
    private static func containsSpace(_ id: String) -> Bool {
        ASCII.isASCII(id.utf8) ? id.utf8.contains(UInt8(ascii: " ")) : id.contains(" ")
    }
}
