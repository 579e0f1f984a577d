import Foundation
import Testing

@testable import SchemaGenKit

/// `schemagen check INPUT... --out DIR`: the real binary against folders `generate` wrote, then edited.
@Suite struct CheckCommandTests {
    static func generated() throws -> (dir: TemporaryDirectory, out: String) {
        let dir = try TemporaryDirectory()
        try DiffFixturePair.combined.write(to: dir)
        let generate = try CommandLineTool.run(["old", "--out", "out", "--quiet"], in: dir.path)
        #expect(generate.status == 0, "\(generate.stderr)")
        return (dir, dir.path + "/out")
    }

    @Test func anUpToDateFolderPasses() throws {
        let (dir, _) = try Self.generated()
        let output = try CommandLineTool.run(["check", "old", "--out", "out"], in: dir.path)
        #expect(output.status == 0)
        #expect(output.stdoutText.hasPrefix("out: up to date ("))
        let quiet = try CommandLineTool.run(["check", "old", "--out", "out", "--quiet"], in: dir.path)
        #expect(quiet.status == 0 && quiet.stdout.isEmpty)
    }

    @Test func staleMissingAndExtraFilesAreNamedAndNothingIsWritten() throws {
        let (dir, out) = try Self.generated()
        let fm = FileManager.default
        try dir.write("out/sql/sqlite.sql", "-- edited by hand\n")
        try fm.removeItem(atPath: out + "/jsonschema/aws.route.schema.json")
        let before = try GenerateCommandTests.snapshot(out)
        // NEW drops aws.legacy_queue (its files are extra) and adds gcp.pubsub_topic (missing), among others.
        let output = try CommandLineTool.run(["check", "new", "--out", "out"], in: dir.path)
        #expect(output.status == 1)
        let lines = output.stdoutText.split(separator: "\n").map(String.init)
        #expect(lines.contains("out/jsonschema/aws.legacy_queue.schema.json: extra"))
        #expect(lines.contains("out/swift/AWSLegacyQueue.swift: extra"))
        #expect(lines.contains("out/jsonschema/gcp.pubsub_topic.schema.json: missing"))
        #expect(lines.contains("out/jsonschema/aws.route.schema.json: missing"))
        #expect(lines.contains("out/sql/sqlite.sql: stale"))
        #expect(lines.contains("out/sql/postgres.sql: stale"))
        #expect(lines.last?.hasPrefix("out is out of date (") == true)
        let after = try GenerateCommandTests.snapshot(out)
        #expect(after.keys.sorted() == before.keys.sorted())
        for (path, (bytes, date)) in before {
            #expect(after[path]?.0 == bytes && after[path]?.1 == date, "\(path) was touched")
        }
        #expect(!fm.fileExists(atPath: out + "/jsonschema/aws.route.schema.json"))
    }

    @Test func itChecksWithGeneratesOptions() throws {
        let (dir, _) = try Self.generated()
        let swiftOnly = try CommandLineTool.run(["check", "old", "--out", "out", "--targets", "swift"], in: dir.path)
        #expect(swiftOnly.status == 1, "the SQL and JSON Schema files would be removed")
        #expect(swiftOnly.stdoutText.contains("out/sql/postgres.sql: extra"))
        let access = try CommandLineTool.run(["check", "old", "--out", "out", "--access", "internal"], in: dir.path)
        #expect(access.status == 1)
        #expect(access.stdoutText.contains("out/swift/AWSRoute.swift: stale"))
        let badTarget = try CommandLineTool.run(["check", "old", "--out", "out", "--targets", "cobol"], in: dir.path)
        #expect(badTarget.status != 0 && badTarget.status != 1)
    }

    @Test func aMissingFolderIsAllMissingAndInputErrorsExitTwo() throws {
        let (dir, _) = try Self.generated()
        let fresh = try CommandLineTool.run(["check", "old", "--out", "elsewhere"], in: dir.path)
        #expect(fresh.status == 1)
        #expect(fresh.stdoutText.contains("elsewhere/sql/postgres.sql: missing"))
        #expect(!FileManager.default.fileExists(atPath: dir.path + "/elsewhere"))
        let gone = try CommandLineTool.run(["check", "gone", "--out", "out"], in: dir.path)
        #expect(gone.status == 2)
        #expect(gone.stderr == "schemagen: error: no such file or directory: gone\n")
    }
}
