import Foundation

@testable import SchemaGenKit

/// One sample row per table, made from the schema: a value of each column's type (some null, strings
/// with non-ASCII text, quotes and backslashes), written out for each consumer — JSON for Swift and the
/// JSON Schema validator, INSERT statements for PostgreSQL and SQLite. Nothing is typed in per table.
enum SampleValue: Equatable, Sendable {
    case null
    case string(String)
    case integer(Int64)
    case number(Double)
    case bool(Bool)
    /// RFC 3339, as every target accepts it.
    case timestamp(String)
    case date(String)
    case interval(String)
    /// JSON text.
    case json(String)
    case hstore([(String, String)])
    case array([SampleValue])

    static func == (lhs: SampleValue, rhs: SampleValue) -> Bool { lhs.jsonText == rhs.jsonText }

    /// The value for column number `index` of the given type; every fourth column is null.
    static func sample(for type: DataType, index: Int) -> SampleValue {
        if index % 4 == 3 { return .null }
        let element = base(type.base, index: index)
        guard type.isArray else { return element }
        return .array([element, base(type.base, index: index + 1)])
    }

    private static func base(_ base: DataType.Base, index: Int) -> SampleValue {
        switch base {
        case .string: .string(index % 2 == 0 ? "héllo wörld ✓ 日本 \(index)" : #"it's "quoted" \ back\slash $$ -- /* */"#)
        case .int64: .integer(index % 2 == 0 ? 9_007_199_254_740_993 : -42)
        case .float64: .number(index % 2 == 0 ? 1.5 : -0.25)
        case .bool: .bool(index % 2 == 0)
        case .timestamp: .timestamp(index % 2 == 0 ? "2025-10-02T09:36:04Z" : "2024-02-29T23:59:59.250Z")
        case .date: .date("2025-10-02")
        case .interval: .interval("P1DT2H")
        case .json, .unknown: .json(#"{"k":[1,"é",null,true],"n":2.5}"#)
        case .hstore: .hstore([("env", "prod"), ("ключ", "значение ✓")])
        case .hstoreCSV: .array([.string("env:prod"), .string("team:ü")])
        }
    }

    var jsonText: String {
        switch self {
        case .null: "null"
        case .string(let s), .timestamp(let s), .date(let s), .interval(let s): Escaping.jsonString(s)
        case .integer(let i): String(i)
        case .number(let d): String(d)
        case .bool(let b): b ? "true" : "false"
        case .json(let text): text
        case .hstore(let pairs):
            "{" + pairs.map { Escaping.jsonString($0.0) + ":" + Escaping.jsonString($0.1) }.joined(separator: ",") + "}"
        case .array(let items): "[" + items.map(\.jsonText).joined(separator: ",") + "]"
        }
    }

    /// The value as the DDSQL API sends it in a column of the type's API type (API.md): timestamps and dates as
    /// Unix milliseconds, json as a string holding its JSON text, hstore_csv as `key:value` strings, a type
    /// the API does not document as its raw JSON.
    func apiJSONText(_ type: DataType) -> String {
        switch self {
        case .timestamp(let text), .date(let text):
            let date =
                text.count == 10
                ? try! Date(text + "T00:00:00Z", strategy: .iso8601)
                : try! Date(text, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: text.contains(".")))
            return String(Int64((date.timeIntervalSince1970 * 1000).rounded()))
        case .json(let text):
            if case .unknown = type.base { return text }
            return Escaping.jsonString(text)
        case .array(let items):
            let element = DataType(parsing: type.base.name)!
            return "[" + items.map { $0.apiJSONText(element) }.joined(separator: ",") + "]"
        default:
            return jsonText
        }
    }

    /// A PostgreSQL literal of the column's type.
    func postgresLiteral(_ type: DataType) -> String {
        switch self {
        case .null: return "NULL"
        case .string(let s): return Escaping.sqlString(s)
        case .integer(let i): return String(i)
        case .number(let d): return String(d)
        case .bool(let b): return b ? "TRUE" : "FALSE"
        case .timestamp(let s): return Escaping.sqlString(s) + "::timestamp"
        case .date(let s): return Escaping.sqlString(s) + "::date"
        case .interval(let s): return Escaping.sqlString(s) + "::interval"
        case .json(let text): return Escaping.sqlString(text) + "::jsonb"
        case .hstore(let pairs):
            return "hstore(ARRAY[\(pairs.map { Escaping.sqlString($0.0) }.joined(separator: ","))]::text[], "
                + "ARRAY[\(pairs.map { Escaping.sqlString($0.1) }.joined(separator: ","))]::text[])"
        case .array(let items):
            let pgType = TypeMapping.postgresType(type)
            if pgType == "jsonb" { return Escaping.sqlString(jsonText) + "::jsonb" }
            let element = DataType(parsing: type.base.name)!
            return "ARRAY[" + items.map { $0.postgresLiteral(element) }.joined(separator: ",") + "]::" + pgType
        }
    }

    /// A SQLite literal: JSON-typed columns hold JSON text, booleans 0 or 1.
    var sqliteLiteral: String {
        switch self {
        case .null: "NULL"
        case .string(let s), .timestamp(let s), .date(let s), .interval(let s): Escaping.sqlString(s)
        case .integer(let i): String(i)
        case .number(let d): String(d)
        case .bool(let b): b ? "1" : "0"
        case .json, .hstore, .array: Escaping.sqlString(jsonText)
        }
    }
}

struct SampleRow: Sendable {
    var table: Table
    var values: [(column: String, value: SampleValue, type: DataType)]

    init(table: Table) {
        self.table = table
        values = table.fields.enumerated().map { i, field in
            (field.name, SampleValue.sample(for: field.dataType, index: i), field.dataType)
        }
    }

    /// The row as a JSON object, keys in column order.
    var json: String {
        "{" + values.map { Escaping.jsonString($0.column) + ":" + $0.value.jsonText }.joined(separator: ",") + "}"
    }

    /// The row as a completed DDSQL API response (column-major, one value per column), each column named as on
    /// the page and typed with its API type, in reverse page order (the reader matches columns by name).
    var apiResponse: String {
        let columns = values.reversed().map { column, value, type in
            "{\"name\":" + Escaping.jsonString(column) + ",\"type\":" + Escaping.jsonString(Self.apiType(type))
                + ",\"values\":[" + value.apiJSONText(type) + "]}"
        }
        return #"{"data":{"id":"r","type":"ddsql_query_response","attributes":{"state":"completed","columns":["#
            + columns.joined(separator: ",") + #"]}},"meta":{"request_id":"sample"}}"#
    }

    /// The API type of a page type, as API.md maps them.
    static func apiType(_ type: DataType) -> String {
        let base =
            switch type.base {
            case .string: "VARCHAR"
            case .int64: "BIGINT"
            case .float64: "DECIMAL"
            case .bool: "BOOLEAN"
            case .timestamp: "TIMESTAMP"
            case .date: "DATE"
            case .interval: "INTERVAL"
            case .json: "JSON"
            case .hstore, .hstoreCSV: "HSTORE"
            case .unknown(let name): name.uppercased()
            }
        return type.isArray ? base + "[]" : base
    }

    /// The same row with one value of the wrong JSON type: a string where a number, boolean, object
    /// or array belongs, or else a number in a string column.
    var jsonWithWrongType: String {
        var copy = values
        let nonString: Set<String> = ["int64", "float64", "bool", "hstore", "hstore_csv"]
        if let i = copy.firstIndex(where: { $0.type.isArray || nonString.contains($0.type.base.name) }) {
            copy[i].value = .string("not a \(copy[i].type.spelling)")
        } else if let i = copy.firstIndex(where: { $0.type.base == .string }) {
            copy[i].value = .integer(12)
        }
        return "{" + copy.map { Escaping.jsonString($0.column) + ":" + $0.value.jsonText }.joined(separator: ",") + "}"
    }

    var postgresInsert: String {
        "INSERT INTO \(Escaping.sqlIdentifier(table.namespace)).\(Escaping.sqlIdentifier(table.name)) ("
            + values.map { Escaping.sqlIdentifier($0.column) }.joined(separator: ", ") + ") VALUES ("
            + values.map { $0.value.postgresLiteral($0.type) }.joined(separator: ", ") + ");"
    }

    var sqliteInsert: String {
        "INSERT INTO \(Escaping.sqlIdentifier(table.id)) ("
            + values.map { Escaping.sqlIdentifier($0.column) }.joined(separator: ", ") + ") VALUES ("
            + values.map(\.value.sqliteLiteral).joined(separator: ", ") + ");"
    }
}
