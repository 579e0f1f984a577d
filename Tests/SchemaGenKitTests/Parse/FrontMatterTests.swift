import Foundation
import Testing

@testable import SchemaGenKit

/// Front matter is read by `SimpleYAML` when it is plain `key: value` lines and by Yams otherwise;
/// both paths must give the same values and the same diagnostics, which is checked here against
/// Yams alone on every real page and on YAML chosen to sit on the edges of the fast path.
@Suite struct FrontMatterTests {
    /// The YAML between the `---` lines of a page, joined the way the markdown scanner joins it.
    static func frontMatter(ofPage path: String) throws -> String {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let open = try #require(lines.firstIndex { $0.trimmingCharacters(in: " ") == "---" })
        let close = try #require(lines[(open + 1)...].firstIndex { $0.trimmingCharacters(in: " ") == "---" })
        return lines[(open + 1)..<close].joined(separator: "\n")
    }

    static func readsDirectly(_ yaml: String) -> Bool {
        var yaml = yaml
        return yaml.withUTF8 { SimpleYAML.mapping($0) } != nil
    }

    static func expectSameAsYams(_ yaml: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        let (matter, diagnostics) = FrontMatter.parse(yaml, firstLine: 3, file: "p.md")
        let (yamsMatter, yamsDiagnostics) = FrontMatter.parseWithYams(yaml, firstLine: 3, file: "p.md")
        #expect(matter == yamsMatter, "\(yaml.debugDescription)", sourceLocation: sourceLocation)
        #expect(
            diagnostics.map(\.formatted) == yamsDiagnostics.map(\.formatted), "\(yaml.debugDescription)",
            sourceLocation: sourceLocation)
    }

    @Test(arguments: Fixtures.markdownPageNames)
    func realPagesAreReadDirectlyWithYamsValues(_ page: String) throws {
        let yaml = try Self.frontMatter(ofPage: Fixtures.docsInput + "/" + page)
        #expect(Self.readsDirectly(yaml), "\(page) front matter fell back to Yams")
        Self.expectSameAsYams(yaml)
        #expect(FrontMatter.parse(yaml, firstLine: 3, file: "p.md").0.title?.isEmpty == false)
    }

    /// What the fast path takes on, each with the value Yams gives.
    static let direct: [(yaml: String, title: String?)] = [
        ("title: Plain Title\ndescription: Datadog, the leading service.", "Plain Title"),
        ("title:   spaced   out  ", "spaced   out"),
        ("title: https://docs.datadoghq.com/x#frag", "https://docs.datadoghq.com/x#frag"),
        ("title: a,b [c] {d} e#f", "a,b [c] {d} e#f"),
        ("title: caf\u{E9} \u{A0}nbsp \u{1F600}", "caf\u{E9} \u{A0}nbsp \u{1F600}"),
        ("title: 'it''s: # fine'", "it's: # fine"),
        ("title: ''", ""),
        ("title: \"double: # quoted\"", "double: # quoted"),
        ("title: >-\n  Folded\n  Title", "Folded Title"),
        ("title: |-\n  Literal\n  Title", "Literal\nTitle"),
        ("title: >-\n    deep: # not a comment\n    x", "deep: # not a comment x"),
        ("title: 123\ndescription: null\nbreadcrumbs: ~", "123"),
        ("title: true", "true"),
        ("\ntitle: x\n\n\ndescription: y\n", "x"),
        ("key-with-dash: v\n_under: w\ntitle: t", "t"),
        ("Title: upper\ntitle: lower", "lower"),
        ("", nil),
        ("  \n ", nil),
    ]

    @Test func theSimpleSubsetIsReadDirectlyWithYamsValues() {
        for (yaml, title) in Self.direct {
            #expect(Self.readsDirectly(yaml), "\(yaml.debugDescription)")
            #expect(FrontMatter.parse(yaml, firstLine: 3, file: "p.md").0.title == title, "\(yaml.debugDescription)")
            Self.expectSameAsYams(yaml)
        }
    }

    /// What the fast path leaves to Yams: values, warnings and errors must still be Yams's.
    static let leftToYams: [String] = [
        "title: Docs > DDSQL > A: B",
        "title: a #comment",
        "title: a:",
        "title: [a, b]",
        "title: {a: b}",
        "title: &x a\ndescription: *x",
        "title: !!str 12",
        "title: -dash",
        "title: ?q",
        "title: `tick`",
        "title: @at",
        "title: %pct",
        "title: 'unclosed",
        "title: \"unclosed",
        "title: \"esc\\ttab\"",
        "title: 'multi\n  line'",
        "title: x\n  continued",
        "title:\n  nested: 1",
        "title:\n- a\n- b",
        "title:",
        "title: ",
        "title: x\ntitle: y",
        "title: x\ndescription: a\ndescription: b",
        "title : spaced",
        "title:value",
        "\ttitle: tab",
        "title:\ttab",
        "title: a\tb",
        "title: >\n  clip",
        "title: |\n  keep",
        "title: >+\n  keep",
        "title: >2-\n    indented",
        "title: >- # comment\n  x",
        "title: >-\n",
        "title: >-\n  a\n\n  b",
        "title: >-\n  a\n    b",
        "title: >-\n    a\n  b",
        "title: >-\n  trailing  \n  b",
        "title: >-\n  # hash\n  x",
        "title: >-\n  a\n   \ndescription: d",
        "# comment\ntitle: x",
        "title: x\n# comment",
        "%YAML 1.1\n---\ntitle: x",
        "--- x",
        "title: x\n...",
        "just a scalar",
        "- a\n- b",
        "title: nel\u{85}x",
        "title: ls\u{2028}x",
        "title: bom\u{FEFF}x",
        "title: c1\u{9B}x",
        "title: nonchar\u{FFFE}",
        "title: ctl\u{1}x",
        "title: del\u{7F}x",
        "title: x\r\ndescription: y",
        "title: x\ry",
        "title: [unclosed\ndescription: d",
        "caf\u{E9}: x\ntitle: t",
        String(repeating: "k", count: 200) + ": v",
    ]

    @Test func everythingElseGoesToYamsWithTheSameResults() {
        for yaml in Self.leftToYams {
            #expect(!Self.readsDirectly(yaml), "\(yaml.debugDescription) was read directly")
            Self.expectSameAsYams(yaml)
        }
        for (yaml, _) in Self.direct { Self.expectSameAsYams(yaml) }
    }

    @Test func aRepeatedKeyKeepsYamsErrorAndLocation() {
        let page = markdownPage(frontMatter: "title: a\ndescription: d\ntitle: b", rows: ["| a | core | string |"])
        let diagnostics = extract(page).diagnostics
        #expect(diagnostics.map(\.formatted) == ["page.md:2:1: error: front matter repeats the key(s) title"])
    }

    @Test func theFoldedTitleOfARealPageLayoutIsRead() throws {
        let page = markdownPage(
            frontMatter: "title: >-\n  Pinpoint SMS and Voice Configuration\n  Set\nsource_url: >-\n  https://x/y",
            rows: ["| a | core | string |"]
        ).replacingOccurrences(of: "# Widget\n", with: "")
        #expect(try #require(extract(page).table).title == "Pinpoint SMS and Voice Configuration Set")
    }
}
