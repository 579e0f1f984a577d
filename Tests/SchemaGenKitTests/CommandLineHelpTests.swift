import Foundation
import Testing

/// What a new user sees first: `--version`, the root help and every command's help.
@Suite struct CommandLineHelpTests {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().path

    @Test func versionIsTheChangelogsLatest() throws {
        let output = try CommandLineTool.run(["--version"])
        #expect(output.status == 0)
        let changelog = try String(contentsOfFile: Self.packageRoot + "/CHANGELOG.md", encoding: .utf8)
        let latest = try #require(changelog.split(separator: "\n").first { $0.hasPrefix("## ") })
        // `## 0.2.0 (2026-12-06)` or `## 0.2.0`
        let version = latest.dropFirst(3).split(separator: " ").first.map(String.init)
        #expect(output.stdoutText == "\(version ?? "?")\n")
    }

    @Test func noHelpPrintsADefaultTwice() throws {
        for command in [[], ["generate"], ["check"], ["diff"], ["dump"], ["init"], ["sql-migrate"]] {
            let output = try CommandLineTool.run(command + ["--help"])
            #expect(output.status == 0)
            let text = output.stdoutText.split(whereSeparator: \.isWhitespace).joined(separator: " ")
            // Two default notes in a row: the help text's own and the one the argument parser adds.
            for pair in [") (default:", "). (default:"] {
                #expect(!text.contains(pair), "\(command): \(text)")
            }
        }
    }

    @Test func theRootHelpShowsTheDefaultCommandAndItsOptions() throws {
        let output = try CommandLineTool.run(["--help"])
        #expect(output.status == 0)
        let text = output.stdoutText
        #expect(text.contains("schemagen INPUT... --out DIR"))
        #expect(text.contains("generate (default)"))
        for option in ["--out", "--targets", "--table", "--swift-file-names", "--unknown-columns", "--max-page-bytes"] {
            #expect(text.contains(option + " "), "\(option)")
        }
    }
}
