import Foundation
import Testing

@testable import SchemaGenKit

/// `schemagen dump` as a user runs it: the real binary, its exit status and its two streams.
@Suite struct DumpCommandTests {
    @Test func dumpsTheDocsInputAsVersionedJSON() throws {
        let output = try CommandLineTool.run(["dump", "docs-input"], in: Fixtures.repoRoot)
        #expect(output.status == 0)
        #expect(withoutMojibakeWarnings(output.stderr).isEmpty)
        let schema = try SchemaJSON.decode(output.stdout)
        #expect(schema.tables.count == 30)
        #expect(schema.tables.map(\.fields.count).reduce(0, +) == 477)
        #expect(schema.tables.allSatisfy { $0.source.file.hasPrefix("docs-input/") })
        let again = try CommandLineTool.run(["dump", "docs-input"], in: Fixtures.repoRoot)
        #expect(again.stdout == output.stdout)
    }

    @Test func warningsAloneExitZeroErrorsExitNonZero() throws {
        let dir = try TemporaryDirectory()
        try dir.write("warn.md", markdownPage(id: "aws.warn", rows: ["| a | core | geometry |"]))
        let warned = try CommandLineTool.run(["dump", "warn.md"], in: dir.path)
        #expect(warned.status == 0)
        #expect(
            warned.stderr
                == "warn.md:19:14: warning: unknown data type `geometry`; kept as written (known: string, int64, float64, bool, timestamp, date, interval, json, hstore, hstore_csv and array<T> of those)\n"
        )
        #expect(try SchemaJSON.decode(warned.stdout).tables.map(\.id) == ["aws.warn"])

        try dir.write("bad/broken.md", markdownPage(id: "aws.bad", rows: ["| a | core |"]))
        let failed = try CommandLineTool.run(["dump", "."], in: dir.path)
        #expect(failed.status != 0)
        #expect(failed.stdout.isEmpty, "no half a schema on stdout when the input has errors")
        #expect(failed.stderr.contains("./bad/broken.md:19:1: error: row fits neither Fields layout"))
        #expect(failed.stderr.contains("./warn.md:19:14: warning: unknown data type"))
    }

    @Test func missingInputIsAnError() throws {
        let output = try CommandLineTool.run(["dump", "/nonexistent/pages"])
        #expect(output.status != 0)
        #expect(output.stderr == "schemagen: error: no such file or directory: /nonexistent/pages\n")
    }
}
