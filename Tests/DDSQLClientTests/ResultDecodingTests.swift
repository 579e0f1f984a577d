import DDSQLClient
import Foundation
import Testing

/// Column-major results read into rows: every type, column order, extra columns, truncation.
@Suite struct ResultDecodingTests {
    private let simple = [
        SimpleRow(name: "alpha", count: 1), SimpleRow(name: "beta", count: 2),
        SimpleRow(name: "gamma", count: 3),
    ]

    @Test func unknownKeysAndExtraColumnsAreIgnored() async throws {
        let client = try testClient()
        let result = try await client.rows(
            SimpleRow.self, sql: "SELECT 1 FROM scenario.extra_keys", timeWindow: testWindow)
        #expect(result.rows == simple)
    }

    @Test func columnsAreMatchedByNameWhateverTheirOrder() async throws {
        let client = try testClient()
        let result = try await client.rows(
            SimpleRow.self, sql: "SELECT 1 FROM scenario.reordered", timeWindow: testWindow)
        #expect(result.rows == simple)
    }

    @Test func aRepeatedColumnNameReadsTheFirst() async throws {
        let client = try testClient()
        let result = try await client.rows(
            SimpleRow.self, sql: "SELECT 1 FROM scenario.duplicate_names",
            timeWindow: testWindow)
        #expect(result.rows == [SimpleRow(name: "first", count: 7)])
    }

    @Test(arguments: [(10, 11, 10, true), (24, 25, 24, true), (25, 26, 25, false), (30, 31, 25, false)])
    func truncationAsksForOneRowMore(limit: Int, sent: Int, returned: Int, truncated: Bool) async throws {
        let client = try testClient()
        let text = "SELECT n FROM scenario.truncation -- limit \(limit)"
        let result = try await client.rows(NumberRow.self, sql: text, limit: limit, timeWindow: testWindow)
        #expect(result.rows.map(\.n) == (0..<Int64(returned)).map { $0 })
        #expect(result.truncated == truncated)
        let request = try #require(try await TestServer.server().requests(containing: text).first)
        #expect(request.body.contains(#""row_limit":\#(sent),"#))
    }

    @Test func warningsAreSurfacedAndATruncationWarningCounts() async throws {
        let client = try testClient()
        let result = try await client.rows(
            SimpleRow.self, sql: "SELECT 1 FROM scenario.warnings", timeWindow: testWindow)
        #expect(result.warnings == ["Some partitions were skipped", "Result truncated at the row limit"])
        #expect(result.truncated)
        #expect(result.rows == simple)
    }

    /// Unix milliseconds as the API sends them, to compare dates exactly.
    private func date(_ milliseconds: Int64) -> Date { UnixMilliseconds.date(milliseconds)! }

    @Test(arguments: ["all_types", "all_types_escaped"])
    func everyColumnTypeWithItsEdgeValues(scenario: String) async throws {
        let client = try testClient()
        let result = try await client.rows(
            AllTypesRow.self, sql: "SELECT * FROM scenario.\(scenario)",
            timeWindow: testWindow)
        let rows = result.rows
        try #require(rows.count == 5)

        #expect(rows.map(\.big) == [Int64.min, Int64.max, 0, nil, 9_007_199_254_740_993])
        #expect(rows.map(\.dec) == [3.141592653589793, -2.5e-300, 1e300, nil, 0])
        #expect(rows.map(\.flag) == [true, false, nil, true, false])
        #expect(rows.map(\.text) == ["plain", "日本語 — émoji 🚀", "quote \" backslash \\ newline \n tab \t", "", nil])

        #expect(
            rows.map(\.ts) == [
                date(-62_135_596_800_000), date(-1), date(253_402_300_799_999),
                date(1_759_397_764_123), nil,
            ])
        #expect(
            rows.map { $0.ts.map(UnixMilliseconds.milliseconds) }
                == [-62_135_596_800_000, -1, 253_402_300_799_999, 1_759_397_764_123, nil])
        #expect(
            rows.map { $0.ts.map(UnixMilliseconds.rfc3339) } == [
                "0001-01-01T00:00:00.000Z", "1969-12-31T23:59:59.999Z", "9999-12-31T23:59:59.999Z",
                "2025-10-02T09:36:04.123Z", nil,
            ])
        // Foundation's own calendar agrees where it is proleptic Gregorian.
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents(
            [.year, .month, .day, .hour, .minute, .second, .nanosecond], from: rows[2].ts!)
        #expect(
            [parts.year, parts.month, parts.day, parts.hour, parts.minute, parts.second] == [9999, 12, 31, 23, 59, 59])
        #expect((Double(parts.nanosecond!) / 1e6).rounded() == 999)
        #expect(
            rows.map { $0.day.map(UnixMilliseconds.milliseconds) }
                == [-86_400_000, 0, 253_402_214_400_000, nil, 1_759_363_200_000])
        #expect(rows[0].day.map(UnixMilliseconds.rfc3339) == "1969-12-31T00:00:00.000Z")

        #expect(
            rows[0].doc
                == .object([
                    "a": .array([.integer(1), .integer(2), .object(["b": .null])]),
                    "big": .integer(Int64.max), "s": .string("é"), "f": .number(1.5),
                ]))
        #expect(rows[1].doc == .object(["raw": .bool(true), "list": .array([.integer(1), .string("two")])]))
        #expect(rows[2].doc == .string("just a string"))
        #expect(rows[3].doc == nil)
        #expect(rows[4].doc == .array([]))

        #expect(
            rows.map(\.tags) == [
                ["env": "prod", "team": "a,b"], [:], ["k": "v:with:colons"], nil,
                ["multi": "x,y,z", "bare": ""],
            ])
        #expect(rows.map(\.tagList) == [["env:prod", "team:a", "team:b"], [], nil, ["k:v"], ["service:web", "bare"]])
        #expect(rows.map(\.names) == [["a", "b"], [], nil, ["ü"], ["x", "y"]])
        #expect(rows.map(\.nums) == [[1, Int64.min], [], nil, [Int64.max], [0]])
        #expect(
            rows.map(\.period) == [
                .string("1 day 02:00:00"), .object(["months": .integer(1)]), nil,
                .integer(42), .array([.integer(1)]),
            ])
    }

    @Test func lowLevelResultKeepsColumnsAndTypes() async throws {
        let client = try testClient()
        let result = try await client.execute(
            sql: "SELECT * FROM scenario.all_types -- raw", rowLimit: 100,
            timeWindow: testWindow)
        #expect(result.rowCount == 5)
        #expect(
            result.columns.map(\.name) == [
                "big", "dec", "flag", "text", "ts", "day", "doc", "tags", "tag_list",
                "names", "nums", "period",
            ])
        #expect(
            result.columns.map(\.type.kind) == [
                .bigint, .decimal, .boolean, .varchar, .timestamp, .date, .json,
                .hstore, .hstore, .array, .array, .other,
            ])
        #expect(result.cell(column: 0, row: 1).rawJSONValue() == .integer(Int64.max))
        #expect(
            result.cell(column: 6, row: 0).rawJSONValue()
                == .string(#"{"a": [1, 2, {"b": null}], "big": 9223372036854775807, "s": "\u00e9", "f": 1.5}"#))
    }
}
