/// Table and column names for the SQLite script, unique the way SQLite compares them.
///
/// SQLite compares identifiers ignoring ASCII case, quoted or not: `"aws.Foo"` and `"aws.foo"`, or
/// columns `account_id` and `ACCOUNT_ID`, are one name there, and the script would stop at the second
/// (`table ... already exists`, `duplicate column name`). As with Swift names, the first in schema
/// order keeps its name and later ones get `2`, `3`, ..., each with a warning at its page line.
/// PostgreSQL compares quoted identifiers exactly, so its script keeps every name as it is.
struct SQLiteNames: Sendable {
    /// Each table's SQLite name, in schema order.
    var tableNames: [String]
    /// For the tables with a renamed column only: every column's SQLite name, in field order.
    var columnNames: [Int: [String]]
    var diagnostics: [Diagnostic]

    init(_ schema: Schema) {
        let tables = schema.tables
        var diagnostics: [Diagnostic] = []
        let ids = tables.map(\.id)
        let tableClaims = ASCIICaseInsensitiveNames.hasClash(ids) ? ASCIICaseInsensitiveNames.unique(ids) : nil
        tableNames = tables.enumerated().map { i, table in
            guard let claim = tableClaims?[i], let first = claim.clashedWith else { return table.id }
            diagnostics.append(
                .warning(
                    "SQLite table `\(table.id)` is the same name as `\(first)` to SQLite, which ignores case; "
                        + "sqlite.sql names it `\(claim.name)`",
                    at: table.source))
            return claim.name
        }
        var columnNames: [Int: [String]] = [:]
        let clashing = tables.parallelMap(chunk: 64) { ASCIICaseInsensitiveNames.hasClash($0.fields.map(\.name)) }
        for (i, table) in tables.enumerated() where clashing[i] {
            let fields = table.fields
            let claims = ASCIICaseInsensitiveNames.unique(fields.map(\.name))
            columnNames[i] = zip(fields, claims).map { field, claim in
                let (name, first) = claim
                if let first {
                    diagnostics.append(
                        .warning(
                            "column `\(field.name)` of `\(table.id)` is the same name as column `\(first)` to SQLite, "
                                + "which ignores case; sqlite.sql names it `\(name)`",
                            at: SourceLocation(file: table.source.file, line: field.line)))
                }
                return name
            }
        }
        self.columnNames = columnNames
        self.diagnostics = diagnostics
    }

}

/// Unique names compared ignoring ASCII case, as SQLite compares identifiers.
enum ASCIICaseInsensitiveNames {
    /// Each of `names`, in order: the first of names equal ignoring case keeps its name, later ones
    /// take the first `name2`, `name3`, ... that no other name has (one given later included), each
    /// with the name it clashed with.
    static func unique(_ names: [String]) -> [(name: String, clashedWith: String?)] {
        var firstByFolded: [String: String] = [:]
        firstByFolded.reserveCapacity(names.count)
        for name in names where firstByFolded[folded(name)] == nil { firstByFolded[folded(name)] = name }
        var kept = Set<String>()
        var taken = Set(firstByFolded.keys)
        return names.map { name in
            let key = folded(name)
            guard !kept.insert(key).inserted else { return (name, nil) }
            let first = firstByFolded[key]!
            var n = 2
            while taken.contains(folded("\(name)\(n)")) { n += 1 }
            let renamed = "\(name)\(n)"
            taken.insert(folded(renamed))
            return (renamed, first)
        }
    }

    /// Whether two of `names` are equal ignoring ASCII case.
    static func hasClash(_ names: [String]) -> Bool {
        guard names.count > 1 else { return false }
        var seen = Set<String>(minimumCapacity: names.count)
        return names.contains { !seen.insert(folded($0)).inserted }
    }

    static func folded(_ name: String) -> String {
        guard name.utf8.contains(where: { $0 >= 0x41 && $0 <= 0x5A }) else { return name }
        return String(decoding: name.utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }, as: UTF8.self)
    }
}
