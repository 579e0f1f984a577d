import Foundation
import Testing

@testable import SchemaGenKit

/// The parsers work on UTF-8 bytes, a word at a time where they can. These pin down what that must
/// not change: line breaks and bad bytes found at any offset, columns counted in Unicode scalars,
/// and marks compared as Characters (an accent after `|` or `#` makes another Character).
@Suite struct ByteLevelParsingTests {
    static func lines(_ text: String) throws -> [String] {
        let page = try PageText(validating: Array(text.utf8))
        return page.lines.map { String(decoding: page.bytes[$0], as: UTF8.self) }
    }

    @Test func linesEndAtLFCRLFAndLoneCRAtAnyOffset() throws {
        // Breaks at every offset around the eight-byte steps.
        for length in 0..<20 {
            let word = String(repeating: "x", count: length)
            for separator in ["\n", "\r\n", "\r"] {
                let text = [word, word + "é", "", word].joined(separator: separator)
                #expect(
                    try Self.lines(text) == [word, word + "é", "", word], "\(length) \(separator.debugDescription)")
            }
        }
        #expect(try Self.lines("\u{FEFF}a\r\n\r\nb\n") == ["a", "", "b", ""])
        #expect(try Self.lines("a\u{0B}b\u{0C}c\u{85}d\u{2028}e") == ["a\u{0B}b\u{0C}c\u{85}d\u{2028}e"])
    }

    @Test func aBadByteIsFoundAfterLongASCIIRuns() {
        for length in 0..<24 {
            for bad: [UInt8] in [[0xFF], [0xC3], [0xE2, 0x82], [0xED, 0xA0, 0x80], [0xC0, 0x80]] {
                let prefix = String(repeating: "a", count: length)
                var bytes = Array("line\r\n\u{E9}\u{E9}\(prefix)".utf8) + bad
                bytes += Array(" tail".utf8)
                do {
                    _ = try PageText(validating: bytes)
                    Issue.record("\(length) \(bad) not reported")
                } catch {
                    guard case .invalidUTF8(let line, let column, let byte) = error else { return }
                    #expect(line == 2 && column == 3 + length && byte == bad[0], "\(length) \(bad)")
                }
            }
        }
    }

    @Test func cellColumnsCountScalarsPastPaddingAndAccents() throws {
        let padding = String(repeating: " ", count: 37)
        let row = "|\(padding)Ünïcödé\(padding)| naïve |\tx\u{301}y | `z` |\(padding)\u{1F600} |"
        var reader = MarkdownRowReader()
        let bytes = Array(row.utf8)
        let split = bytes.withUnsafeBufferPointer { reader.split($0, path: "p.md", line: 1) }
        #expect(split.cells.map(\.text) == ["Ünïcödé", "naïve", "x\u{301}y", "`z`", "\u{1F600}"])
        // Expected columns: 1 + scalars before each cell's first character.
        let expected = ["Ünïcödé", "naïve", "x\u{301}y", "`z`", "\u{1F600}"].map { cell in
            1 + row[..<row.range(of: cell)!.lowerBound].unicodeScalars.count
        }
        #expect(split.cells.map(\.location.column) == expected)
    }

    @Test func aTextRunEndsAtTheFirstSpacePipeOrBackslashWhereverItFalls() throws {
        // Each byte value alone in a word of plain text, at every offset around the eight-byte steps.
        for value in 0...255 {
            for offset in 0..<8 {
                var word = [UInt8](repeating: UInt8(ascii: "a"), count: 8)
                word[offset] = UInt8(value)
                let packed = word.withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) }
                let ends = value <= 0x20 || value == UInt8(ascii: "|") || value == UInt8(ascii: "\\")
                #expect(MarkdownRowReader.endsTextRun(packed) == ends, "\(value) at \(offset)")
            }
        }
        // Cells split and fold the same wherever the pipe, backslash or white space lands in a long word
        // (a fresh reader per row, so its buffer is exactly the row's length and the eight-byte stores'
        // bound is checked at its tightest).
        for length in 0..<20 {
            let word = String((0..<length).map { Character(UnicodeScalar(UInt8(ascii: "a") + UInt8($0 % 26))) })
            let cases: [(String, [String])] = [
                ("| \(word)|\(word) |", [word, word]),
                ("| \(word) \t \(word)é |", [word.isEmpty ? "é" : "\(word) \(word)é"]),
                ("| \(word)\\|\(word) |", [word + "|" + word]),
                ("| \(word)\\*\(word) |", [word + "\\*" + word]),
                ("|\(word)\u{1}\(word)|", [word + "\u{1}" + word]),
            ]
            for (row, expected) in cases {
                var reader = MarkdownRowReader()
                let bytes = Array(row.utf8)
                let split = bytes.withUnsafeBufferPointer { reader.split($0, path: "p.md", line: 1) }
                #expect(split.cells.map(\.text) == expected, "\(row.debugDescription)")
            }
        }
    }

    @Test func paddedCellsFoldLikeTheirText() throws {
        for width in [1, 7, 8, 9, 15, 16, 17, 64] {
            let pad = String(repeating: " ", count: width)
            let rows = ["|\(pad)a\(pad)|\(pad)core\(pad)|\(pad)string\(pad)|\(pad)x \t  y\(pad)|"]
            let table = try #require(extract(markdownPage(rows: rows)).table, "\(width)")
            #expect(table.fields.map(\.description) == ["x y"], "\(width)")
            #expect(table.fields.map(\.name) == ["a"], "\(width)")
        }
    }

    @Test func marksFollowedByACombiningAccentAreOtherCharacters() throws {
        // `|` + U+0301 is not a pipe at the start of a line, so this is not a table row.
        let notARow = markdownPage(rows: ["| a | core | string |", "|\u{301} b | core | string |"])
        #expect(try #require(extract(notARow).table).fields.map(\.name) == ["a"])
        // `##` + U+0301 is not a heading, and `Fields` + U+0301 is not `Fields`.
        let headings = markdownPage(rows: ["| a | core | string |"])
        for broken in ["##\u{301} Fields", "## Fields\u{301}", "## F\u{130}ELDS"] {
            let page = headings.replacingOccurrences(of: "## Fields", with: broken)
            #expect(extract(page).table == nil, "\(broken.debugDescription)")
        }
        // A space + U+0301 is not indentation; a backtick + U+0301 does not quote.
        let quoted = markdownPage(rows: ["| `a\u{301}` | core | `string` |", "| `b`\u{301} | core | string |"])
        let fields = try #require(extract(quoted).table).fields
        #expect(fields.map(\.name) == ["a\u{301}", "`b`\u{301}"])
        #expect(fields.map(\.dataType.spelling) == ["string", "string"])
    }

    @Test func asciiAndUnicodeSpellingsOfTheSameWordsGiveTheSameAnswers() throws {
        // Lower-casing: only the Kelvin sign lower-cases to ASCII, and `fields` has no `k`.
        let page = markdownPage(rows: ["| a | core | string |"])
        #expect(extract(page.replacingOccurrences(of: "## Fields", with: "## FIELDS")).table != nil)
        #expect(extract(page.replacingOccurrences(of: "## Fields", with: "## \u{212A}ields")).table == nil)
        // The deprecation notice in any case, ASCII or not.
        for notice in ["**DEPRECATED**: gone", "caf\u{E9} **Deprecated**", "It no longer returns data \u{1F600}"] {
            let deprecated = markdownPage(beforeFields: "\n\(notice)\n", rows: ["| a | core | string |"])
            #expect(try #require(extract(deprecated).table).deprecated, "\(notice)")
        }
        // A table id with an ideographic space is not a space: kept, and then refused only for `" "`.
        let wide = markdownPage(id: "aws.wide\u{3000}id", rows: ["| a | core | string |"])
        #expect(try #require(extract(wide).table).id == "aws.wide\u{3000}id")
    }

    @Test func htmlClassesAndHeadingsAreComparedAsCharacters() throws {
        let body =
            "<h1 id=pagetitle>T</h1><pre>aws.t</pre><h2>Fields</h2><table><tr><td><td>a<td>core<td>string<td>d</table>"
        func deprecated(_ alert: String) throws -> Bool {
            try #require(extract(alert + body, path: "p.html").table).deprecated
        }
        #expect(try deprecated("<div class=\"note alert\">Deprecated</div>"))
        #expect(try deprecated("<div class=\"alert\">caf\u{E9}: DEPRECATED</div>"))
        // `\r\n` is one Character, not a separator; an accent joins the space before it.
        #expect(try !deprecated("<div class=\"x\r\nalert\">Deprecated</div>"))
        #expect(try !deprecated("<div class=\"alert \u{301}x\">Deprecated</div>"))
        #expect(try deprecated("<div class=\"x\r\n alert\">Deprecated</div>"))
        let upper = body.replacingOccurrences(of: "<h2>Fields</h2>", with: "<h2> FIELDS </h2>")
        #expect(extract(upper, path: "p.html").table != nil)
        let kelvin = body.replacingOccurrences(of: "<h2>Fields</h2>", with: "<h2>\u{212A}ields</h2>")
        #expect(extract(kelvin, path: "p.html").table == nil)
    }

    @Test func pagesAreReadWithTheirSizeCheckedFirst() throws {
        let dir = try TemporaryDirectory()
        let path = try dir.write("aws.page.md", "0123456789")
        #expect(PageReader.read(path: path, maxBytes: 10) == .success(Array("0123456789".utf8)))
        #expect(PageReader.read(path: path, maxBytes: 9) == .failure(.tooLarge(size: 10)))
        #expect(PageReader.read(path: dir.path + "/missing.md", maxBytes: 10) == .failure(.unreadable))
        #expect(PageReader.read(path: dir.path, maxBytes: 1 << 20) == .failure(.notRegularFile(kind: "a folder")))
        let empty = try dir.write("aws.empty.md", "")
        #expect(PageReader.read(path: empty, maxBytes: 10) == .success([]))
        #expect(
            SchemaLoader.extractTable(path: dir.path + "/missing.md").diagnostics.map(\.formatted) == [
                "schemagen: error: cannot read \(dir.path)/missing.md"
            ])
    }
}

@Suite struct ASCIICheckTests {
    @Test func aHighByteAnywhereInAnyLengthIsSeen() {
        for length in 0..<24 {
            let plain = [UInt8](repeating: UInt8(ascii: "a"), count: length)
            #expect(plain.withUnsafeBufferPointer(ASCII.isASCII), "length \(length)")
            for position in 0..<length {
                var bytes = plain
                bytes[position] = 0xC3
                #expect(!bytes.withUnsafeBufferPointer(ASCII.isASCII), "length \(length), byte \(position)")
            }
        }
        #expect(ASCII.isASCII([UInt8](repeating: 0x7F, count: 17)[1...]))
    }
}
