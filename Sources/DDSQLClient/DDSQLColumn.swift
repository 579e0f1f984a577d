/// A column of a row type: its name in the table (the result column it is read from) and its API type.
public struct DDSQLColumn: Hashable, Sendable {
    public let name: String
    /// The API type: the output type a table function's `AS (...)` list declares for it.
    public let type: DDSQLColumnType

    public init(_ name: String, _ type: DDSQLColumnType) {
        self.name = name
        self.type = type
    }
}
