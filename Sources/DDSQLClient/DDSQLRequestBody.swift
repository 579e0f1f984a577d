/// The two request bodies API.md documents.
enum DDSQLRequestBody {
    static func execute(sql: String, rowLimit: Int, timeWindow: DDSQLTimeWindow) -> String {
        """
        {"data":{"type":"ddsql_query_request","attributes":{"query":\(JSONStringLiteral.string(sql)),\
        "row_limit":\(rowLimit),"time":{"from_timestamp":\(timeWindow.fromMilliseconds),\
        "to_timestamp":\(timeWindow.toMilliseconds)}}}}
        """
    }

    static func fetch(queryID: String) -> String {
        """
        {"data":{"type":"ddsql_query_fetch_request","attributes":{"query_id":\(JSONStringLiteral.string(queryID))}}}
        """
    }
}
