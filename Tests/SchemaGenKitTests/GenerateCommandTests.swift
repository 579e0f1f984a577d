import Foundation
import Testing

@testable import SchemaGenKit

/// `schemagen INPUT... --out DIR` as users run it: the real binary on real folders.
@Suite struct GenerateCommandTests {
    /// Every file under `root` (manifest included) with its bytes and modification time.
    static func snapshot(_ root: String) throws -> [String: (Data, Date)] {
        var result: [String: (Data, Date)] = [:]
        let fm = FileManager.default
        guard let walker = fm.enumerator(atPath: root) else { return result }
        for case let relative as String in walker {
            let path = root + "/" + relative
            var isDirectory: ObjCBool = false
            guard fm.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
            let date = try fm.attributesOfItem(atPath: path)[.modificationDate] as! Date
            result[relative] = (try Data(contentsOf: URL(fileURLWithPath: path)), date)
        }
        return result
    }

    /// Sets every file's modification time into the past, so "not rewritten" is observable at once.
    static func age(_ root: String) throws {
        let old = Date(timeIntervalSince1970: 1_000_000_000)
        for relative in try snapshot(root).keys {
            try FileManager.default.setAttributes([.modificationDate: old], ofItemAtPath: root + "/" + relative)
        }
    }

    static func copyDocsInput(to dir: TemporaryDirectory) throws -> String {
        let pages = dir.path + "/pages"
        try FileManager.default.copyItem(atPath: Fixtures.docsInput, toPath: pages)
        return pages
    }

    @Test func secondRunChangesNothingAndDeletingAPageRemovesExactlyItsOutputs() throws {
        let dir = try TemporaryDirectory()
        let pages = try Self.copyDocsInput(to: dir)
        let out = dir.path + "/Generated"
        let first = try CommandLineTool.run([pages, "--out", out])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdoutText == "\(out): 63 created\n")
        try Self.age(out)
        let before = try Self.snapshot(out)

        let second = try CommandLineTool.run(["generate", pages, "--out", out])
        #expect(second.status == 0)
        #expect(second.stdoutText == "\(out): 63 unchanged\n")
        let after = try Self.snapshot(out)
        #expect(after.keys.sorted() == before.keys.sorted())
        for (path, (bytes, date)) in before {
            #expect(after[path]?.0 == bytes && after[path]?.1 == date, "\(path) was touched")
        }

        try FileManager.default.removeItem(atPath: pages + "/k8s.pods.md")
        let third = try CommandLineTool.run([pages, "--out", out])
        #expect(third.status == 0)
        let remaining = try Self.snapshot(out)
        #expect(
            Set(before.keys).subtracting(remaining.keys) == ["swift/K8sPods.swift", "jsonschema/k8s.pods.schema.json"])
        let rewritten = remaining.filter { path, value in before[path]?.1 != value.1 }.keys.sorted()
        #expect(rewritten == [".schemagen-manifest", "sql/postgres.sql", "sql/sqlite.sql"])
        #expect(!(String(data: remaining["sql/postgres.sql"]!.0, encoding: .utf8)!).contains("\"pods\""))
    }

    @Test func aBadPageLeavesTheOutputFolderAsItWas() throws {
        let dir = try TemporaryDirectory()
        let pages = try Self.copyDocsInput(to: dir)
        let out = dir.path + "/out"
        #expect(try CommandLineTool.run([pages, "--out", out]).status == 0)
        try dir.write("user-notes.txt", "mine")
        try FileManager.default.copyItem(atPath: dir.path + "/user-notes.txt", toPath: out + "/swift/NOTES.txt")
        try Self.age(out)
        let before = try Self.snapshot(out)
        try dir.write("pages/zz.broken.md", markdownPage(id: "zz.broken", rows: ["| a | core |"]))
        let failed = try CommandLineTool.run([pages, "--out", out])
        #expect(failed.status == 1)
        #expect(failed.stderr.contains("zz.broken.md:19:1: error: row fits neither Fields layout"))
        let after = try Self.snapshot(out)
        #expect(after.keys.sorted() == before.keys.sorted())
        #expect(after.allSatisfy { path, value in before[path]?.0 == value.0 && before[path]?.1 == value.1 })
    }

    @Test func targetsPickASubset() throws {
        let dir = try TemporaryDirectory()
        let out = dir.path + "/out"
        let result = try CommandLineTool.run(
            [Fixtures.docsInput + "/k8s.pods.md", "--out", out, "--targets", "postgres,jsonschema"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(
            try Self.snapshot(out).keys.sorted() == [
                ".schemagen-manifest", "jsonschema/k8s.pods.schema.json", "sql/postgres.sql",
            ])
        let bad = try CommandLineTool.run([Fixtures.docsInput, "--out", out, "--targets", "swift,cobol"])
        #expect(bad.status != 0)
        #expect(bad.stderr.contains("unknown target `cobol`"))
    }

    @Test func templatesFolderOverridesByName() throws {
        let dir = try TemporaryDirectory()
        try dir.write(
            "templates/sqlite.mustache",
            "{{%CONTENT_TYPE: TEXT}}\n{{#tables}}-- {{ sqlComment(tableID) }} has {{ tableName }}\n{{/tables}}")
        let out = dir.path + "/out"
        let result = try CommandLineTool.run(
            [Fixtures.docsInput + "/k8s.pods.md", "--out", out, "--templates", dir.path + "/templates"])
        #expect(result.status == 0, "\(result.stderr)")
        let sqlite = try String(contentsOfFile: out + "/sql/sqlite.sql", encoding: .utf8)
        #expect(sqlite == "-- k8s.pods has pods\n")
        // The other templates are still the bundled ones.
        let postgres = try String(contentsOfFile: out + "/sql/postgres.sql", encoding: .utf8)
        #expect(postgres.contains("CREATE TABLE \"k8s\".\"pods\" ("))
    }

    @Test func brokenOrUnknownTemplatesAreErrorsWithTheirPlace() throws {
        let dir = try TemporaryDirectory()
        try dir.write("broken/postgres.mustache", "line one\n{{#tables}}\n  {{ tableID }}\n")
        let broken = try CommandLineTool.run(
            [Fixtures.docsInput, "--out", dir.path + "/out", "--templates", dir.path + "/broken"])
        #expect(broken.status == 1)
        #expect(broken.stderr.hasPrefix(dir.path + "/broken/postgres.mustache:"))
        #expect(broken.stderr.contains(": error: template syntax error"))
        #expect(!FileManager.default.fileExists(atPath: dir.path + "/out"))

        try dir.write("typo/swift-tabel.mustache", "x")
        let typo = try CommandLineTool.run(
            [Fixtures.docsInput, "--out", dir.path + "/out", "--templates", dir.path + "/typo"])
        #expect(typo.status == 1)
        #expect(typo.stderr.contains("swift-tabel.mustache:1:1: error: not a schemagen template name"))
    }

    @Test func aLoneCopyOfTheBinaryCarriesItsTemplates() throws {
        let dir = try TemporaryDirectory()
        let lone = dir.path + "/bin/schemagen"
        try FileManager.default.createDirectory(atPath: dir.path + "/bin", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: CommandLineTool.binary, toPath: lone)
        let result = try ProcessRunner.run(
            lone, [Fixtures.docsInput + "/k8s.pods.md", "--out", dir.path + "/out"], currentDirectory: dir.path)
        #expect(result.succeeded, "\(result)")
        let swift = try String(contentsOfFile: dir.path + "/out/swift/K8sPods.swift", encoding: .utf8)
        #expect(swift.contains("public struct K8sPods: Codable, Hashable, Sendable, DDSQLJSON.Row {"))
    }

    @Test func aUsersFileInTheWayIsNeverOverwritten() throws {
        let dir = try TemporaryDirectory()
        let out = dir.path + "/out"
        try dir.write("out/sql/postgres.sql", "-- my own hand-written SQL\n")
        let result = try CommandLineTool.run([Fixtures.docsInput + "/k8s.pods.md", "--out", out])
        #expect(result.status == 1)
        #expect(result.stderr.contains("sql/postgres.sql"))
        #expect(
            try String(contentsOfFile: out + "/sql/postgres.sql", encoding: .utf8) == "-- my own hand-written SQL\n")
        #expect(try Self.snapshot(out).keys.sorted() == ["sql/postgres.sql"])
    }
}
