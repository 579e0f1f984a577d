import Foundation
import Testing

@testable import SchemaGenKit

/// The template filters, one row per hostile input.
@Suite struct EscapingTests {
    @Test(arguments: [
        (#"plain"#, #""plain""#),
        (#"say "hi""#, #""say \"hi\"""#),
        (#"ends in \"#, #""ends in \\""#),
        (#"\(interpolation)"#, #""\\(interpolation)""#),
        ("\"\"\" triple", #""\"\"\" triple""#),
        ("bell \u{7} nel \u{85} rlo \u{202E}", #""bell \u{7} nel \u{85} rlo \u{202E}""#),
        ("line\nbreak\ttab", #""line\nbreak\ttab""#),
        ("ünïcødé ✓ 日本", "\"ünïcødé ✓ 日本\""),
    ])
    func swiftStringLiterals(_ input: String, _ expected: String) {
        #expect(Escaping.swiftString(input) == expected)
    }

    @Test func docCommentsStayOnOneLine() {
        #expect(Escaping.docComment("a\nb\r\nc */ d") == "a b  c */ d")
        #expect(Escaping.docComment("mojibake \u{E2}\u{80}\u{93}") == #"mojibake â\u{80}\u{93}"#)
    }

    @Test(arguments: [
        ("it's", "'it''s'"),
        ("'; DROP TABLE x; --", "'''; DROP TABLE x; --'"),
        ("$$ dollar $$", "'$$ dollar $$'"),
        (#"back\slash"#, #"'back\slash'"#),
        ("nul\u{0}byte", "'nul\u{FFFD}byte'"),
    ])
    func sqlStringLiterals(_ input: String, _ expected: String) {
        #expect(Escaping.sqlString(input) == expected)
    }

    @Test func sqlIdentifiersAndComments() {
        #expect(Escaping.sqlIdentifier(#"a"b"#) == #""a""b""#)
        #expect(Escaping.sqlIdentifier("@http.status_code") == #""@http.status_code""#)
        #expect(Escaping.sqlComment("two\nlines\rhere") == "two lines here")
    }

    @Test(arguments: [
        "plain", #"quote " and backslash \"#, "controls \u{0}\u{1}\u{1F}\u{7F}", "\u{2028}\u{2029}", "ünï ✓ 😀",
        "</script>",
    ])
    func jsonStringsRoundTripThroughAJSONParser(_ input: String) throws {
        let literal = Escaping.jsonString(input)
        let parsed = try JSONSerialization.jsonObject(with: Data("[\(literal)]".utf8)) as? [String]
        #expect(parsed == [input])
    }
}
