import Foundation

/// Everything a DDSQL query can fail with. Descriptions never contain API or application keys.
public enum DDSQLError: Error, Sendable, Equatable {
    /// The configuration cannot be used (no key, unknown site, a base URL that is not http(s)).
    case invalidConfiguration(String)
    /// `row_limit` outside 1...10,000; caught before anything is sent.
    case invalidRowLimit(Int)
    /// A column name the row type does not have (when selecting a subset of columns).
    case unknownColumn(String, table: String)
    /// The API answered with an error status. `details` are the JSON:API errors' `detail` texts, verbatim
    /// (or the plain messages of a 429), `requestID` is `meta.request_id` when the body has one.
    case http(status: Int, details: [String], requestID: String?, body: String)
    /// Still rate limited after the allowed waits, or the reset is further away than the allowed wait.
    case rateLimited(details: [String], resetAfterSeconds: Double?, requestID: String?)
    /// The query was still `running` when the overall deadline passed.
    case deadlineExceeded(queryID: String?, seconds: Double)
    /// One HTTP request took longer than the per-request timeout.
    case requestTimedOut(seconds: Double)
    /// The request could not be sent or its answer not received.
    case transport(String)
    /// The response is not the documented shape (no envelope, columns of different lengths, ...).
    case malformedResponse(String, requestID: String?)
    /// A value cannot be read as the row type wants: names the column and the row (0-based, in result order).
    case invalidValue(column: String, row: Int, message: String)
    /// A text that should hold JSON does not.
    case invalidJSON(String)

    /// The HTTP status of an API error, when there is one.
    public var status: Int? {
        switch self {
        case .http(let status, _, _, _): return status
        case .rateLimited: return 429
        default: return nil
        }
    }

    /// `meta.request_id` of the response that failed, when it had one: what Datadog support asks for.
    public var requestID: String? {
        switch self {
        case .http(_, _, let id, _), .rateLimited(_, _, let id), .malformedResponse(_, let id): return id
        default: return nil
        }
    }
}

extension DDSQLError: CustomStringConvertible, LocalizedError {
    public var description: String {
        func request(_ id: String?) -> String { id.map { " (request id \($0))" } ?? "" }
        switch self {
        case .invalidConfiguration(let message):
            return "DDSQL configuration: \(message)"
        case .invalidRowLimit(let limit):
            return "row limit \(limit) is outside 1...10000"
        case .unknownColumn(let name, let table):
            return "table \(table) has no column \(name)"
        case .http(let status, let details, let id, let body):
            let text = details.isEmpty ? String(body.prefix(500)) : details.joined(separator: "; ")
            return "DDSQL API error: HTTP \(status): \(text)\(request(id))"
        case .rateLimited(let details, let reset, let id):
            let wait = reset.map { ", resets in \($0) s" } ?? ""
            let text = details.isEmpty ? "" : ": " + details.joined(separator: "; ")
            return "DDSQL API error: HTTP 429 rate limited\(wait)\(text)\(request(id))"
        case .deadlineExceeded(let queryID, let seconds):
            let query = queryID.map { " (query id \($0))" } ?? ""
            return "DDSQL query still running after \(seconds) s\(query)"
        case .requestTimedOut(let seconds):
            return "DDSQL request timed out after \(seconds) s"
        case .transport(let message):
            return "DDSQL request failed: \(message)"
        case .malformedResponse(let message, let id):
            return "malformed DDSQL response: \(message)\(request(id))"
        case .invalidValue(let column, let row, let message):
            return "column \(column), row \(row): \(message)"
        case .invalidJSON(let message):
            return "invalid JSON: \(message)"
        }
    }

    public var errorDescription: String? { description }
}
