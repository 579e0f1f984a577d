import Foundation
import Testing

@testable import SchemaGenKit

/// A write that fails part-way (disk full, permission denied, a file appearing mid-run) must leave the
/// output folder as it was. Failures are injected at each step of a real write on a real folder.
@Suite struct OutputWriterRollbackTests {
    typealias S = WriteTestSupport

    /// A folder as a first run left it, plus the user's files, and the next run's input, which exercises
    /// every kind of step: new folders, new, changed and unchanged files, stale files and folders, a
    /// generated file that becomes a folder, a generated folder that becomes a file, and the manifest.
    private static func scenario() throws -> (TemporaryDirectory, String, [OutputFile]) {
        let temp = try TemporaryDirectory()
        let out = temp.path + "/out"
        try OutputWriter.write(
            S.files([
                "same.txt": "same", "edit.txt": "old", "stale/deep/one.txt": "1", "stale/two.txt": "2",
                "becomes-folder": "file", "becomes-file/inner.txt": "inner", "mixed/gen.txt": "g",
            ]), to: out)
        try temp.write("out/mine.txt", "the user's")
        try temp.write("out/mixed/mine.txt", "the user's")
        try FileManager.default.setAttributes([.posixPermissions: 0o711], ofItemAtPath: out + "/stale/deep")
        try S.ageAllFiles(in: out)
        let next = S.files([
            "same.txt": "same", "edit.txt": "new", "fresh/deep/new.txt": "n", "becomes-folder/x.txt": "x",
            "becomes-file": "now a file", "mixed/gen2.txt": "g2",
        ])
        return (temp, out, next)
    }

    /// The steps a write took, in the order they reached the fault hook (files are staged on
    /// several threads at once).
    private final class Recorder: @unchecked Sendable {
        private let lock = NSLock()
        private var recorded: [WriteTransaction.Step] = []
        var steps: [WriteTransaction.Step] { lock.withLock { recorded } }

        /// Adds a step; returns how many there are now.
        @discardableResult
        func record(_ step: WriteTransaction.Step) -> Int {
            lock.withLock {
                recorded.append(step)
                return recorded.count
            }
        }
    }

    /// Files are staged on all cores in runs of one folder, folders taking turns, every file once.
    @Test func stagingRunsTakeTurnsBetweenFolders() {
        let paths =
            (0..<40).map { "o/swift/T\($0).swift" } + (0..<7).map { "o/jsonschema/t\($0).json" } + ["o/sql/p.sql"]
        let chunks = WriteTransaction.chunksAlternatingFolders(paths, size: 16)
        #expect(chunks.flatMap { $0 }.sorted() == Array(paths.indices))
        let folders = chunks.map { chunk in Set(chunk.map { PathSplit.split(paths[$0]).folder }) }
        #expect(folders.allSatisfy { $0.count == 1 }, "a run holds one folder's files")
        #expect(folders.map { $0.first! } == ["o/swift", "o/jsonschema", "o/sql", "o/swift", "o/swift"])
        #expect(chunks.map(\.count) == [16, 7, 1, 16, 8])
    }

    @Test func theScenarioSucceedsWithoutFaults() throws {
        let (temp, out, next) = try Self.scenario()
        defer { withExtendedLifetime(temp) {} }
        let report = try OutputWriter.write(next, to: out)
        #expect(
            report
                == WriteReport(
                    created: ["becomes-file", "becomes-folder/x.txt", "fresh/deep/new.txt", "mixed/gen2.txt"],
                    changed: ["edit.txt"], unchanged: ["same.txt"],
                    removed: [
                        "becomes-file/inner.txt", "becomes-folder", "mixed/gen.txt", "stale/deep/one.txt",
                        "stale/two.txt",
                    ],
                    removedFolders: ["becomes-file", "stale", "stale/deep"], manifestChanged: true))
        #expect(try S.stagingFolders(in: out).isEmpty)
    }

    @Test func aFailureAtAnyStepLeavesTheFolderAsItWas() throws {
        let recorder = Recorder()
        do {
            let (temp, out, next) = try Self.scenario()
            defer { withExtendedLifetime(temp) {} }
            try OutputWriter.write(
                next, to: out,
                faults: {
                    recorder.record($0)
                    return false
                })
        }
        let steps = recorder.steps
        // Staged and placed: 5 files and the manifest; removed: 5 files, 3 folders; folders made or checked: 4.
        #expect(steps.count == 24)
        #expect(steps.contains(.stage("edit.txt")) && steps.contains(.place(".schemagen-manifest")))
        #expect(steps.contains(.remove("becomes-folder")) && steps.contains(.removeFolder("stale/deep")))
        #expect(steps.contains(.createFolder("fresh/deep")))

        for step in steps {
            let (temp, out, next) = try Self.scenario()
            let before = try S.snapshot(temp.path)
            var failure: OutputWriter.Failure?
            do {
                try OutputWriter.write(next, to: out, faults: { $0 == step })
            } catch {
                failure = error
            }
            guard case .io(_, let message)? = failure else {
                Issue.record("expected an injected failure at \(step), got \(String(describing: failure))")
                continue
            }
            #expect(message.hasPrefix("injected failure"))
            #expect(try S.snapshot(temp.path) == before, "failing at \(step) changed the folder")
            #expect(try S.stagingFolders(in: out).isEmpty, "failing at \(step) left a staging folder")
            // And the folder is still fit for the next run.
            #expect(try OutputWriter.write(next, to: out).created.count == 4)
        }
    }

    @Test func aFailedFirstWriteRemovesTheFoldersItCreated() throws {
        let temp = try TemporaryDirectory()
        let out = temp.path + "/a/b/out"
        #expect(throws: OutputWriter.Failure.self) {
            try OutputWriter.write(S.files(["x/y.txt": "y", "z.txt": "z"]), to: out, faults: { $0 == .placeFolder })
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: temp.path).isEmpty)
    }

    /// A first write builds the folder beside its place and renames it in: a failure at any step
    /// leaves neither the folder, nor its parents, nor the staging folder.
    @Test func aFirstWriteFailingAtAnyStepLeavesNothing() throws {
        let files = S.files(["x/y.txt": "y", "x/z/w.txt": "w", "z.txt": "z"])
        let recorder = Recorder()
        do {
            let temp = try TemporaryDirectory()
            let out = temp.path + "/a/b/out"
            try OutputWriter.write(
                files, to: out,
                faults: {
                    recorder.record($0)
                    return false
                })
            #expect(try S.text(out + "/x/z/w.txt") == "w" && S.text(out + "/z.txt") == "z")
            #expect(try S.manifest(in: out) == S.manifestText(["x/y.txt", "x/z/w.txt", "z.txt"]))
            #expect(try FileManager.default.contentsOfDirectory(atPath: temp.path + "/a/b") == ["out"])
        }
        // Two parents, two folders in the output, three files and the manifest, the rename.
        #expect(recorder.steps.count == 9)
        #expect(recorder.steps.last == .placeFolder)
        // Each run has its own temporary folder, so steps are told apart by their position.
        for (index, step) in recorder.steps.enumerated() {
            let temp = try TemporaryDirectory()
            let counter = Recorder()
            #expect(throws: OutputWriter.Failure.self, "failing at \(step)") {
                try OutputWriter.write(
                    files, to: temp.path + "/a/b/out",
                    faults: { step in
                        counter.record(step) == index + 1
                    })
            }
            #expect(try FileManager.default.contentsOfDirectory(atPath: temp.path).isEmpty, "failing at \(step)")
        }
    }

    /// The first write's folder gets the permissions a plain `mkdir` would give, not the staging
    /// folder's private ones.
    @Test func aFirstWriteGivesTheFolderUsualPermissions() throws {
        let temp = try TemporaryDirectory()
        try OutputWriter.write(S.files(["a.txt": "a"]), to: temp.path + "/out")
        try FileManager.default.createDirectory(atPath: temp.path + "/plain", withIntermediateDirectories: false)
        let mode = { (path: String) throws -> Int in
            try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as! Int
        }
        #expect(try mode(temp.path + "/out") == mode(temp.path + "/plain"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: temp.path).sorted() == ["out", "plain"])
    }

    @Test func aFailureWhileStagingNamesTheFileAndLeavesNoStagingFolder() throws {
        let temp = try TemporaryDirectory()
        let out = temp.path
        try OutputWriter.write(S.files(["a.txt": "1", "b.txt": "1"]), to: out)
        let before = try S.snapshot(out)
        do {
            try OutputWriter.write(S.files(["a.txt": "2", "b.txt": "2"]), to: out, faults: { $0 == .stage("b.txt") })
            Issue.record("expected a failure")
        } catch {
            #expect(error == .io(out + "/b.txt", message: "injected failure at stage(\"b.txt\")"))
            #expect(error.description == #"`\#(out)/b.txt`: injected failure at stage("b.txt")"#)
        }
        #expect(try S.snapshot(out) == before)
    }
}
