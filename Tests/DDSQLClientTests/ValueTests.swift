import DDSQLClient
import Foundation
import Testing

/// JSONValue and timestamps on their own.
@Suite struct ValueTests {
    @Test func jsonTextIsParsedExactly() throws {
        let value = try JSONValue(parsing: #"{"min": -9223372036854775808, "max": 9223372036854775807,"#
                                  + #" "over": 9223372036854775808, "x": [true, null, 1e2, "\ud83d\ude80"]}"#)
        #expect(value == .object(["min": .integer(.min), "max": .integer(.max), "over": .number(9223372036854775808),
                                  "x": .array([.bool(true), .null, .number(100), .string("🚀")])]))
        #expect(throws: DDSQLError.self) { try JSONValue(parsing: "[1,]") }
        #expect(throws: DDSQLError.self) { try JSONValue(parsing: "\"\u{01}\"") }
        #expect(throws: DDSQLError.self) { try JSONValue(parsing: String(repeating: "[", count: 10_000)) }
        #expect(throws: DDSQLError.self) { try JSONValue(parsing: "01") }
    }

    /// The same JSON as row JSON (generated code's Codable form) as schemagen's generated enum reads it.
    @Test func codableMatchesTheGeneratedEnum() throws {
        let text = #"{"a":[1,2.5,"s",null,true],"b":{"c":9223372036854775807}}"#
        let decoded = try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
        #expect(decoded == (try JSONValue(parsing: text)))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        #expect(String(decoding: try encoder.encode(decoded), as: UTF8.self) == text)
    }

    @Test(arguments: [Int64(-62_135_596_800_000), -86_400_001, -1, 0, 1, 1_759_397_764_123, 253_402_300_799_999])
    func millisecondsRoundTrip(milliseconds: Int64) throws {
        let date = try #require(UnixMilliseconds.date(milliseconds))
        #expect(UnixMilliseconds.milliseconds(date) == milliseconds)
    }
}

/// Reading a saved response body directly (no HTTP): the paths the server scenarios do not reach.
@Suite struct SavedResponseTests {
    struct Row: DDSQLRow {
        static let tableID = "t"
        var list: [String]?
        var map: [String: String]?
        var doc: JSONValue?
        static let ddsqlColumns: [DDSQLColumn] = [.init("list", .json), .init("map", .json), .init("doc", .json)]
        init(ddsqlRow row: DDSQLRowReader) throws {
            list = try row.optional(0)
            map = try row.optional(1)
            doc = try row.optional(2)
        }
    }

    private func body(_ columns: String) -> [UInt8] {
        Array(#"{"data":{"attributes":{"state":"completed","columns":[\#(columns)]}}}"#.utf8)
    }

    @Test func jsonColumnsReadIntoArraysAndMapsFromTheirText() throws {
        let result = try DDSQLResult(completedResponse: body(#"""
            {"name":"list","type":"JSON","values":["[\"a\",\"b\"]",["raw"]]},
            {"name":"map","type":"JSON","values":["{\"k\":\"v\"}",null]},
            {"name":"doc","type":"JSON","values":["{\"t\":\"\\u00e9\\n\"}","  [1, 2.0e0]  "]}
            """#))
        let rows = try result.rows(Row.self)
        #expect(rows.map(\.list) == [["a", "b"], ["raw"]])
        #expect(rows.map(\.map) == [["k": "v"], nil])
        #expect(rows.map(\.doc) == [.object(["t": .string("é\n")]), .array([.integer(1), .number(2)])])
    }

    @Test func jsonTextThatIsNotJSONNamesColumnAndRow() throws {
        let result = try DDSQLResult(completedResponse: body(#"""
            {"name":"doc","type":"JSON","values":["{}","{\"unterminated\": "]}
            """#))
        #expect(throws: DDSQLError.invalidValue(column: "doc", row: 1,
                message: "json column holds text that is not JSON: unexpected end of JSON at byte 17")) {
            try result.rows(Row.self)
        }
    }

    @Test func aRunningBodyIsNotAResult() {
        #expect(throws: DDSQLError.malformedResponse("query q7 is still running", requestID: nil)) {
            try DDSQLResult(completedResponse: Array(#"{"data":{"attributes":{"state":"running","query_id":"q7"}}}"#.utf8))
        }
    }
}
