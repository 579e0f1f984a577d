/// Rows of a query, with what the API said about them.
public struct DDSQLRows<Row> {
    public var rows: [Row]
    /// More rows matched than were returned (the limit was reached, or the API warned of truncation).
    public var truncated: Bool
    /// The API's warnings, verbatim.
    public var warnings: [String]
    /// `meta.request_id` of the final response.
    public var requestID: String?
}

extension DDSQLRows: Sendable where Row: Sendable {}
