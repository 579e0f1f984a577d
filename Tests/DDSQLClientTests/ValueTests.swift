import DDSQLClient
import Foundation
import Testing

/// JSONValue and timestamps on their own.
@Suite struct ValueTests {
    @Test func jsonTextIsParsedExactly() throws {
        let value = try JSONValue(
            parsing: #"{"min": -9223372036854775808, "max": 9223372036854775807,"#
                + #" "over": 9223372036854775808, "x": [true, null, 1e2, "\ud83d\ude80"]}"#)
        #expect(
            value
                == .object([
                    "min": .integer(.min), "max": .integer(.max), "over": .number(9_223_372_036_854_775_808),
                    "x": .array([.bool(true), .null, .number(100), .string("🚀")]),
                ]))
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
        let result = try DDSQLResult(
            completedResponse: body(
                #"""
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
        let result = try DDSQLResult(
            completedResponse: body(
                #"""
                {"name":"doc","type":"JSON","values":["{}","{\"unterminated\": "]}
                """#))
        #expect(
            throws: DDSQLError.invalidValue(
                column: "doc", row: 1,
                message: "json column holds text that is not JSON: unexpected end of JSON at byte 17")
        ) {
            try result.rows(Row.self)
        }
    }

    /// Two hstore columns, one read as a map and one as tags: the same texts on several rows, so values read
    /// once are shared between rows, never between the two ways of reading them.
    struct TagRow: DDSQLRow {
        static let tableID = "t"
        var map: [String: String]?
        var tags: [String]?
        static let ddsqlColumns: [DDSQLColumn] = [.init("map", .hstore), .init("tags", .hstore)]
        init(ddsqlRow row: DDSQLRowReader) throws {
            map = try row.optional(0)
            tags = try row.optional(1)
        }
    }

    @Test func repeatedHstoreTextsReadTheSameOnEveryRowEitherWay() throws {
        let text = #"{"env": "prod", "team": ["a", "b"], "bare": null}"#
        let result = try DDSQLResult(
            completedResponse: body(
                """
                {"name":"map","type":"HSTORE","values":[\(text),\(text),{"env":"dev"},\(text)]},
                {"name":"tags","type":"HSTORE","values":[\(text),{"env":"dev"},\(text),\(text)]}
                """))
        let rows = try result.rows(TagRow.self)
        let map = ["env": "prod", "team": "a,b", "bare": ""]
        let tags = ["env:prod", "team:a", "team:b", "bare"]
        #expect(rows.map(\.map) == [map, map, ["env": "dev"], map])
        #expect(rows.map(\.tags) == [tags, ["env:dev"], tags, tags])
    }

    @Test(arguments: [
        (#"{"n": 5}"#, #"hstore key "n": expected a string or an array of strings, found 5"#),
        (#"{"k": ["a", 1]}"#, #"hstore key "k": expected strings, found 1"#),
        (#"{"k": {"deep": true}}"#, #"hstore key "k": expected a string or an array of strings, found {"deep": true}"#),
    ])
    func hstoreValuesOfAnotherTypeNameColumnAndRow(text: String, message: String) throws {
        let result = try DDSQLResult(
            completedResponse: body(
                """
                {"name":"map","type":"HSTORE","values":[{"k":"v"},\(text)]},
                {"name":"tags","type":"HSTORE","values":[null,null]}
                """))
        #expect(throws: DDSQLError.invalidValue(column: "map", row: 1, message: message)) {
            try result.rows(TagRow.self)
        }
    }

    @Test func repeatedJSONTextsParseOnceAndABadOneStillFailsOnItsRow() throws {
        let good = try DDSQLResult(
            completedResponse: body(
                #"""
                {"name":"doc","type":"JSON","values":["{\"a\": [1, {\"b\": null}]}",null,"{\"a\": [1, {\"b\": null}]}"]}
                """#))
        let value = JSONValue.object(["a": .array([.integer(1), .object(["b": .null])])])
        #expect(try good.rows(Row.self).map(\.doc) == [value, nil, value])
        let bad = try DDSQLResult(
            completedResponse: body(
                #"""
                {"name":"doc","type":"JSON","values":["{\"a\": 1}","{\"a\": 1}","{\"a\": "]}
                """#))
        #expect(
            throws: DDSQLError.invalidValue(
                column: "doc", row: 2,
                message: "json column holds text that is not JSON: unexpected end of JSON at byte 6")
        ) {
            try bad.rows(Row.self)
        }
    }

    @Test func rawJSONContainersReadIntoArraysAndMaps() throws {
        let result = try DDSQLResult(
            completedResponse: body(
                #"""
                {"name":"list","type":"JSON","values":[["x", "y"], []]},
                {"name":"map","type":"JSON","values":[{"k": "v", "n": "w"}, {}]},
                {"name":"doc","type":"JSON","values":[{"nested": [[1], {"t": "\u00e9"}]}, [true]]}
                """#))
        let rows = try result.rows(Row.self)
        #expect(rows.map(\.list) == [["x", "y"], []])
        #expect(rows.map(\.map) == [["k": "v", "n": "w"], [:]])
        #expect(
            rows.map(\.doc) == [
                .object(["nested": .array([.array([.integer(1)]), .object(["t": .string("é")])])]),
                .array([.bool(true)]),
            ])
    }

    /// JSON text in a json column's string is read in place while its escapes are only the quotes and whitespace
    /// of the text, and the general way (escapes resolved first) otherwise: either way, the value and any error are
    /// the ones the text itself parses to. Each string is written as the API might escape it.
    @Test(arguments: [
        // Read in place: escaped quotes only, or escaped newlines, returns and tabs between tokens.
        #""{\"a\": [1, -2.5e3, true, false, null, \"\", \"é🚀\"], \"\": {}, \"a\": []}""#,
        #""{\n\t\"k\": [\r\n  [[]], {\"n\": {\"m\": \"v\"}}\n]\n}""#,
        #""\"plain\"""#, #""  42  ""#, #""[]""#,
        // Escapes the in-place read leaves to the general path: inside strings, `\u` anywhere, an escaped slash.
        #""{\"q\": \"say \\\"hi\\\"\", \"b\": \"\\\\\", \"nl\": \"a\\nb\"}""#,
        #""{\"k\": \"\\u00e9\", \"\\u006b2\": 1}""#,
        #""\u007b\"a\": 1\u007d""#,
        #""{\"url\": \"http:\/\/x\/y\"}""#,
        // Not JSON: the error is the text's own, at its offset in the text.
        #""{\"a\": }""#, #""{\"a\" 1}""#, #""[1, 2""#, #""{\"a\": \"x}""#, #""[\"\\x\"]""#,
        #""{\"a\": 1} x""#, #""\"\\u12\"""#,
    ])
    func jsonTextInAStringReadsAsTheTextItself(literal: String) throws {
        // The text the string holds, escapes resolved by the standard library's own JSON reader.
        let text = try JSONDecoder().decode(String.self, from: Data(literal.utf8))
        let result = try DDSQLResult(
            completedResponse: body(#"{"name":"doc","type":"JSON","values":["{}",\#(literal)]}"#))
        let expected: Result<JSONValue, DDSQLError> = Result { try JSONValue(parsing: text) }.mapError {
            guard case .invalidJSON(let description) = $0 as? DDSQLError else { return .invalidJSON("\($0)") }
            let message = "json column holds text that is not JSON: \(description)"
            return .invalidValue(column: "doc", row: 1, message: message)
        }
        let read: Result<JSONValue?, DDSQLError> = Result { try result.rows(Row.self)[1].doc }.mapError {
            $0 as? DDSQLError ?? .invalidJSON("\($0)")
        }
        switch (expected, read) {
        case (.success(let value), .success(let doc)): #expect(doc == value)
        case (.failure(let error), .failure(let thrown)): #expect(thrown == error)
        default: Issue.record("\(text): expected \(expected), read \(read)")
        }
    }

    struct DocListRow: DDSQLRow {
        static let tableID = "t"
        var docs: [JSONValue]?
        static let ddsqlColumns: [DDSQLColumn] = [.init("docs", .array(.json))]
        init(ddsqlRow row: DDSQLRowReader) throws {
            docs = try row.optional(0)
        }
    }

    @Test func jsonArrayElementsAreParsedFromTheirTextEvenWhenRepeated() throws {
        let result = try DDSQLResult(
            completedResponse: body(
                #"""
                {"name":"docs","type":"JSON[]","values":[["{\"a\": 1}", "{\"a\": 1}"], ["[2]", "{\"a\": 1}"], null]}
                """#))
        let object = JSONValue.object(["a": .integer(1)])
        #expect(
            try result.rows(DocListRow.self).map(\.docs)
                == [[object, object], [.array([.integer(2)]), object], nil])
    }

    @Test func aRunningBodyIsNotAResult() {
        #expect(throws: DDSQLError.malformedResponse("query q7 is still running", requestID: nil)) {
            try DDSQLResult(
                completedResponse: Array(#"{"data":{"attributes":{"state":"running","query_id":"q7"}}}"#.utf8))
        }
    }
}

/// Dates before the Gregorian reform (1582), where Foundation's ISO 8601 style would switch to the Julian
/// calendar: read and written in the proleptic Gregorian calendar, as the generated row coders do.
@Suite struct ProlepticDateTests {
    struct Row: DDSQLRow {
        static let tableID = "t"
        var text: Date?
        var day: String?
        static let ddsqlColumns: [DDSQLColumn] = [.init("text", .varchar), .init("day", .date)]
        init(ddsqlRow row: DDSQLRowReader) throws {
            text = try row.optional(0)
            day = try row.optional(1)
        }
    }

    private func rows(_ texts: String, _ days: String) throws -> [Row] {
        try DDSQLResult(
            completedResponse: Array(
                #"{"data":{"attributes":{"state":"completed","columns":[{"name":"text","type":"VARCHAR","values":\#(texts)},{"name":"day","type":"DATE","values":\#(days)}]}}}"#
                    .utf8)
        ).rows(Row.self)
    }

    @Test func rfc3339TextAndDateColumnsAreProlepticGregorian() throws {
        // Unix milliseconds of each instant, from Python's (proleptic) datetime.
        let read = try rows(
            #"["1582-10-04T12:00:00.250+01:00", "1200-02-29T23:59:59.999Z", "0001-01-01T00:00:00z", null]"#,
            "[-12220243200000, -24293692800001, -62135596800000, -1]")
        #expect(
            read.map(\.text) == [
                UnixMilliseconds.date(-12_220_203_599_750), UnixMilliseconds.date(-24_293_692_800_001),
                UnixMilliseconds.date(-62_135_596_800_000), nil,
            ])
        #expect(read.map(\.day) == ["1582-10-04", "1200-02-29", "0001-01-01", "1969-12-31"])
        // 1900 was not a leap year in the Gregorian calendar (it was in the Julian).
        #expect(throws: DDSQLError.self) { try rows(#"["1900-02-29T00:00:00Z"]"#, "[0]") }
    }

    /// A DATE read into `String` is held to what a `Date` property would be: an integer within `Date`'s range,
    /// with the error saying which, not that a string was expected.
    @Test func dateColumnsIntoStringNameWhatIsWrong() throws {
        #expect(try rows("[null, null]", "[0, 253402214400000]").map(\.day) == ["1970-01-01", "9999-12-31"])
        for (days, message) in [
            ("[-9223372036854775808]", "outside the range of Date"), ("[1.5]", "integer"),
        ] {
            do {
                _ = try rows("[null]", days)
                Issue.record("\(days) was read")
            } catch let DDSQLError.invalidValue(column, row, text) {
                #expect(column == "day" && row == 0)
                #expect(text.contains(message), "\(text)")
                #expect(!text.contains("expected a string"), "\(text)")
            }
        }
    }
}
