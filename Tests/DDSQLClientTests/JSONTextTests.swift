import Foundation
import Testing

@testable import DDSQLClient

/// `JSONText`: the check a json cell gets when its row is read must accept exactly what `value` then parses, or
/// `value` would fail on text the row accepted; equality, hashing and coding are by value.
@Suite struct JSONTextTests {
    typealias Generator = StringScanTests.Generator

    /// Texts that are JSON and, made from them by a random cut, a dropped or inserted byte, texts that mostly are
    /// not; then edge cases of the grammar.
    static func texts() throws -> [String] {
        var generator = Generator(state: 11)
        var texts: [String] = []
        let inserted = ["\"", "\\", ",", ":", "[", "]", "{", "}", "-", "0", "e", ".", " ", "\u{01}", "x", "\\u"]
        for _ in 0..<3000 {
            let text = try StringScanTests.text(StringScanTests.value(&generator), &generator)
            var scalars = Array(text.unicodeScalars)
            switch Int.random(in: 0..<4, using: &generator) {
            case 0 where !scalars.isEmpty:
                scalars.removeLast(Int.random(in: 1...scalars.count, using: &generator))
            case 1 where !scalars.isEmpty:
                scalars.remove(at: Int.random(in: 0..<scalars.count, using: &generator))
            case 2:
                let at = Int.random(in: 0...scalars.count, using: &generator)
                scalars.insert(contentsOf: inserted.randomElement(using: &generator)!.unicodeScalars, at: at)
            default: break
            }
            var mutated = ""
            mutated.unicodeScalars.append(contentsOf: scalars)
            texts.append(mutated)
        }
        return texts + [
            "", " ", "0", "-0", "01", "1.", ".5", "1e", "1e+", "1E-2", "-", "+1", "1.5e308", "1e400",
            "9223372036854775807", "9223372036854775808", "-9223372036854775809", "true", "tru", "nul", "null ",
            "\"\\ud83d\\ude80\"", "\"\\u00\"", "\"\\/\"", "\"a\nb\"", "\"\u{7F}\"", "[1,]", "{\"a\":1,}", "{,}", "[,1]",
            "{\"a\" 1}", "{1:2}", "[] []", "\u{FEFF}[]", "\t[\r\n]\n",
            String(repeating: "[", count: 512) + String(repeating: "]", count: 512),
            String(repeating: "[", count: 513) + String(repeating: "]", count: 513),
            String(repeating: "{\"a\":", count: 512) + "1" + String(repeating: "}", count: 512),
        ]
    }

    @Test func theCheckAcceptsExactlyWhatTheParserReads() throws {
        var accepted = 0
        for text in try Self.texts() {
            let parsed = try? JSONValue(parsing: text)
            let checked = try? JSONText(validating: text)
            #expect((checked != nil) == (parsed != nil), "\(text.debugDescription)")
            if let checked, let parsed {
                #expect(checked.text == text)
                #expect(checked.value == parsed, "\(text.debugDescription)")
                accepted += 1
            }
        }
        // Both kinds are well represented.
        #expect(accepted > 1000)
        #expect(accepted < 2800)
    }

    @Test func textThatIsNotJSONIsAnError() {
        #expect(throws: DDSQLError.invalidJSON("expected , or ] in array at byte 3")) {
            try JSONText(validating: "[1 2]")
        }
        #expect(throws: DDSQLError.invalidJSON("nested too deeply at byte 512")) {
            try JSONText(validating: String(repeating: "[", count: 513) + String(repeating: "]", count: 513))
        }
    }

    @Test func equalityAndHashingAreByValue() throws {
        let compact = try JSONText(validating: #"{"a":1,"b":[true,null]}"#)
        let spaced = try JSONText(validating: "{ \"b\" : [ true , null ] ,\n \"a\" : 1 }")
        #expect(compact == spaced)
        #expect(compact.hashValue == spaced.hashValue)
        #expect(Set([compact, spaced]).count == 1)
        #expect(try JSONText(validating: "[1,2]") != JSONText(validating: "[2,1]"))
        #expect(try JSONText(validating: "1") != JSONText(validating: "\"1\""))
        #expect(spaced.text == "{ \"b\" : [ true , null ] ,\n \"a\" : 1 }")
        #expect(spaced.description == spaced.text)
    }

    @Test func aValueIsWrittenAsOneTextThatReadsBack() throws {
        var generator = Generator(state: 5)
        for _ in 0..<500 {
            let value = StringScanTests.value(&generator)
            let text = JSONText(value)
            #expect(text.value == value)
            #expect(try JSONText(validating: text.text).text == text.text)
            // JSON to another reader too.
            #expect(throws: Never.self) {
                try JSONSerialization.jsonObject(with: Data(text.text.utf8), options: .fragmentsAllowed)
            }
        }
        let value = JSONValue.object(["b": .array([.number(1.5), .integer(.min)]), "a": .string("é\n\"")])
        #expect(JSONText(value).text == #"{"a":"é\n\"","b":[1.5,-9223372036854775808]}"#)
        #expect(JSONText(.array([.number(.infinity), .number(.nan), .number(1e300)])).text == "[null,null,1e+300]")
    }

    /// JSON does not tell `2.0` from `2`, and Foundation's coders turn one into the other, so a row read from a
    /// result and the same row read back from its row JSON must still be equal.
    @Test func numbersCompareByTheirValueThroughRowJSON() throws {
        #expect(try JSONText(validating: "2.0") == JSONText(validating: "2"))
        #expect(try JSONText(validating: "2.0").hashValue == JSONText(validating: "2").hashValue)
        #expect(try JSONText(validating: "[1e3]") == JSONText(validating: "[1000]"))
        #expect(try JSONText(validating: "2.5") != JSONText(validating: "2"))
        let read = try JSONText(validating: #"{"n": 2.0, "m": [1e3, 0.5], "big": 1e400}"#)
        let encoded = try JSONEncoder().encode(["doc": read])
        let back = try JSONDecoder().decode([String: JSONText].self, from: encoded)
        #expect(back["doc"] == read)
        #expect(back["doc"]?.hashValue == read.hashValue)
        // A number JSON cannot hold is written as null, as `JSONText(_:)` writes it, rather than failing.
        #expect(back["doc"]?.value.objectMember("big") == .null)
    }

    /// Deeper than the scanner's limit is still a value that exists: written, read and compared without a trap.
    @Test func aDeepValueReadsBack() {
        var value = JSONValue.integer(1)
        for _ in 0..<600 { value = .array([value]) }
        let text = JSONText(value)
        #expect(text.value == value)
        #expect(Set([text, JSONText(value)]).count == 1)
    }

    @Test func codingWritesAndReadsTheValueItself() throws {
        let text = try JSONText(validating: #" {"k": [1, "v"]} "#)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let encoded = try encoder.encode(["doc": text])
        #expect(String(decoding: encoded, as: UTF8.self) == #"{"doc":{"k":[1,"v"]}}"#)
        let decoded = try JSONDecoder().decode([String: JSONText].self, from: encoded)
        #expect(decoded["doc"] == text)
        #expect(decoded["doc"]?.text == #"{"k":[1,"v"]}"#)

        struct Members: Decodable, Equatable { var k: [JSONValue] }
        #expect(try text.decode(Members.self) == Members(k: [.integer(1), .string("v")]))
    }

    struct Row: DDSQLRow {
        static let tableID = "t"
        var doc: JSONText?
        var docs: [JSONText]?
        static let ddsqlColumns: [DDSQLColumn] = [.init("doc", .json), .init("docs", .array(.json))]
        init(ddsqlRow row: DDSQLRowReader) throws {
            doc = try row.optional(0)
            docs = try row.optional(1)
        }
    }

    private func result(_ columns: String) throws -> DDSQLResult {
        try DDSQLResult(
            completedResponse: Array(#"{"data":{"attributes":{"state":"completed","columns":[\#(columns)]}}}"#.utf8))
    }

    @Test func aCellKeepsItsTextOrTheRawValuesOwn() throws {
        let rows = try result(
            #"""
            {"name":"doc","type":"JSON","values":["{\"a\": [1, \"\\u00e9\"]}", {"raw": [1, 2]}, null, "  7 ", "\"s\""]},
            {"name":"docs","type":"JSON[]","values":[["[1]", "{}"], [], null, [{"x": null}], ["null"]]}
            """#
        ).rows(Row.self)
        #expect(rows.map(\.doc?.text) == [#"{"a": [1, "\u00e9"]}"#, #"{"raw": [1, 2]}"#, nil, "  7 ", "\"s\""])
        #expect(rows[0].doc?.value == .object(["a": .array([.integer(1), .string("é")])]))
        #expect(rows.map { $0.docs?.map(\.text) } == [["[1]", "{}"], [], nil, [#"{"x": null}"#], ["null"]])
    }

    /// The json cells of StringScanTests (the API's escapes, now and then a text that is not JSON) read as
    /// `JSONText`: the text the string holds, or the same error the value reading gives, on its row.
    @Test func cellsReadAsTheirTextWithTheErrorsOfTheValues() throws {
        var generator = Generator(state: 7)
        var cells: [String] = []
        for row in 0..<600 {
            var text = try StringScanTests.text(StringScanTests.value(&generator), &generator)
            if row % 9 == 0 { text = String(text.dropLast()) }
            cells.append("\"" + StringScanTests.stringBody(text, &generator) + "\"")
        }
        // Repeated texts (a text is kept from its second sighting, so the third is read from the memo), read right
        // on every row: in the loop below alternately as values and as texts, in the rows after it as texts only.
        cells += cells.prefix(50) + cells.prefix(50)
        let all = try result(#"{"name":"doc","type":"JSON","values":["# + cells.joined(separator: ",") + "]}")
        var good: [Int] = []
        for row in cells.indices {
            let asValue = Result { () throws(DDSQLError) in try all.cell(column: 0, row: row).json() }
            let asText = Result { () throws(DDSQLError) in try all.cell(column: 0, row: row).jsonText() }
            switch (asValue, asText) {
            case (.success(let value), .success(let text)):
                #expect(text.value == value)
                #expect(text.text == (try JSONDecoder().decode(String.self, from: Data(cells[row].utf8))))
                good.append(row)
            case (.failure(let error), .failure(let thrown)): #expect(thrown == error)
            case (let expected, let read): Issue.record("row \(row): expected \(expected), read \(read)")
            }
        }
        #expect(good.count > 500 && good.count < cells.count)
        // As rows: those that are JSON read, and the first that is not fails on its own row.
        let rows = try result(
            #"{"name":"doc","type":"JSON","values":["# + good.map { cells[$0] }.joined(separator: ",") + "]}"
        ).rows(Row.self)
        #expect(rows.map { $0.doc?.value } == good.map { try? all.cell(column: 0, row: $0).json() })
        let firstBad = try #require(cells.indices.first { !good.contains($0) })
        let error = try #require(
            Result { () throws(DDSQLError) in try all.cell(column: 0, row: firstBad).jsonText() }.failure)
        #expect(throws: error) {
            try result(
                #"{"name":"doc","type":"JSON","values":["# + cells[...firstBad].joined(separator: ",") + "]}"
            ).rows(Row.self)
        }
    }
}

extension JSONValue {
    fileprivate func objectMember(_ key: String) -> JSONValue? {
        if case .object(let members) = self { return members[key] }
        return nil
    }
}

extension Result {
    fileprivate var failure: Failure? {
        if case .failure(let error) = self { return error }
        return nil
    }
}
