/// One named argument of a table function call (`filter => 'service:web'`), its value already SQL text.
public struct DDSQLArgument: Sendable, Equatable {
    public let name: String
    /// The value as SQL: a quoted literal, an `ARRAY[...]`, a number, or an expression given as it is.
    public let sql: String

    /// A string parameter: a quoted literal.
    public init(_ name: String, _ value: String) {
        self.init(name, sql: SQLText.literal(value))
    }

    /// An `array<string>` parameter: `ARRAY['a', 'b']`.
    public init(_ name: String, _ values: [String]) {
        self.init(name, sql: SQLText.arrayLiteral(values))
    }

    public init(_ name: String, _ value: Int64) {
        self.init(name, sql: String(value))
    }

    public init(_ name: String, _ value: Bool) {
        self.init(name, sql: value ? "TRUE" : "FALSE")
    }

    /// An SQL expression written as it is, e.g. `now() - interval '1 hour'`.
    public init(_ name: String, sql: String) {
        self.name = name
        self.sql = sql
    }
}
