import Foundation

@testable import SchemaGenKit

/// Paths inside this repository (never `../shared`: a user's clone has no such folder).
enum Fixtures {
    static let repoRoot: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { url.deleteLastPathComponent() }
        return url.path
    }()

    static let docsInput = repoRoot + "/docs-input"
    static let testFixtures = repoRoot + "/Tests/SchemaGenKitTests/Fixtures"

    static let htmlStyles = ["pretty", "minified", "sloppy"]

    /// The markdown pages shipped in docs-input, as file names (`aws.ec2_instance.md`).
    static let markdownPageNames: [String] = {
        ((try? FileManager.default.contentsOfDirectory(atPath: docsInput)) ?? [])
            .filter { $0.hasSuffix(".md") }.sorted()
    }()

    static func htmlPage(style: String, markdownName: String) -> String {
        "\(testFixtures)/html/\(style)/\(markdownName.dropLast(3)).html"
    }
}

/// Parses page text held in the test, as if read from `path`.
func extract(_ text: String, path: String = "page.md") -> (table: Table?, diagnostics: [Diagnostic]) {
    extract(bytes: Array(text.utf8), path: path)
}

func extract(bytes: [UInt8], path: String = "page.md") -> (table: Table?, diagnostics: [Diagnostic]) {
    let page = Page(path: path, bytes: bytes)
    return SchemaLoader.extractTable(from: page, format: page.format!)
}

extension Array where Element == Diagnostic {
    var errors: [Diagnostic] { filter { $0.severity == .error } }
    var warnings: [Diagnostic] { filter { $0.severity == .warning } }
}

/// A minimal well-formed markdown page around the given Fields rows (shifted layout header).
func markdownPage(
    id: String = "aws.widget", title: String = "Widget", frontMatter: String? = nil,
    beforeFields: String = "", rows: [String]
) -> String {
    let matter = frontMatter ?? "title: \(title)\ndescription: d\nbreadcrumbs: Docs > \(title)"
    return """
        ---
        \(matter)
        ---

        # \(title)

        A widget summary.

        ```
        \(id)
        ```
        \(beforeFields)
        ## Fields

        | Title | ID | Type | Data Type | Description |
        | ----- | -- | ---- | --------- | ----------- |
        \(rows.joined(separator: "\n"))

        """
}

/// Diagnostics without the warnings about mojibake that two pages of docs-input carry from upstream
/// (`aws.ses_dedicated_ip_pool`, `dd.logs`), for tests about something else that read those pages.
func withoutMojibakeWarnings(_ text: String) -> String {
    text.split(separator: "\n", omittingEmptySubsequences: false)
        .filter { !$0.contains("looks like UTF-8 read as Latin-1 or Windows-1252") }.joined(separator: "\n")
}

func withoutMojibakeWarnings(_ lines: [String]) -> [String] {
    lines.filter { !$0.contains("looks like UTF-8 read as Latin-1 or Windows-1252") }
}
