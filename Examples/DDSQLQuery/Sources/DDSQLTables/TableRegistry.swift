import DDSQLClient

/// The tables `ddsql-rows` knows, by table id, each queried for every column: `query()` names them all, and for
/// the `dd.logs` table function passes no argument but the column list (the request's time window bounds it).
public enum TableRegistry {
    public typealias Fetch = @Sendable (DDSQLQueryClient, Int) async throws -> RowsPage

    public static let fetches: [String: Fetch] = Dictionary(uniqueKeysWithValues: [
        entry(DDSQL.AWSSagemakerModelPackage.self),
        entry(DDSQL.AWSSagemakerInferenceExperiment.self),
        entry(DDSQL.DDLogs.self),
        entry(DDSQL.DDHosts.self),
        entry(DDSQL.K8sPods.self),
    ])

    public static var tableIDs: [String] { fetches.keys.sorted() }

    private static func entry<Row: DDSQLRow & Encodable & Sendable>(_ type: Row.Type) -> (String, Fetch) {
        (Row.tableID, { client, limit in try await RowsPage.fetch(Row.query(), client, limit) })
    }
}
