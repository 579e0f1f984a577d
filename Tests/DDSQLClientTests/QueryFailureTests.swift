import DDSQLClient
import Foundation
import Testing

/// API errors, rate limits, deadlines, cancellation and responses that are not the documented shape.
@Suite struct QueryFailureTests {
    @Test(arguments: [
        (400, "depends on non-existent dataset \"aws.nope\"", "req-400"),
        (403, "Forbidden: the key lacks timeseries_query", "req-403"),
        (500, "internal error — retry later", "req-500"),
    ])
    func apiErrorsCarryStatusDetailAndRequestID(status: Int, detail: String, requestID: String) async throws {
        let client = try testClient()
        let error = await ddsqlError {
            _ = try await client.rows(
                SimpleRow.self, sql: "SELECT 1 FROM scenario.error_\(status)", timeWindow: testWindow)
        }
        let body = try #require(error.map(bodyOf))
        #expect(error == .http(status: status, details: [detail], requestID: requestID, body: body))
        #expect(error?.status == status)
        #expect(error?.requestID == requestID)
        #expect(String(describing: error!) == "DDSQL API error: HTTP \(status): \(detail) (request id \(requestID))")
    }

    @Test func nonJSONErrorKeepsStatusAndBody() async throws {
        let client = try testClient()
        let error = await ddsqlError {
            _ = try await client.rows(
                SimpleRow.self, sql: "SELECT 1 FROM scenario.error_401_text", timeWindow: testWindow)
        }
        #expect(error == .http(status: 401, details: [], requestID: nil, body: "Unauthorized: plain text from a proxy"))
    }

    @Test func rateLimitIsWaitedOutThenRetried() async throws {
        let client = try testClient()
        let text = "SELECT name, count FROM scenario.rate_limited -- once"
        let start = ContinuousClock.now
        let result = try await client.rows(SimpleRow.self, sql: text, timeWindow: testWindow)
        let waited = ContinuousClock.now - start
        #expect(result.rows.count == 3)
        #expect(waited >= .milliseconds(950))  // X-RateLimit-Reset: 1
        let requests = try await TestServer.server().requests(containing: text)
        #expect(requests.count == 2)
        #expect(requests[1].time - requests[0].time >= 0.95)
    }

    @Test func rateLimitResetBeyondTheAllowedWaitIsAnErrorAtOnce() async throws {
        let client = try testClient()
        let text = "SELECT 1 FROM scenario.rate_limited_long -- hour"
        let error = await ddsqlError { _ = try await client.rows(SimpleRow.self, sql: text, timeWindow: testWindow) }
        #expect(error == .rateLimited(details: ["Too many requests"], resetAfterSeconds: 3600, requestID: nil))
        #expect(error?.status == 429)
        #expect(try await TestServer.server().requests(containing: text).count == 1)
    }

    @Test func deadlineReachedWhileRunning() async throws {
        var policy = DDSQLPolicy.test
        policy.deadline = .milliseconds(600)
        let client = try testClient(policy: policy)
        let text = "SELECT 1 FROM scenario.running_forever -- deadline"
        let start = ContinuousClock.now
        let error = await ddsqlError { _ = try await client.rows(SimpleRow.self, sql: text, timeWindow: testWindow) }
        let elapsed = ContinuousClock.now - start
        let execute = try #require(try await TestServer.server().requests(containing: text).first)
        let queryID = try #require(execute.queryID)
        #expect(error == .deadlineExceeded(queryID: queryID, seconds: 0.6))
        #expect(elapsed >= .milliseconds(550))
        #expect(elapsed < .seconds(10))
    }

    @Test func cancellingTheTaskStopsPolling() async throws {
        let client = try testClient()
        let text = "SELECT 1 FROM scenario.running_forever -- cancel"
        let task = Task { try await client.rows(SimpleRow.self, sql: text, timeWindow: testWindow) }
        let server = try TestServer.server()
        // Wait until the query is being polled.
        var queryID: String?
        for _ in 0..<400 {
            if let id = try await server.requests(containing: text).first?.queryID,
                try await fetches(of: id).count >= 2
            {
                queryID = id
                break
            }
            try await Task.sleep(for: .milliseconds(25))
        }
        let id = try #require(queryID)
        task.cancel()
        await #expect(throws: CancellationError.self) { try await task.value }
        let pollsAtEnd = try await fetches(of: id).count
        try await Task.sleep(for: .milliseconds(600))
        #expect(try await fetches(of: id).count == pollsAtEnd)
    }

    private func fetches(of queryID: String) async throws -> [LoggedRequest] {
        try await TestServer.server().requests().filter {
            $0.path.hasSuffix("/fetch") && $0.body.contains("\"\(queryID)\"")
        }
    }

    @Test func requestTimeout() async throws {
        var policy = DDSQLPolicy.test
        policy.requestTimeout = .milliseconds(500)
        let client = try testClient(policy: policy)
        let error = await ddsqlError {
            _ = try await client.rows(SimpleRow.self, sql: "SELECT 1 FROM scenario.slow", timeWindow: testWindow)
        }
        #expect(error == .requestTimedOut(seconds: 0.5))
    }

    @Test func redirectsAreNotFollowed() async throws {
        let client = try testClient()
        let error = await ddsqlError {
            _ = try await client.rows(SimpleRow.self, sql: "SELECT 1 FROM scenario.redirect", timeWindow: testWindow)
        }
        #expect(error?.status == 307)
    }

    @Test func raggedColumnsNameTheColumn() async throws {
        let client = try testClient()
        let error = await ddsqlError {
            _ = try await client.rows(SimpleRow.self, sql: "SELECT 1 FROM scenario.ragged", timeWindow: testWindow)
        }
        #expect(
            error
                == .malformedResponse(
                    "column count has 2 values but column name has 3: columns of different lengths",
                    requestID: "req-completed"))
    }

    @Test func wrongTypedValueNamesColumnAndRow() async throws {
        let client = try testClient()
        let error = await ddsqlError {
            _ = try await client.rows(SimpleRow.self, sql: "SELECT 1 FROM scenario.wrong_type", timeWindow: testWindow)
        }
        #expect(
            error
                == .invalidValue(
                    column: "count", row: 1,
                    message: #"expected an integer for API type BIGINT, found "2""#))
    }

    @Test func missingEnvelope() async throws {
        let client = try testClient()
        let error = await ddsqlError {
            _ = try await client.rows(
                SimpleRow.self, sql: "SELECT 1 FROM scenario.missing_envelope", timeWindow: testWindow)
        }
        #expect(error == .malformedResponse("no data", requestID: "req-noenv"))
    }

    @Test func bodyThatIsNotJSON() async throws {
        let client = try testClient()
        let error = await ddsqlError {
            _ = try await client.rows(SimpleRow.self, sql: "SELECT 1 FROM scenario.not_json", timeWindow: testWindow)
        }
        #expect(error == .malformedResponse("body is not JSON: unexpected character at byte 0", requestID: nil))
    }

    @Test func requiredColumnThatIsMissingOrNull() async throws {
        let client = try testClient()
        let rows = try await client.rows(
            RequiredRow.self, sql: "SELECT 1 FROM scenario.immediate -- required",
            timeWindow: testWindow)
        #expect(rows.rows.map(\.count) == [1, 2, 3])
        let error = await ddsqlError {
            _ = try await client.rows(
                RequiredRow.self, sql: "SELECT 1 FROM scenario.truncation -- required",
                timeWindow: testWindow)
        }
        #expect(error == .invalidValue(column: "name", row: 0, message: "required column is not in the result"))
    }
}
