import Foundation

/// A query for rows of `Row`: which of its columns, from its table or table function, with optional `WHERE`,
/// `ORDER BY` and `LIMIT` text. Column names are always quoted, so result names always match the row type.
public struct DDSQLQuery<Row: DDSQLRow>: Sendable {
    private enum Source: Sendable {
        case table
        case tableFunction(arguments: [DDSQLArgument], columnsParameter: String)
    }

    private var source: Source
    /// The selected columns, as indices into `Row.ddsqlColumns`, in select order.
    public private(set) var selectedColumns: [Int]
    /// `WHERE` text (without the keyword), written as it is.
    public var whereClause: String?
    /// `ORDER BY` text (without the keywords), written as it is.
    public var orderByClause: String?
    /// SQL `LIMIT` (the client's `limit` also caps the rows; see `DDSQLQueryClient.rows`).
    public var limitClause: Int?

    /// Every column of `Row.tableID`: `SELECT "a", "b", ... FROM schema.table`, or for a table function,
    /// its call with only the `columns` argument.
    public init() {
        source = Row.ddsqlIsTableFunction ? .tableFunction(arguments: [], columnsParameter: "columns") : .table
        selectedColumns = Array(Row.ddsqlColumns.indices)
    }

    /// A table function call (`dd.logs(columns => ARRAY[...], filter => ..., ...) AS (...)`) of `Row.tableID`:
    /// the `columns` argument and the `AS` list are written from the selected columns.
    public static func tableFunction(_ arguments: [DDSQLArgument], columnsParameter: String = "columns") -> Self {
        var query = Self()
        query.source = .tableFunction(arguments: arguments, columnsParameter: columnsParameter)
        return query
    }

    /// Only the named columns (in this order). Unselected properties read as nil.
    public func selecting(_ names: [String]) throws(DDSQLError) -> Self {
        var query = self
        let columns = Row.ddsqlColumns
        query.selectedColumns = try names.map { name throws(DDSQLError) in
            guard let index = columns.firstIndex(where: { $0.name == name }) else {
                throw .unknownColumn(name, table: Row.tableID)
            }
            return index
        }
        return query
    }

    public func filter(_ whereClause: String) -> Self {
        var query = self
        query.whereClause = whereClause
        return query
    }

    public func orderBy(_ orderByClause: String) -> Self {
        var query = self
        query.orderByClause = orderByClause
        return query
    }

    public func limit(_ limit: Int) -> Self {
        var query = self
        query.limitClause = limit
        return query
    }

    /// The result column each column of `Row.ddsqlColumns` is read from (nil: not selected).
    public var resultNames: [String?] {
        let columns = Row.ddsqlColumns
        var names = [String?](repeating: nil, count: columns.count)
        let selected = selectedColumns.map { columns[$0] }
        let results: [String]
        switch source {
        case .table: results = selected.map(\.name)
        case .tableFunction: results = Self.aliases(for: selected.map(\.name))
        }
        for (index, name) in zip(selectedColumns, results) where names[index] == nil { names[index] = name }
        return names
    }

    /// The SQL text.
    public var sql: String {
        let all = Row.ddsqlColumns
        let columns = selectedColumns.map { all[$0] }
        var text: String
        switch source {
        case .table:
            text =
                "SELECT " + columns.map { SQLText.identifier($0.name) }.joined(separator: ", ")
                + " FROM " + Row.tableID
        case .tableFunction(let arguments, let columnsParameter):
            let aliases = Self.aliases(for: columns.map(\.name))
            let call = [DDSQLArgument(columnsParameter, columns.map(\.name))] + arguments
            text =
                "SELECT " + aliases.map(SQLText.identifier).joined(separator: ", ")
                + " FROM " + Row.tableID + "("
                + call.map { "\($0.name) => \($0.sql)" }.joined(separator: ", ") + ") AS ("
                + zip(aliases, columns).map { "\(SQLText.identifier($0)) \(Self.outputType($1.type))" }
                .joined(separator: ", ")
                + ")"
        }
        if let whereClause { text += " WHERE " + whereClause }
        if let orderByClause { text += " ORDER BY " + orderByClause }
        if let limitClause { text += " LIMIT \(limitClause)" }
        return text
    }

    /// Output types a table function's `AS` list accepts; other columns are requested as JSON and read back
    /// from the JSON text (arrays and hstores decode from it).
    static func outputType(_ type: DDSQLColumnType) -> String {
        switch type.kind {
        case .bigint: return "BIGINT"
        case .boolean: return "BOOLEAN"
        case .decimal: return "DECIMAL"
        case .timestamp, .date: return "TIMESTAMP"
        case .varchar: return "VARCHAR"
        case .json, .hstore, .array, .other: return "JSON"
        }
    }

    /// Plain, distinct aliases for table function columns (`@http.status_code` → `http_status_code`): lowercase
    /// letters, digits and `_`, never starting with a digit, a repeat given `_2`, `_3`, ...
    static func aliases(for names: [String]) -> [String] {
        var used: Set<String> = []
        return names.map { name in
            var alias = String(
                name.lowercased().unicodeScalars.map { scalar -> Character in
                    ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) ? Character(scalar) : "_"
                })
            while alias.hasPrefix("_") { alias.removeFirst() }
            while alias.hasSuffix("_") { alias.removeLast() }
            while alias.contains("__") { alias = alias.replacingOccurrences(of: "__", with: "_") }
            if alias.isEmpty {
                alias = "c"
            } else if alias.first!.isNumber {
                alias = "c_" + alias
            }
            var candidate = alias
            var suffix = 2
            while used.contains(candidate) {
                candidate = "\(alias)_\(suffix)"
                suffix += 1
            }
            used.insert(candidate)
            return candidate
        }
    }
}

extension DDSQLRow {
    /// Every column of the table: the start of a query to narrow with `selecting`, `filter`, `orderBy`, `limit`.
    public static func query() -> DDSQLQuery<Self> { DDSQLQuery() }
}
