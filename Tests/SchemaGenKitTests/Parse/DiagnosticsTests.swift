import Foundation
import Testing

@testable import SchemaGenKit

/// Malformed input: each case gets its diagnostic at the right place, never a crash.
@Suite struct DiagnosticsTests {
    @Test func pageWithoutFieldsTable() {
        let page = """
            # Widget

            Summary.

            ```
            aws.widget
            ```
            """
        let (table, diagnostics) = extract(page)
        #expect(table == nil)
        #expect(
            diagnostics.map(\.formatted) == [
                "page.md:1:1: error: no fields table (expected a `Fields` heading followed by a table)"
            ])
        let headingOnly = page + "\n\n## Fields\n\nNo table here.\n"
        #expect(
            extract(headingOnly).diagnostics.map(\.formatted) == [
                "page.md:9:1: error: the `Fields` heading is not followed by a table"
            ])
        let html =
            "<html><body><h1 id=pagetitle>W</h1><pre>aws.w</pre><h2>Other</h2><table><tr><td>x</td></tr></table></body></html>"
        #expect(
            extract(html, path: "w.html").diagnostics.map(\.formatted) == [
                "w.html:1:1: error: no fields table (expected a `Fields` heading followed by a table)"
            ])
    }

    @Test func rowThatFitsNeitherLayout() {
        let page = markdownPage(rows: [
            "| a | core | string |",
            "| only two | cells |",
            "| b | core | Not A Type | desc |",
            "| c | core | string |",
        ])
        let (table, diagnostics) = extract(page)
        #expect(table?.fields.map(\.name) == ["a", "c"])
        #expect(
            diagnostics.errors.map(\.location) == [
                SourceLocation(file: "page.md", line: 20, column: 1),
                SourceLocation(file: "page.md", line: 21, column: 1),
            ])
        #expect(diagnostics.errors.allSatisfy { $0.message.hasPrefix("row fits neither Fields layout") })
        #expect(diagnostics.errors[0].message.contains("found 2 cells"))
    }

    @Test func duplicateFieldIDWithinATable() {
        let page = markdownPage(rows: [
            "| arn | core | string |", "| x | core | int64 |", "| arn | core | string | again |",
        ])
        let (table, diagnostics) = extract(page)
        #expect(table?.fields.map(\.name) == ["arn", "x"])
        #expect(
            diagnostics.map(\.formatted) == [
                "page.md:21:3: error: duplicate field id `arn` (first defined on line 19)"
            ])
    }

    @Test func duplicateTableIDAcrossInputsNamesBothFiles() throws {
        let dir = try TemporaryDirectory()
        let page = markdownPage(rows: ["| a | core | string |"])
        try dir.write("one/aws.widget.md", page)
        try dir.write("two/widget-copy.md", page)
        let result = SchemaLoader.load(inputs: [dir.path])
        #expect(result.schema.tables.count == 1)
        #expect(result.schema.tables.first?.source.file == dir.path + "/one/aws.widget.md")
        let errors = result.diagnostics.errors
        #expect(errors.count == 1)
        #expect(errors.first?.location == SourceLocation(file: dir.path + "/two/widget-copy.md", line: 12, column: 1))
        #expect(errors.first?.message.contains(dir.path + "/one/aws.widget.md") == true)
        #expect(errors.first?.message.contains(dir.path + "/two/widget-copy.md") == true)
        #expect(
            result.diagnostics.contains { $0.severity == .note && $0.location?.file == dir.path + "/one/aws.widget.md" }
        )
    }

    @Test func nonUTF8Bytes() {
        var bytes = Array(markdownPage(rows: ["| a | core | string | caf |"]).utf8)
        let at = bytes.firstIndex(of: UInt8(ascii: "f"))! + 1
        bytes.insert(0xE9, at: at)  // Latin-1 é
        let (table, diagnostics) = extract(bytes: bytes)
        #expect(table == nil)
        #expect(diagnostics.map(\.formatted) == ["page.md:19:26: error: the page is not valid UTF-8 (byte 0xE9)"])
        let (htmlTable, htmlDiagnostics) = extract(
            bytes: Array("<p>\n  ok \u{FF}".utf8) + [0xC0, 0x80], path: "p.html")
        #expect(htmlTable == nil)
        #expect(htmlDiagnostics.map(\.formatted) == ["p.html:2:7: error: the page is not valid UTF-8 (byte 0xC0)"])
    }

    @Test func unknownDataTypeAndVariantAreKeptWithAWarning() throws {
        let page = markdownPage(rows: [
            "| a | core | geometry | G. |",
            "| b | metric | string |",
            "| c | core | array<array<string>> |",
        ])
        let (table, diagnostics) = extract(page)
        let fields = try #require(table?.fields)
        #expect(fields.map(\.dataType.spelling) == ["geometry", "string"])
        #expect(fields[0].dataType.base == .unknown("geometry"))
        #expect(fields[1].variant == "metric")
        #expect(diagnostics.warnings.map(\.location?.line) == [19, 20])
        #expect(diagnostics.warnings.map(\.location?.column) == [14, 7])
        #expect(diagnostics.warnings[0].message.hasPrefix("unknown data type `geometry`"))
        #expect(diagnostics.warnings[1].message.hasPrefix("unknown field variant `metric`"))
        // A nested array is outside the grammar `T | array<T>`: the row fits no layout.
        #expect(diagnostics.errors.map(\.location?.line) == [21])
        #expect(!diagnostics.filter { $0.severity != .error }.hasErrors)
    }

    @Test func unterminatedFrontMatterAndFenceAndBadYAML() {
        let open = "---\ntitle: x\n\n# T\n"
        #expect(
            extract(open).diagnostics.map(\.formatted) == [
                "page.md:1:1: error: front matter opened here is never closed (no closing `---` line)"
            ])
        let fence = "# T\n\n```\naws.t\n\n## Fields\n"
        let fenceDiagnostics = extract(fence).diagnostics.map(\.formatted)
        #expect(fenceDiagnostics.first == "page.md:3:1: error: code fence opened here is never closed")
        let yaml = markdownPage(frontMatter: "title: [unclosed\ndescription: d", rows: ["| a | core | string |"])
        let yamlErrors = extract(yaml).diagnostics.errors
        #expect(yamlErrors.count == 1)
        #expect(yamlErrors.first?.message.hasPrefix("front matter is not valid YAML") == true)
        #expect(yamlErrors.first?.location?.line == 3)
    }

    @Test func emptyFieldsTableAndMissingTableID() {
        let empty = markdownPage(rows: [])
        #expect(extract(empty).diagnostics.map(\.formatted) == ["page.md:17:1: error: the Fields table has no rows"])
        let noID =
            "# Title\n\nSummary.\n\n## Fields\n\n| Title | ID | Type | Data Type | Description |\n|-|-|-|-|-|\n| a | core | string |\n"
        #expect(
            extract(noID).diagnostics.map(\.formatted) == [
                "page.md:1:1: error: no table id (expected a code block holding `<namespace>.<name>` after the title)"
            ])
        let badID = markdownPage(id: "no_namespace", rows: ["| a | core | string |"])
        #expect(
            extract(badID).diagnostics.map(\.formatted) == [
                "page.md:12:1: error: table id `no_namespace` is not of the form `<namespace>.<name>`"
            ])
    }

    @Test func diagnosticsPrintLikeACompiler() {
        let d = Diagnostic.error("boom", at: SourceLocation(file: "docs/a.md", line: 3, column: 7))
        #expect(d.formatted == "docs/a.md:3:7: error: boom")
        #expect(Diagnostic.warning("no location").formatted == "schemagen: warning: no location")
    }
}
