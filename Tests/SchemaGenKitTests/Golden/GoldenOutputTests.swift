// The whole output for the pages in docs-input/, checked in under Fixtures/golden/ and compared byte
// for byte with what the `schemagen` binary generates now, with default options.
//
// After an intended change to the output, regenerate the files and review them in git:
//
//     SCHEMAGEN_UPDATE_GOLDEN=1 swift test --filter Golden
//     git diff --stat Tests/SchemaGenKitTests/Fixtures/golden
//
// The golden set is every generated file (Swift, both SQL scripts, every JSON Schema), not the
// output folder's bookkeeping (`.schemagen-manifest`), which the writer's own tests cover.

import Foundation
import Testing

@Suite struct GoldenOutputTests {
    static let goldenDirectory = Fixtures.testFixtures + "/golden"

    static let updateHint =
        "If the change is intended: SCHEMAGEN_UPDATE_GOLDEN=1 swift test --filter Golden, then review git diff."

    static var updating: Bool { ProcessInfo.processInfo.environment["SCHEMAGEN_UPDATE_GOLDEN"] == "1" }

    @Test func docsInputGeneratesTheGoldenFiles() throws {
        let scratch = try TemporaryDirectory()
        let out = scratch.path + "/out"
        // Run in an empty folder, so no `schemagen.yml` of the caller's changes the options.
        let run = try CommandLineTool.run([Fixtures.docsInput, "--out", out], in: scratch.path)
        try #require(run.status == 0, "schemagen failed: \(run.stderr)")
        let actual = try Self.files(in: out)
        try #require(actual.count == 63, "expected 30 Swift types, JSONValue.swift, 2 SQL scripts, 30 schemas")

        if Self.updating {
            try? FileManager.default.removeItem(atPath: Self.goldenDirectory)
            for (path, bytes) in actual {
                let full = Self.goldenDirectory + "/" + path
                try FileManager.default.createDirectory(
                    atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                try Data(bytes).write(to: URL(fileURLWithPath: full))
            }
            return
        }
        let golden = try Self.files(in: Self.goldenDirectory)
        if let report = Self.differences(golden: golden, actual: actual) {
            Issue.record(Comment(rawValue: report))
        }
    }

    /// Every regular file under `root` except top-level bookkeeping (names starting with `.`), by
    /// relative path.
    static func files(in root: String) throws -> [String: [UInt8]] {
        guard let enumerator = FileManager.default.enumerator(atPath: root) else { return [:] }
        var files: [String: [UInt8]] = [:]
        while let path = enumerator.nextObject() as? String {
            if path.hasPrefix(".") {
                enumerator.skipDescendants()
                continue
            }
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: root + "/" + path, isDirectory: &isDirectory),
                !isDirectory.boolValue
            else { continue }
            files[path] = [UInt8](try Data(contentsOf: URL(fileURLWithPath: root + "/" + path)))
        }
        return files
    }

    /// Nil when both sets are the same bytes; else which files are missing, extra or different, with
    /// a unified diff of the first few that differ.
    static func differences(golden: [String: [UInt8]], actual: [String: [UInt8]], showing: Int = 3) -> String? {
        let missing = Set(golden.keys).subtracting(actual.keys).sorted()
        let extra = Set(actual.keys).subtracting(golden.keys).sorted()
        let changed = Set(golden.keys).intersection(actual.keys).filter { golden[$0] != actual[$0] }.sorted()
        guard !(missing.isEmpty && extra.isEmpty && changed.isEmpty) else { return nil }
        var lines = ["The generated output differs from Tests/SchemaGenKitTests/Fixtures/golden:"]
        func list(_ paths: [String]) -> String {
            paths.prefix(8).joined(separator: ", ") + (paths.count > 8 ? " and \(paths.count - 8) more" : "")
        }
        if !missing.isEmpty { lines.append("\(missing.count) no longer generated: " + list(missing)) }
        if !extra.isEmpty { lines.append("\(extra.count) generated, not in the golden set: " + list(extra)) }
        if !changed.isEmpty { lines.append("\(changed.count) differ: " + list(changed)) }
        for path in changed.prefix(showing) {
            lines.append("")
            lines.append(
                LineDiff.unified(
                    old: String(decoding: golden[path]!, as: UTF8.self),
                    new: String(decoding: actual[path]!, as: UTF8.self),
                    oldName: "golden/" + path, newName: "generated/" + path))
        }
        if changed.count > showing { lines.append("… and \(changed.count - showing) more") }
        lines.append("")
        lines.append(Self.updateHint)
        return lines.joined(separator: "\n")
    }

    /// The report a failure prints: the differing file named, the change shown with its context.
    @Test func aDifferenceIsReportedAsAReadableDiff() {
        let golden = Array((1...20).map { "line \($0)" }.joined(separator: "\n").utf8)
        var changedLines = (1...20).map { "line \($0)" }
        changedLines[9] = "line ten"
        changedLines.insert("a new line", at: 15)
        let actual = Array(changedLines.joined(separator: "\n").utf8)
        let report = Self.differences(
            golden: ["a.txt": golden, "same.txt": golden, "gone.txt": golden],
            actual: ["a.txt": actual, "same.txt": golden, "new.txt": golden])
        #expect(
            report == """
                The generated output differs from Tests/SchemaGenKitTests/Fixtures/golden:
                1 no longer generated: gone.txt
                1 generated, not in the golden set: new.txt
                1 differ: a.txt

                --- golden/a.txt
                +++ generated/a.txt
                @@ -7,12 +7,13 @@
                 line 7
                 line 8
                 line 9
                -line 10
                +line ten
                 line 11
                 line 12
                 line 13
                 line 14
                 line 15
                +a new line
                 line 16
                 line 17
                 line 18

                If the change is intended: SCHEMAGEN_UPDATE_GOLDEN=1 swift test --filter Golden, then review git diff.
                """)
        #expect(Self.differences(golden: ["a.txt": golden], actual: ["a.txt": golden]) == nil)
    }
}
