import Foundation
import Testing

@testable import DDSQLClient

/// The string scanner (eight bytes at a time) against a byte-at-a-time reading of RFC 8259's string grammar, and
/// json cell text read in place against the same text read on its own, over many generated inputs.
@Suite struct StringScanTests {
    /// A deterministic generator (SplitMix64), so a failure names an input that reproduces.
    struct Generator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    /// Where a string body that starts at 0 ends (its closing quote) and whether it has escapes, or nil when it
    /// is not a valid body: one byte at a time, UTF-8 checked by the standard library.
    static func referenceScan(_ bytes: [UInt8]) -> (end: Int, hasEscapes: Bool)? {
        var index = 0
        var hasEscapes = false
        let hex = Set(Array("0123456789abcdefABCDEF".utf8))
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\""):
                return (index, hasEscapes)
            case UInt8(ascii: "\\"):
                hasEscapes = true
                guard index + 1 < bytes.count else { return nil }
                switch bytes[index + 1] {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
                    UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                    index += 2
                case UInt8(ascii: "u"):
                    guard index + 5 < bytes.count, bytes[index + 2...index + 5].allSatisfy(hex.contains) else {
                        return nil
                    }
                    index += 6
                default:
                    return nil
                }
            case 0..<0x20:
                return nil
            case 0x20..<0x80:
                index += 1
            default:
                let length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : 2
                guard index + length <= bytes.count,
                    String(validating: bytes[index..<index + length], as: UTF8.self) != nil
                else { return nil }
                index += length
            }
        }
        return nil
    }

    /// Pieces a string body is made of: plain text, every escape (good and bad), UTF-8 good and bad (truncated,
    /// overlong, a surrogate, above U+10FFFF, a lone continuation byte), control characters, quotes.
    static let pieces: [[UInt8]] = [
        Array("a".utf8), Array("plain text".utf8), Array(" ".utf8), Array("\"".utf8), Array("\\".utf8),
        Array("\\\"".utf8), Array("\\\\".utf8), Array("\\/".utf8), Array("\\n".utf8), Array("\\b".utf8),
        Array("\\u00e9".utf8), Array("\\uD83D\\uDE80".utf8), Array("\\u12".utf8), Array("\\uzzzz".utf8),
        Array("\\x".utf8), Array("é".utf8), Array("🚀".utf8), Array("€".utf8), [0xC3], [0xE2, 0x82],
        [0xC0, 0xAF], [0xE0, 0x80, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0x80], [0xFF], [0x01],
        [0x1F], [0x7F], Array("0123456789abcdef".utf8),
    ]

    @Test func theScannerReadsStringBodiesAsTheGrammarDoes() throws {
        var generator = Generator(state: 20)
        for _ in 0..<20_000 {
            var bytes: [UInt8] = []
            for _ in 0..<Int.random(in: 0...10, using: &generator) {
                bytes += Self.pieces.randomElement(using: &generator)!
            }
            if Bool.random(using: &generator) { bytes += Array("\" tail".utf8) }
            let expected = Self.referenceScan(bytes)
            var position = 0
            let scanned = bytes.withUnsafeBufferPointer { buffer in
                Result { () throws(JSONSyntaxError) in try JSONScanner.scanStringBody(buffer, &position) }
            }
            switch (expected, scanned) {
            case (.some(let expected), .success(let hasEscapes)):
                #expect(position == expected.end && hasEscapes == expected.hasEscapes, "\(bytes)")
            case (.none, .failure):
                break
            default:
                Issue.record("\(bytes): expected \(String(describing: expected)), scanned \(scanned)")
            }
        }
    }

    /// A random JSON value of strings (with characters JSON must escape), numbers, literals and containers.
    static func value(_ generator: inout Generator, depth: Int = 0) -> JSONValue {
        let texts = ["", "a", "say \"hi\"", "back\\slash", "line\nbreak\ttab", "é🚀", "slash/", "\u{01}", "key"]
        switch Int.random(in: 0..<(depth > 3 ? 5 : 7), using: &generator) {
        case 0: return .null
        case 1: return .bool(Bool.random(using: &generator))
        case 2: return .integer(Int64.random(in: -1_000_000...1_000_000, using: &generator))
        case 3: return .number(Double(Int.random(in: -1000...1000, using: &generator)) / 8)
        case 4: return .string(texts.randomElement(using: &generator)!)
        case 5:
            return .array(
                (0..<Int.random(in: 0...4, using: &generator)).map { _ in value(&generator, depth: depth + 1) })
        default:
            var object: [String: JSONValue] = [:]
            for _ in 0..<Int.random(in: 0...4, using: &generator) {
                object[texts.randomElement(using: &generator)!] = value(&generator, depth: depth + 1)
            }
            return .object(object)
        }
    }

    /// JSON text of `value`, with whitespace between tokens chosen at random.
    static func text(_ value: JSONValue, _ generator: inout Generator) throws -> String {
        let space = ["", " ", "\n", "\t ", "\r\n"]
        func gap() -> String { space.randomElement(using: &generator)! }
        switch value {
        case .array(let elements):
            return "[" + gap() + (try elements.map { try text($0, &generator) }.joined(separator: "," + gap())) + "]"
        case .object(let members):
            let parts = try members.map { key, member in
                String(decoding: try JSONEncoder().encode(key), as: UTF8.self) + gap() + ":" + gap()
                    + (try text(member, &generator))
            }
            return "{" + gap() + parts.joined(separator: "," + gap()) + gap() + "}"
        default:
            return String(decoding: try JSONEncoder().encode(value), as: UTF8.self)
        }
    }

    /// `text` as the body of a JSON string: quotes and backslashes escaped, control characters as short or `\u`
    /// escapes, and now and then a character escaped that need not be (`\/`, `\u0041`).
    static func stringBody(_ text: String, _ generator: inout Generator) -> String {
        var body = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": body += "\\\""
            case "\\": body += "\\\\"
            case "\n": body += "\\n"
            case "\t": body += "\\t"
            case "\r": body += "\\r"
            case "\u{00}"..."\u{1F}": body += String(format: "\\u%04x", scalar.value)
            case "/", "a", "{", ":":
                switch Int.random(in: 0..<8, using: &generator) {
                case 0 where scalar == "/": body += "\\/"
                case 1: body += String(format: "\\u%04X", scalar.value)
                default: body.unicodeScalars.append(scalar)
                }
            default: body.unicodeScalars.append(scalar)
            }
        }
        return body
    }

    struct Row: DDSQLRow {
        static let tableID = "t"
        var doc: JSONValue?
        static let ddsqlColumns: [DDSQLColumn] = [.init("doc", .json)]
        init(ddsqlRow row: DDSQLRowReader) throws {
            doc = try row.optional(0)
        }
    }

    @Test func jsonTextInCellsReadsAsTheTextOnItsOwn() throws {
        var generator = Generator(state: 7)
        var texts: [String] = []
        var cells: [String] = []
        for _ in 0..<600 {
            var text = try Self.text(Self.value(&generator), &generator)
            // Now and then a text that is not JSON: cut short, or with a stray word after it.
            switch Int.random(in: 0..<12, using: &generator) {
            case 0: text = String(text.dropLast())
            case 1: text += " x"
            default: break
            }
            texts.append(text)
            cells.append("\"" + Self.stringBody(text, &generator) + "\"")
        }
        func result(_ cells: [String]) throws -> DDSQLResult {
            try DDSQLResult(
                completedResponse: Array(
                    (#"{"data":{"attributes":{"state":"completed","columns":[{"name":"doc","type":"JSON","values":["#
                        + cells.joined(separator: ",") + "]}]}}}").utf8))
        }
        func parsed(_ text: String, row: Int) -> Result<JSONValue, DDSQLError> {
            Result { try JSONValue(parsing: text) }.mapError { error in
                guard case .invalidJSON(let description) = error as? DDSQLError else { return .invalidJSON("\(error)") }
                return .invalidValue(
                    column: "doc", row: row, message: "json column holds text that is not JSON: \(description)")
            }
        }
        // Cell by cell, each read on its own.
        let all = try result(cells)
        for (row, text) in texts.enumerated() {
            let read = Result { () throws(DDSQLError) in try all.cell(column: 0, row: row).json() }
            switch (parsed(text, row: row), read) {
            case (.success(let value), .success(let doc)): #expect(doc == value, "\(text)")
            case (.failure(let error), .failure(let thrown)): #expect(thrown == error, "\(text)")
            case (let expected, let read): Issue.record("\(text): expected \(expected), read \(read)")
            }
        }
        // The texts that are JSON, as rows: one read sharing its tables and memo across the rows.
        let good = texts.indices.filter { (try? JSONValue(parsing: texts[$0])) != nil }
        let rows = try result(good.map { cells[$0] }).rows(Row.self)
        #expect(rows.map(\.doc) == good.map { try? JSONValue(parsing: texts[$0]) })
        #expect(good.count > 450)
    }
}
