/// Gathers the tables read from every page into one schema, checking what no single page can:
/// that each table id is defined once across all inputs.
public enum SchemaBuilder {
    /// - Parameter tables: tables in input order (sorted paths); the first definition of an id wins.
    public static func build(_ tables: [Table]) -> (schema: Schema, diagnostics: [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        var firstByID: [String: Table] = [:]
        var kept: [Table] = []
        for table in tables {
            if let first = firstByID[table.id] {
                diagnostics.append(
                    .error(
                        "duplicate table id `\(table.id)`: also defined in \(first.source.description) "
                            + "(\(first.source.file) and \(table.source.file) describe the same table)",
                        at: table.source))
                diagnostics.append(.note("`\(table.id)` first defined here", at: first.source))
                continue
            }
            firstByID[table.id] = table
            kept.append(table)
        }
        return (Schema(tables: kept), diagnostics)
    }
}
