/// DDSQL types → Swift, PostgreSQL, SQLite and JSON Schema, as Documentation/Output.md's "Type mapping" states.
///
/// The three outputs must agree: a value one accepts, the others accept too. Every column is nullable
/// (the pages do not say otherwise), so nullability is added by the callers, not here.
public enum TypeMapping {
    /// The non-optional Swift type of a column. With `client` (generated code that reads API results), json is
    /// DDSQLClient's `JSONText`: the cell's text, checked when the row is read and parsed when asked for.
    public static func swiftType(_ type: DataType, client: Bool = false) -> String {
        let element = swiftBase(type.base, client: client)
        return type.isArray ? "[\(element)]" : element
    }

    static func swiftBase(_ base: DataType.Base, client: Bool = false) -> String {
        switch base {
        case .json where client: "JSONText"
        case .string, .date, .interval: "String"
        case .int64: "Int64"
        case .float64: "Double"
        case .bool: "Bool"
        case .timestamp: "Date"
        case .json, .unknown: "JSONValue"
        case .hstore: "[String: String]"
        case .hstoreCSV: "[String]"
        }
    }

    public static func postgresType(_ type: DataType) -> String {
        switch (type.base, type.isArray) {
        // An array of tag lists would be a ragged two-dimensional array, which PostgreSQL cannot hold.
        case (.hstoreCSV, true), (.unknown, _): "jsonb"
        case (let base, true): postgresBase(base) + "[]"
        case (let base, false): postgresBase(base)
        }
    }

    static func postgresBase(_ base: DataType.Base) -> String {
        switch base {
        case .string: "text"
        case .int64: "bigint"
        case .float64: "double precision"
        case .bool: "boolean"
        case .timestamp: "timestamp"
        case .date: "date"
        case .interval: "interval"
        case .json, .unknown: "jsonb"
        case .hstore: "hstore"
        case .hstoreCSV: "text[]"
        }
    }

    /// SQLite storage type and the CHECK constraint that keeps the column honest (STRICT tables).
    public static func sqliteType(_ type: DataType) -> (type: String, check: SQLiteCheck?) {
        if type.isArray { return ("TEXT", .jsonArray) }
        switch type.base {
        case .string, .timestamp, .date, .interval: return ("TEXT", nil)
        case .int64: return ("INTEGER", nil)
        case .float64: return ("REAL", nil)
        case .bool: return ("INTEGER", .boolean)
        case .json, .unknown: return ("TEXT", .json)
        case .hstore: return ("TEXT", .jsonObject)
        case .hstoreCSV: return ("TEXT", .jsonArray)
        }
    }

    public enum SQLiteCheck: Sendable {
        case boolean, json, jsonObject, jsonArray

        /// The CHECK expression for a column whose quoted name is `column`. NULL passes: SQLite's
        /// `json_valid(NULL)` is 0, not NULL, so the JSON checks say so explicitly.
        public func expression(column: String) -> String {
            switch self {
            case .boolean: "\(column) IN (0, 1)"
            case .json: "\(column) IS NULL OR json_valid(\(column))"
            case .jsonObject: "\(column) IS NULL OR (json_valid(\(column)) AND json_type(\(column)) = 'object')"
            case .jsonArray: "\(column) IS NULL OR (json_valid(\(column)) AND json_type(\(column)) = 'array')"
            }
        }
    }

    /// The JSON Schema of a column's value, `null` allowed unless `allowsNull` is false (a required
    /// column, where a `json` column's `{}` becomes "anything but null").
    public static func jsonSchema(_ type: DataType, allowsNull: Bool = true) -> JSONFragment {
        if !allowsNull {
            if type.isArray { return .object([("type", .string("array")), ("items", jsonBase(type.base))]) }
            if case .object(let members) = jsonBase(type.base), members.isEmpty {
                return .object([("not", .object([("type", .string("null"))]))])
            }
            return jsonBase(type.base)
        }
        if type.isArray {
            return .object([("type", .array([.string("array"), .string("null")])), ("items", jsonBase(type.base))])
        }
        return nullable(jsonBase(type.base))
    }

    static func jsonBase(_ base: DataType.Base) -> JSONFragment {
        switch base {
        case .string: .object([("type", .string("string"))])
        case .int64:
            .object([
                ("type", .string("integer")),
                ("minimum", .raw(String(Int64.min))), ("maximum", .raw(String(Int64.max))),
            ])
        case .float64: .object([("type", .string("number"))])
        case .bool: .object([("type", .string("boolean"))])
        case .timestamp: .object([("type", .string("string")), ("format", .string("date-time"))])
        case .date: .object([("type", .string("string")), ("format", .string("date"))])
        case .interval: .object([("type", .string("string")), ("format", .string("duration"))])
        case .json, .unknown: .object([])
        case .hstore:
            .object([("type", .string("object")), ("additionalProperties", .object([("type", .string("string"))]))])
        case .hstoreCSV: .object([("type", .string("array")), ("items", .object([("type", .string("string"))]))])
        }
    }

    /// Adds `"null"` to a fragment's `type`; a fragment without `type` (any JSON) already allows null.
    static func nullable(_ fragment: JSONFragment) -> JSONFragment {
        guard case .object(var members) = fragment,
            let i = members.firstIndex(where: { $0.0 == "type" }), case .string(let name) = members[i].1
        else { return fragment }
        members[i].1 = .array([.string(name), .string("null")])
        return .object(members)
    }
}
