import Foundation
import Testing

@testable import SchemaGenKit

/// Doc comments show a description's HTML as Markdown and repair UTF-8 read as Latin-1 or Windows-1252,
/// with a warning; `dump` keeps the page's text as it is.
@Suite struct DocCommentTextTests {
    /// The real `scaling_mode` row of docs-input/aws.ses_dedicated_ip_pool.md, bytes as on the page.
    static let sesDescription =
        "The type of the dedicated IP pool. <ul> <li> <code>STANDARD</code> \u{E2}\u{80}\u{93} A "
        + "dedicated IP pool where you can control which IPs are part of the pool. </li> <li> <code>MANAGED</code> "
        + "\u{E2}\u{80}\u{93} A dedicated IP pool where the reputation and number of IPs are automatically managed by "
        + "Amazon SES. </li> </ul>"

    @Test func htmlBecomesMarkdownAndMojibakeIsRepaired() {
        #expect(
            DocCommentText.markdown(Self.sesDescription) == """
                The type of the dedicated IP pool.
                - `STANDARD` – A dedicated IP pool where you can control which IPs are part of the pool.
                - `MANAGED` – A dedicated IP pool where the reputation and number of IPs are automatically managed by Amazon SES.
                """)
        // Windows-1252's reading of the same bytes, and an ellipsis read as Latin-1.
        #expect(Mojibake.repaired("a \u{E2}\u{20AC}\u{201C} b") == "a – b")
        #expect(Mojibake.repaired("AS (\u{E2}\u{80}\u{A6})") == "AS (…)")
        // Text that is what it says stays: accents, and lone characters in the Latin-1 range.
        #expect(Mojibake.repaired("café à Zürich, 5 × 3") == nil)
        #expect(
            DocCommentText.markdown("Bold <b>x</b>, a <a href=\"https://x.example/d\">link</a>, `<namespace>.<name>`")
                == "Bold **x**, a [link](https://x.example/d), `<namespace>.<name>`")
    }

    @Test func theGeneratedSwiftShowsMarkdownWithAWarningAndDumpKeepsThePage() throws {
        let dir = try TemporaryDirectory()
        let page = try String(contentsOfFile: Fixtures.docsInput + "/aws.ses_dedicated_ip_pool.md", encoding: .utf8)
        try dir.write("pages/aws.ses_dedicated_ip_pool.md", page)
        let run = try CommandLineTool.run(["pages", "--out", "out", "--quiet", "--targets", "swift"], in: dir.path)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(
            run.stderr.contains(
                "warning: the description of `scaling_mode` looks like UTF-8 read as Latin-1 or Windows-1252; Swift doc "
                    + "comments show it repaired (`\u{E2}\\u{0080}\\u{0093}` → `–`), `dump` as the page has it"),
            "\(run.stderr)")
        let swift = try String(contentsOfFile: dir.path + "/out/swift/AWSSESDedicatedIPPool.swift", encoding: .utf8)
        #expect(
            swift.contains(
                "    /// - `STANDARD` – A dedicated IP pool where you can control which IPs are part of the pool.\n"),
            "\(swift)")
        #expect(!swift.contains("<li>") && !swift.contains("\u{E2}\u{80}"))
        let dump = try CommandLineTool.run(["dump", "pages"], in: dir.path)
        #expect(dump.stdoutText.contains("<ul> <li> <code>STANDARD</code> \u{E2}\u{80}\u{93} A dedicated"))
    }
}
