import Foundation

/// Runs DDSQL queries: executes, polls `/fetch` while the query is `running`, waits out rate limits, and reads
/// the column-major result into rows.
///
/// Named `DDSQLQueryClient` rather than after its module, so `DDSQLClient.JSONValue` stays a module-qualified name.
public struct DDSQLQueryClient: Sendable {
    public let configuration: DDSQLConfiguration
    public let transport: any HTTPTransport

    public init(configuration: DDSQLConfiguration, transport: any HTTPTransport = URLSessionTransport()) {
        self.configuration = configuration
        self.transport = transport
    }

    /// The API's bounds for `row_limit`.
    public static let rowLimitRange = 1...10_000

    /// Rows of `type` (every column of its table, or `query`'s selection), at most `limit` of them.
    ///
    /// Asks for one row more than `limit` to tell whether rows were left out (`truncated`); at `limit` 10,000,
    /// the API's maximum, a full result is reported as truncated since no more can be asked for.
    public func rows<Row: DDSQLRow>(
        _ type: Row.Type, query: DDSQLQuery<Row>? = nil, limit: Int = 1000,
        timeWindow: DDSQLTimeWindow = .lastHour
    ) async throws -> DDSQLRows<Row> {
        let query = query ?? DDSQLQuery<Row>()
        return try await rows(
            type, sql: query.sql, resultNames: query.resultNames, limit: limit,
            timeWindow: timeWindow)
    }

    /// Rows of `type` from a query written by hand; its result columns are matched to `Row`'s by name
    /// (or by `resultNames`, one per `Row.ddsqlColumns` entry, nil for a column not selected).
    public func rows<Row: DDSQLRow>(
        _ type: Row.Type, sql: String, resultNames: [String?]? = nil, limit: Int = 1000,
        timeWindow: DDSQLTimeWindow = .lastHour
    ) async throws -> DDSQLRows<Row> {
        guard Self.rowLimitRange.contains(limit) else { throw DDSQLError.invalidRowLimit(limit) }
        let result = try await execute(
            sql: sql, rowLimit: min(limit + 1, Self.rowLimitRange.upperBound),
            timeWindow: timeWindow)
        let warned = result.warnings.contains { $0.range(of: "truncat", options: .caseInsensitive) != nil }
        let truncated =
            result.rowCount > limit || (limit == Self.rowLimitRange.upperBound && result.rowCount >= limit)
            || warned
        let rows = try result.rows(type, resultNames: resultNames, limit: limit)
        return DDSQLRows(rows: rows, truncated: truncated, warnings: result.warnings, requestID: result.requestID)
    }

    /// Runs `sql` and returns the completed result as it came (at most `rowLimit` rows).
    public func execute(sql: String, rowLimit: Int, timeWindow: DDSQLTimeWindow) async throws -> DDSQLResult {
        guard Self.rowLimitRange.contains(rowLimit) else { throw DDSQLError.invalidRowLimit(rowLimit) }
        let policy = configuration.policy
        let clock = ContinuousClock()
        let deadline = clock.now + policy.deadline
        let executeBody = DDSQLRequestBody.execute(sql: sql, rowLimit: rowLimit, timeWindow: timeWindow)
        var response = try await call(
            "api/v2/ddsql/query/tabular", body: executeBody, queryID: nil,
            deadline: deadline, clock: clock)
        var interval = policy.initialPollInterval
        while true {
            switch response {
            case .completed(let result):
                return result
            case .running(let queryID, _):
                try Task.checkCancellation()
                let remaining = deadline - clock.now
                guard remaining > .zero else {
                    throw DDSQLError.deadlineExceeded(queryID: queryID, seconds: policy.deadline.seconds)
                }
                try await Task.sleep(for: min(interval, remaining))
                interval = policy.nextPollInterval(after: interval)
                response = try await call(
                    "api/v2/ddsql/query/tabular/fetch",
                    body: DDSQLRequestBody.fetch(queryID: queryID), queryID: queryID,
                    deadline: deadline, clock: clock)
            }
        }
    }

    /// One API call: sends, waits out 429s (bounded), and reads the response or its error.
    private func call(
        _ path: String, body: String, queryID: String?, deadline: ContinuousClock.Instant, clock: ContinuousClock
    ) async throws -> DDSQLResponse {
        let policy = configuration.policy
        let url = configuration.baseURL.appendingPathComponent(path)
        var rateLimitRetries = 0
        while true {
            try Task.checkCancellation()
            let remaining = deadline - clock.now
            guard remaining > .zero else {
                throw DDSQLError.deadlineExceeded(queryID: queryID, seconds: policy.deadline.seconds)
            }
            let request = HTTPRequest(
                method: "POST", url: url, headers: headers(), body: Data(body.utf8),
                timeout: min(policy.requestTimeout, remaining))
            let response: HTTPResponse
            do {
                response = try await send(request)
            } catch DDSQLError.requestTimedOut where policy.requestTimeout > remaining {
                throw DDSQLError.deadlineExceeded(queryID: queryID, seconds: policy.deadline.seconds)
            }
            switch response.status {
            case 200:
                return try DDSQLResponse.parse(Array(response.body))
            case 429:
                let error = DDSQLErrorBody.read(response)
                let reset = response.header("x-ratelimit-reset").flatMap {
                    Double($0.trimmingCharacters(in: .whitespaces))
                }
                let wait = reset.map { Duration.seconds(double: $0) } ?? policy.defaultRateLimitWait
                guard rateLimitRetries < policy.maximumRateLimitRetries, wait <= policy.maximumRateLimitWait,
                    clock.now + wait < deadline
                else {
                    throw DDSQLError.rateLimited(
                        details: error.details, resetAfterSeconds: reset,
                        requestID: error.requestID)
                }
                rateLimitRetries += 1
                try await Task.sleep(for: wait)
            default:
                let error = DDSQLErrorBody.read(response)
                throw DDSQLError.http(
                    status: response.status, details: error.details, requestID: error.requestID,
                    body: error.text)
            }
        }
    }

    private func headers() -> [(name: String, value: String)] {
        [
            ("Content-Type", "application/json"),
            ("Accept", "application/json"),
            ("DD-API-KEY", configuration.credentials.apiKey),
            ("DD-APPLICATION-KEY", configuration.credentials.applicationKey),
        ]
    }

    /// Sends through the transport, bounded by the request's timeout whatever the transport does.
    private func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        let transport = self.transport
        return try await withThrowingTaskGroup(of: HTTPResponse?.self) { group in
            group.addTask { try await transport.send(request) }
            group.addTask {
                try await Task.sleep(for: request.timeout)
                return nil
            }
            defer { group.cancelAll() }
            guard let first = try await group.next(), let response = first else {
                throw DDSQLError.requestTimedOut(seconds: request.timeout.seconds)
            }
            return response
        }
    }
}
