import DDSQLClient
import Foundation

/// A query's rows as row JSON lines (the generated encoding: column names as on the page, timestamps RFC 3339),
/// in result order, whether the result left rows out, and the API's warnings.
public struct RowsPage: Sendable {
    public var lines: [String]
    public var truncated: Bool
    public var warnings: [String]

    public static func fetch<Row: DDSQLRow & Encodable>(
        _ query: DDSQLQuery<Row>, _ client: DDSQLQueryClient, _ limit: Int
    ) async throws -> RowsPage {
        let result = try await client.rows(Row.self, query: query, limit: limit, timeWindow: .lastHour)
        let encoder = DDSQLJSON.encoder()
        let lines = try result.rows.map { String(decoding: try encoder.encode($0), as: UTF8.self) }
        return RowsPage(lines: lines, truncated: result.truncated, warnings: result.warnings)
    }
}
