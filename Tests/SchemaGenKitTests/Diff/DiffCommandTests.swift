import Foundation
import Testing

@testable import SchemaGenKit

/// `schemagen diff` and `schemagen sql-migrate` as CI runs them: the real binary, every report format
/// against its golden file, and the exit status for each `--fail-on` level and for inputs it cannot read.
@Suite struct DiffCommandTests {
    /// All fixture pairs' pages as `old/` and `new/` in a fresh folder; commands run there with
    /// relative paths, so reports name `new/aws.docdb_subnet_group.md` on every machine.
    static func folder(_ pair: DiffFixturePair = .combined) throws -> TemporaryDirectory {
        let dir = try TemporaryDirectory()
        try pair.write(to: dir)
        return dir
    }

    /// Golden file extension per format, so the files open with the right highlighting.
    static let extensions: [DiffFormat: String] = [
        .text: "txt", .json: "json", .markdown: "md", .github: "github.txt", .junit: "junit.xml",
    ]

    @Test(arguments: DiffFormat.allCases)
    func eachFormatMatchesItsGoldenFile(format: DiffFormat) throws {
        let dir = try Self.folder()
        let output = try CommandLineTool.run(["diff", "old", "new", "--format", format.rawValue], in: dir.path)
        #expect(output.status == 1)
        #expect(output.stderr.isEmpty)
        try Golden.check(output.stdout, against: "report." + Self.extensions[format]!)
    }

    @Test func noChangesInEveryFormat() throws {
        let dir = try Self.folder(.unchanged)
        for format in DiffFormat.allCases {
            let output = try CommandLineTool.run(
                ["diff", "old", "new", "--format", format.rawValue, "--fail-on", "info"], in: dir.path)
            #expect(output.status == 0, "\(format)")
            try Golden.check(output.stdout, against: "unchanged." + Self.extensions[format]!)
        }
    }

    @Test func theJSONReportIsValidAndCarriesEveryChange() throws {
        let dir = try Self.folder()
        let output = try CommandLineTool.run(["diff", "old", "new", "--format", "json"], in: dir.path)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(output.stdout)) as? [String: Any])
        #expect(object["version"] as? Int == 1)
        let changes = try #require(object["changes"] as? [[String: Any]])
        #expect(changes.count == DiffFixturePair.combined.expected.count)
        let github = try CommandLineTool.run(["diff", "old", "new", "--format", "github"], in: dir.path)
        #expect(github.stdoutText.split(separator: "\n").filter { $0.hasPrefix("::") }.count == changes.count)
    }

    @Test(
        arguments: [
            // pair, --fail-on, expected status
            ("combined", "breaking", 1), ("combined", "warning", 1), ("combined", "info", 1), ("combined", "never", 0),
            ("deprecation", "breaking", 0), ("deprecation", "warning", 1), ("deprecation", "info", 1),
            ("deprecation", "never", 0),
            ("wording", "breaking", 0), ("wording", "warning", 0), ("wording", "info", 1), ("wording", "never", 0),
            ("unchanged", "breaking", 0), ("unchanged", "warning", 0), ("unchanged", "info", 0),
            ("unchanged", "never", 0),
        ] as [(String, String, Int32)])
    func exitStatusFollowsFailOn(pairName: String, failOn: String, status: Int32) throws {
        let pair: DiffFixturePair =
            switch pairName {
            case "deprecation": .deprecation
            case "wording": .wording
            case "unchanged": .unchanged
            default: .combined
            }
        let dir = try Self.folder(pair)
        let output = try CommandLineTool.run(["diff", "old", "new", "--fail-on", failOn], in: dir.path)
        #expect(output.status == status, "\(output.stdoutText)\(output.stderr)")
    }

    @Test func theDefaultThresholdIsBreaking() throws {
        let dir = try Self.folder(.deprecation)
        #expect(try CommandLineTool.run(["diff", "old", "new"], in: dir.path).status == 0)
        let breaking = try Self.folder(.docdbTags)
        #expect(try CommandLineTool.run(["diff", "old", "new"], in: breaking.path).status == 1)
    }

    @Test func inputsThatCannotBeReadExitTwo() throws {
        let dir = try Self.folder(.docdbTags)
        // A folder named like a snapshot cannot be read as one, whoever runs the tests (root included).
        try FileManager.default.createDirectory(atPath: dir.path + "/snapshot.json", withIntermediateDirectories: true)
        let unreadable = try CommandLineTool.run(["diff", "snapshot.json", "new"], in: dir.path)
        #expect(unreadable.status == 2)
        #expect(unreadable.stdout.isEmpty)
        #expect(unreadable.stderr == "schemagen: error: cannot read snapshot.json\n")

        let missing = try CommandLineTool.run(["diff", "old", "gone"], in: dir.path)
        #expect(missing.status == 2)
        #expect(missing.stderr == "schemagen: error: no such file or directory: gone\n")

        try dir.write("broken.json", "{not json")
        let corrupt = try CommandLineTool.run(["diff", "broken.json", "new", "--fail-on", "never"], in: dir.path)
        #expect(corrupt.status == 2)
        #expect(corrupt.stderr.hasPrefix("broken.json:1:1: error: not a schemagen schema (not JSON"))

        try dir.write("bad/page.md", markdownPage(id: "aws.bad", rows: ["| a | core |"]))
        let badPage = try CommandLineTool.run(["diff", "old", "bad"], in: dir.path)
        #expect(badPage.status == 2)
        #expect(badPage.stderr.contains("bad/page.md:19:1: error: row fits neither Fields layout"))

        let migrate = try CommandLineTool.run(["sql-migrate", "old", "gone", "--dialect", "postgres"], in: dir.path)
        #expect(migrate.status == 2)

        // A mistyped option is a usage error, distinct from both "found" and "could not read".
        let usage = try CommandLineTool.run(["diff", "old", "new", "--format", "yaml"], in: dir.path)
        #expect(usage.status == 64)
    }

    @Test func aSnapshotFromDumpIsAnInput() throws {
        let dir = try Self.folder()
        let dump = try CommandLineTool.run(["dump", "old"], in: dir.path)
        #expect(dump.status == 0)
        try dir.write("old.json", bytes: dump.stdout)
        let viaSnapshot = try CommandLineTool.run(["diff", "old.json", "new", "--format", "text"], in: dir.path)
        let viaPages = try CommandLineTool.run(["diff", "old", "new", "--format", "text"], in: dir.path)
        #expect(viaSnapshot.status == 1)
        #expect(viaSnapshot.stdout == viaPages.stdout)
    }

    @Test func anIgnoreFileAcceptsChanges() throws {
        let dir = try Self.folder(.docdbTags)
        try dir.write("accepted.txt", "# tags became a list upstream\nfield-type-changed aws.docdb_subnet_group:tags\n")
        let output = try CommandLineTool.run(["diff", "old", "new", "--ignore", "accepted.txt"], in: dir.path)
        #expect(output.status == 0)
        #expect(
            output.stdoutText
                == "No schema changes.\n0 breaking, 0 warnings, 0 info (1 ignored); passes --fail-on breaking\n")

        try dir.write("typo.txt", "field-type-chnged aws.docdb_subnet_group:tags\n")
        let typo = try CommandLineTool.run(["diff", "old", "new", "--ignore", "typo.txt"], in: dir.path)
        #expect(typo.status == 2)
        #expect(typo.stderr == "typo.txt:1:1: error: unknown rule id `field-type-chnged`\n")

        let missing = try CommandLineTool.run(["diff", "old", "new", "--ignore", "nope.txt"], in: dir.path)
        #expect(missing.status == 2)
        #expect(missing.stderr == "schemagen: error: cannot read ignore file nope.txt\n")
    }

    @Test(arguments: ["postgres", "sqlite"])
    func migrationScriptsMatchTheirGoldenFiles(dialect: String) throws {
        let dir = try Self.folder()
        let safe = try CommandLineTool.run(["sql-migrate", "old", "new", "--dialect", dialect], in: dir.path)
        #expect(safe.status == 0)
        try Golden.check(safe.stdout, against: "migrate.\(dialect).sql")
        let destructive = try CommandLineTool.run(
            ["sql-migrate", "old", "new", "--dialect", dialect, "--allow-destructive"], in: dir.path)
        #expect(destructive.status == 0)
        try Golden.check(destructive.stdout, against: "migrate.\(dialect).allow-destructive.sql")
    }
}
