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
