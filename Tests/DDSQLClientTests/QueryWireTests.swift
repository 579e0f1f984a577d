import DDSQLClient
import Foundation
import Testing

/// What goes over the wire, checked by the test server the way Datadog checks it.
@Suite struct QueryWireTests {
    @Test func immediateResultThroughTheRowTypesQuery() async throws {
        let client = try testClient()
        let result = try await client.rows(SimpleRow.self, limit: 7, timeWindow: testWindow)
        #expect(
            result.rows == [
                SimpleRow(name: "alpha", count: 1), SimpleRow(name: "beta", count: 2),
                SimpleRow(name: "gamma", count: 3),
            ])
        #expect(result.truncated == false)
        #expect(result.warnings == [])
        #expect(result.requestID == "req-completed")

        let sql = #"SELECT "name", "count" FROM scenario.immediate"#
        let requests = try await TestServer.server().requests(containing: #"row_limit":8"#)
            .filter { $0.body.contains("scenario.immediate") }
        let request = try #require(requests.last)
        #expect(request.path == "/api/v2/ddsql/query/tabular")
        #expect(request.apiKey == TestServer.apiKey)
        #expect(request.appKey == TestServer.appKey)
        #expect(request.contentType == "application/json")
        #expect(request.accept == "application/json")
        let data = try #require(request.json["data"] as? [String: Any])
        #expect(data["type"] as? String == "ddsql_query_request")
        let attributes = try #require(data["attributes"] as? [String: Any])
        #expect(attributes["query"] as? String == sql)
        #expect(attributes["row_limit"] as? Int == 8)
        let time = try #require(attributes["time"] as? [String: Any])
        #expect((time["from_timestamp"] as? NSNumber)?.int64Value == 1_759_390_000_000)
        #expect((time["to_timestamp"] as? NSNumber)?.int64Value == 1_759_393_600_000)
    }

    @Test func runningQueryIsPolledUntilCompleted() async throws {
        let client = try testClient()
        let text = "SELECT name, count FROM scenario.running -- polls"
        let result = try await client.rows(SimpleRow.self, sql: text, limit: 10, timeWindow: testWindow)
        #expect(result.rows.map(\.name) == ["alpha", "beta", "gamma"])

        let server = try TestServer.server()
        let executes = try await server.requests(containing: "scenario.running -- polls")
        #expect(executes.count == 1)
        let queryID = try #require(executes[0].queryID)
        let fetches = try await server.requests().filter {
            $0.path.hasSuffix("/fetch") && $0.body.contains("\"\(queryID)\"")
        }
        // Three polls: running, running, completed.
        #expect(fetches.count == 3)
        #expect(fetches.allSatisfy { $0.body.contains("ddsql_query_fetch_request") })
        #expect(fetches.allSatisfy { $0.apiKey == TestServer.apiKey && $0.appKey == TestServer.appKey })
        // Each poll waits at least the initial interval (50 ms) after the previous request.
        var previous = executes[0].time
        for fetch in fetches {
            #expect(fetch.time - previous >= 0.045)
            previous = fetch.time
        }
    }

    @Test func rowLimitIsCheckedBeforeSending() async throws {
        let client = try testClient()
        for limit in [0, -1, 10_001] {
            let text = "SELECT 1 FROM scenario.immediate -- limit \(limit)"
            let error = await ddsqlError {
                _ = try await client.rows(SimpleRow.self, sql: text, limit: limit, timeWindow: testWindow)
            }
            #expect(error == .invalidRowLimit(limit))
            #expect(try await TestServer.server().requests(containing: text).isEmpty)
        }
        let error = await ddsqlError {
            _ = try await client.execute(sql: "SELECT 1", rowLimit: 0, timeWindow: testWindow)
        }
        #expect(error == .invalidRowLimit(0))
    }

    @Test func theMaximumLimitAsksForTheMaximum() async throws {
        let client = try testClient()
        let text = "SELECT n FROM scenario.truncation -- maximum"
        let result = try await client.rows(NumberRow.self, sql: text, limit: 10_000, timeWindow: testWindow)
        #expect(result.rows.count == 25)
        #expect(result.truncated == false)
        let request = try #require(try await TestServer.server().requests(containing: text).first)
        #expect(request.body.contains(#""row_limit":10000"#))
    }

    /// The server itself rejects a row limit out of range, as the API does: proof that its checks are real.
    @Test func serverRejectsRowLimitOutOfRange() async throws {
        let server = try TestServer.server()
        let body =
            #"{"data":{"type":"ddsql_query_request","attributes":{"query":"SELECT 1","row_limit":0,"#
            + #""time":{"from_timestamp":1,"to_timestamp":2}}}}"#
        let request = HTTPRequest(
            method: "POST", url: server.baseURL.appendingPathComponent("api/v2/ddsql/query/tabular"),
            headers: [
                ("Content-Type", "application/json"), ("DD-API-KEY", TestServer.apiKey),
                ("DD-APPLICATION-KEY", TestServer.appKey),
            ],
            body: Data(body.utf8), timeout: .seconds(10))
        let response = try await URLSessionTransport().send(request)
        #expect(response.status == 400)
        #expect(String(decoding: response.body, as: UTF8.self).contains("row_limit must be between 1 and 10000"))
    }

    @Test func wrongKeysAreRejected() async throws {
        let client = try testClient(apiKey: "not-the-key")
        let error = await ddsqlError {
            _ = try await client.rows(
                SimpleRow.self, sql: "SELECT 1 FROM scenario.immediate -- bad key",
                timeWindow: testWindow)
        }
        #expect(
            error
                == .http(
                    status: 403, details: ["Invalid API key or application key"], requestID: "req-badkey",
                    body: error.map(bodyOf) ?? ""))
        #expect(!String(describing: error).contains("not-the-key"))
    }

    @Test func tableFunctionQueryMapsAliasesBackToProperties() async throws {
        let query = try LogRow.query()
            .selecting(["timestamp", "host", "@http.status_code", "@network.client.port"])
        let withArguments = DDSQLQuery<LogRow>.tableFunction([
            DDSQLArgument("filter", "scenario.table_function service:web-api"),
            DDSQLArgument("indexes", ["main", "o'brien"]),
        ])
        let selected = try withArguments.selecting(["timestamp", "host", "@http.status_code", "@network.client.port"])
        #expect(query.resultNames == ["timestamp", "host", nil, nil, "http_status_code", "network_client_port"])
        #expect(
            LogRow.query().sql.hasSuffix(
                #"FROM dd.logs(columns => ARRAY['timestamp', 'host', 'service', "#
                    + #"'message', '@http.status_code', '@network.client.port']) AS ("timestamp" TIMESTAMP, "host" VARCHAR, "#
                    + #""service" VARCHAR, "message" VARCHAR, "http_status_code" BIGINT, "network_client_port" BIGINT)"#
            ))
        #expect(
            selected.sql == """
                SELECT "timestamp", "host", "http_status_code", "network_client_port" FROM dd.logs(columns => \
                ARRAY['timestamp', 'host', '@http.status_code', '@network.client.port'], filter => \
                'scenario.table_function service:web-api', indexes => ARRAY['main', 'o''brien']) AS ("timestamp" \
                TIMESTAMP, "host" VARCHAR, "http_status_code" BIGINT, "network_client_port" BIGINT)
                """)
        let client = try testClient()
        let result = try await client.rows(LogRow.self, query: selected, limit: 10, timeWindow: testWindow)
        #expect(result.rows.count == 2)
        #expect(result.rows[0].timestamp == Date(timeIntervalSince1970: 1_759_397_764))
        #expect(result.rows[0].host == "i-0123")
        #expect(result.rows[0].service == nil)
        #expect(result.rows[0].httpStatusCode == 200)
        #expect(result.rows[0].clientPort == 51402)
        #expect(result.rows[1].httpStatusCode == 500)
        #expect(result.rows[1].clientPort == nil)
    }

    @Test func unknownColumnInASelectionIsAnError() throws {
        #expect(throws: DDSQLError.unknownColumn("nope", table: "dd.logs")) {
            try LogRow.query().selecting(["host", "nope"])
        }
    }

    @Test func plainTableQueryText() throws {
        let query = try SimpleRow.query().selecting(["count"]).filter(#""name" <> 'x'"#).orderBy(#""count" DESC"#)
            .limit(5)
        #expect(
            query.sql == #"SELECT "count" FROM scenario.immediate WHERE "name" <> 'x' ORDER BY "count" DESC LIMIT 5"#)
        #expect(query.resultNames == [nil, "count"])
    }
}

/// The raw body an `.http` error carries (for comparing the other fields exactly).
func bodyOf(_ error: DDSQLError) -> String {
    if case .http(_, _, _, let body) = error { return body }
    return ""
}
