/// Gathers the tables read from every page into one schema, checking what no single page can:
/// that each table id is defined once across all inputs.
public enum SchemaBuilder {
    /// - Parameter tables: tables in input order (sorted paths); the first definition of an id wins.
    public static func build(_ tables: [Table]) -> (schema: Schema, diagnostics: [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        // Where each id was first defined (a table's place, not the table: tables are large to copy).
        var firstByID: [String: SourceLocation] = [:]
        firstByID.reserveCapacity(tables.count)
        var kept: [Table] = []
        kept.reserveCapacity(tables.count)
        for table in tables {
            if let first = firstByID[table.id] {
                diagnostics.append(
                    .error(
                        "duplicate table id `\(table.id)`: also defined in \(first.description) "
                            + "(\(first.file) and \(table.source.file) describe the same table)",
                        at: table.source))
                diagnostics.append(.note("`\(table.id)` first defined here", at: first))
                continue
            }
            firstByID[table.id] = table.source
            kept.append(table)
        }
        return (Schema(tables: kept), diagnostics)
    }
}
