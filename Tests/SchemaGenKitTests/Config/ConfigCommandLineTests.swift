import Foundation
import Testing

@testable import SchemaGenKit

/// The `schemagen` binary with config files: `init`, finding `./schemagen.yml`, `--config`, command-line
/// options over the file, typos reported with their line, and `--print-outputs`.
@Suite struct ConfigCommandLineTests {
    static let page = Fixtures.docsInput + "/aws.ses_dedicated_ip_pool.md"

    @Test func initWritesAStarterThatWorksAndNeverOverwrites() throws {
        let dir = try TemporaryDirectory()
        let first = try CommandLineTool.run(["init"], in: dir.path)
        #expect(first.status == 0, "\(first.stderr)")
        let written = try String(contentsOfFile: dir.path + "/schemagen.yml", encoding: .utf8)
        #expect(written == StarterConfig.text)
        try FileManager.default.createDirectory(atPath: dir.path + "/docs-input", withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            atPath: Self.page, toPath: dir.path + "/docs-input/aws.ses_dedicated_ip_pool.md")
        // The starter, found in the current folder, generates as it is.
        let run = try CommandLineTool.run(["--quiet"], in: dir.path)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(FileManager.default.fileExists(atPath: dir.path + "/Generated/swift/AWSSESDedicatedIPPool.swift"))

        try Data("mine".utf8).write(to: URL(fileURLWithPath: dir.path + "/schemagen.yml"))
        let second = try CommandLineTool.run(["init"], in: dir.path)
        #expect(second.status != 0)
        #expect(second.stderr.contains("already exists"))
        #expect(try String(contentsOfFile: dir.path + "/schemagen.yml", encoding: .utf8) == "mine")
    }

    @Test func commandLineOptionsWinOverTheConfigFile() throws {
        let dir = try TemporaryDirectory()
        try dir.write(
            "conf/schemagen.yml", "inputs: [\(Self.page)]\noutput: out\ntargets: [sqlite]\nswift:\n  access: internal\n"
        )
        let fromFile = try CommandLineTool.run(["--config", dir.path + "/conf/schemagen.yml", "--quiet"])
        #expect(fromFile.status == 0, "\(fromFile.stderr)")
        #expect(FileManager.default.fileExists(atPath: dir.path + "/conf/out/sql/sqlite.sql"))
        #expect(!FileManager.default.fileExists(atPath: dir.path + "/conf/out/swift"))

        let overridden = try CommandLineTool.run([
            "--config", dir.path + "/conf/schemagen.yml", "--out", dir.path + "/other", "--targets", "swift",
            "--access", "package", "--quiet",
        ])
        #expect(overridden.status == 0, "\(overridden.stderr)")
        let swift = try String(contentsOfFile: dir.path + "/other/swift/AWSSESDedicatedIPPool.swift", encoding: .utf8)
        #expect(swift.contains("package struct AWSSESDedicatedIPPool"))
    }

    @Test func aTypoInTheConfigIsAnErrorWithItsLineAndNothingIsWritten() throws {
        let dir = try TemporaryDirectory()
        try dir.write("schemagen.yml", "inputs: [\(Self.page)]\noutput: out\nswift:\n  namespce: DDSQL\n")
        let result = try CommandLineTool.run([], in: dir.path)
        #expect(result.status == 1)
        #expect(
            result.stderr.contains("schemagen.yml:4:3: error: unknown key `swift.namespce` (did you mean `namespace`?)")
        )
        #expect(!FileManager.default.fileExists(atPath: dir.path + "/out"))
    }

    @Test func printOutputsListsWhatARunWritesAndWritesNothing() throws {
        let dir = try TemporaryDirectory()
        let listed = try CommandLineTool.run([
            Self.page, "--out", dir.path + "/out", "--targets", "swift", "--swift-file-names", "page",
            "--print-outputs",
        ])
        #expect(listed.status == 0, "\(listed.stderr)")
        #expect(listed.stdoutText == "swift/JSONValue.swift\nswift/aws.ses_dedicated_ip_pool.swift\n")
        #expect(!FileManager.default.fileExists(atPath: dir.path + "/out"))
        let run = try CommandLineTool.run([
            Self.page, "--out", dir.path + "/out", "--targets", "swift", "--swift-file-names", "page", "--quiet",
        ])
        #expect(run.status == 0)
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: dir.path + "/out/swift").sorted()
                == ["JSONValue.swift", "aws.ses_dedicated_ip_pool.swift"])
    }

    @Test func withoutInputsOrConfigTheErrorSaysWhatIsMissing() throws {
        let dir = try TemporaryDirectory()
        let result = try CommandLineTool.run(["--out", "x"], in: dir.path)
        #expect(result.status == 1)
        #expect(result.stderr.contains("no inputs"))
    }
}
