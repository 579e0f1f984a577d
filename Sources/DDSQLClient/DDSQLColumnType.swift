/// A column's type as the API names it (`BIGINT`, `VARCHAR[]`, `HSTORE`, ...): what decoding is driven by.
public struct DDSQLColumnType: Hashable, Sendable, CustomStringConvertible, ExpressibleByStringLiteral {
    /// How a value of the type travels; names the API does not document are `.other` and kept as `JSONValue`.
    public enum Kind: Hashable, Sendable {
        case bigint, decimal, boolean, varchar, timestamp, date, json, hstore, array, other
    }

    /// The type's name as the API sent it.
    public let name: String
    public let kind: Kind

    public init(_ name: String) {
        self.name = name
        let upper = name.uppercased()
        if upper.hasSuffix("[]") {
            kind = .array
            return
        }
        switch upper {
        case "BIGINT", "INTEGER", "INT", "SMALLINT", "INT64": kind = .bigint
        case "DECIMAL", "DOUBLE", "DOUBLE PRECISION", "REAL", "FLOAT", "NUMERIC", "FLOAT64": kind = .decimal
        case "BOOLEAN", "BOOL": kind = .boolean
        case "VARCHAR", "TEXT", "STRING": kind = .varchar
        case "TIMESTAMP", "TIMESTAMPTZ", "TIMESTAMP WITHOUT TIME ZONE", "TIMESTAMP WITH TIME ZONE": kind = .timestamp
        case "DATE": kind = .date
        case "JSON", "JSONB": kind = .json
        case "HSTORE": kind = .hstore
        default: kind = .other
        }
    }

    public init(stringLiteral value: String) {
        self.init(value)
    }

    public var description: String { name }

    /// For `X[]`, the type `X`; nil otherwise.
    public var elementType: DDSQLColumnType? {
        kind == .array ? DDSQLColumnType(String(name.dropLast(2))) : nil
    }

    public static let bigint = DDSQLColumnType("BIGINT")
    public static let decimal = DDSQLColumnType("DECIMAL")
    public static let boolean = DDSQLColumnType("BOOLEAN")
    public static let varchar = DDSQLColumnType("VARCHAR")
    public static let timestamp = DDSQLColumnType("TIMESTAMP")
    public static let date = DDSQLColumnType("DATE")
    public static let json = DDSQLColumnType("JSON")
    public static let hstore = DDSQLColumnType("HSTORE")

    /// `X[]`.
    public static func array(_ element: DDSQLColumnType) -> DDSQLColumnType {
        DDSQLColumnType(element.name + "[]")
    }

    /// The type of values whose column type is unknown (members of parsed JSON, say): decoded by their JSON kind.
    static let untyped = DDSQLColumnType("")
}
