import Foundation
import Testing

@testable import SchemaGenKit

/// The writer's everyday behaviour on a real folder: create, leave alone, rewrite, remove.
@Suite struct OutputWriterTests {
    typealias S = WriteTestSupport

    @Test func firstWriteCreatesTheFolderTheFilesAndTheManifest() throws {
        let temp = try TemporaryDirectory()
        let out = temp.path + "/nested/out"
        let report = try OutputWriter.write(
            S.files(["sub/deep/c.txt": "c", "a.txt": "a", "sub/b.txt": "b"]), to: out + "/")

        #expect(
            report
                == WriteReport(
                    created: ["a.txt", "sub/b.txt", "sub/deep/c.txt"], manifestChanged: true))
        #expect(report.written == ["a.txt", "sub/b.txt", "sub/deep/c.txt"])
        #expect(try S.text(out + "/a.txt") == "a")
        #expect(try S.text(out + "/sub/b.txt") == "b")
        #expect(try S.text(out + "/sub/deep/c.txt") == "c")
        #expect(try S.manifest(in: out) == S.manifestText(["a.txt", "sub/b.txt", "sub/deep/c.txt"]))
        #expect(
            try S.snapshot(out).keys.sorted() == [
                ".schemagen-manifest", "a.txt", "sub", "sub/b.txt", "sub/deep", "sub/deep/c.txt",
            ])
    }

    @Test func anIdenticalSecondWriteTouchesNothingAtAll() throws {
        let temp = try TemporaryDirectory()
        let out = temp.path + "/out"
        let files = S.files(["a.txt": "a", "sub/b.txt": "b", "empty.txt": ""])
        try OutputWriter.write(files, to: out)
        try S.ageAllFiles(in: out)
        try FileManager.default.setAttributes([.modificationDate: S.longAgo], ofItemAtPath: out)
        let before = try S.snapshot(out)

        let report = try OutputWriter.write(files.reversed(), to: out)

        #expect(report == WriteReport(unchanged: ["a.txt", "empty.txt", "sub/b.txt"]))
        #expect(report.isEmpty)
        #expect(try S.snapshot(out) == before, "same bytes, inodes and modification times")
        #expect(try S.modificationDate(out) == S.longAgo, "not even a staging folder came and went")
    }

    @Test func aChangedFileIsRewrittenAndNothingElse() throws {
        let temp = try TemporaryDirectory()
        let out = temp.path
        try OutputWriter.write(S.files(["a.txt": "a", "b.txt": "b", "sub/c.txt": "c"]), to: out)
        try FileManager.default.setAttributes([.posixPermissions: 0o750], ofItemAtPath: out + "/b.txt")
        try S.ageAllFiles(in: out)
        var expected = try S.snapshot(out)

        let report = try OutputWriter.write(S.files(["a.txt": "a", "b.txt": "B!", "sub/c.txt": "c"]), to: out)

        #expect(report == WriteReport(changed: ["b.txt"], unchanged: ["a.txt", "sub/c.txt"]))
        let after = try S.snapshot(out)
        #expect(try S.text(out + "/b.txt") == "B!")
        #expect(after["b.txt"]?.permissions == 0o750, "a rewritten file keeps its permissions")
        #expect(after["b.txt"]?.modified != S.longAgo)
        expected["b.txt"] = after["b.txt"]
        #expect(after == expected, "every other file and the manifest untouched")
    }

    @Test func aDroppedFileIsRemovedWithItsEmptyFolderAndNothingElse() throws {
        let temp = try TemporaryDirectory()
        let out = temp.path
        try OutputWriter.write(
            S.files([
                "keep.txt": "k", "gone/deeper/x.txt": "x", "gone/y.txt": "y", "mixed/gen.txt": "g", "half/1.txt": "1",
                "half/2.txt": "2",
            ]), to: out)
        try temp.write("mixed/mine.txt", "the user's")
        try temp.write("mine.txt", "the user's too")
        let before = try S.snapshot(out)

        let report = try OutputWriter.write(S.files(["keep.txt": "k", "half/1.txt": "1"]), to: out)

        #expect(
            report
                == WriteReport(
                    unchanged: ["half/1.txt", "keep.txt"],
                    removed: ["gone/deeper/x.txt", "gone/y.txt", "half/2.txt", "mixed/gen.txt"],
                    removedFolders: ["gone", "gone/deeper"], manifestChanged: true))
        var expected = before
        for path in ["gone", "gone/deeper", "gone/deeper/x.txt", "gone/y.txt", "half/2.txt", "mixed/gen.txt"] {
            expected[path] = nil
        }
        var after = try S.snapshot(out)
        after[".schemagen-manifest"] = nil
        expected[".schemagen-manifest"] = nil
        #expect(after == expected, "exactly the dropped files and the folders they leave empty are gone")
        #expect(try S.manifest(in: out) == S.manifestText(["half/1.txt", "keep.txt"]))
    }

    @Test func theUsersOwnFilesAreNeverTouched() throws {
        let temp = try TemporaryDirectory()
        let out = temp.path
        try temp.write("README.md", "mine")
        try temp.write(".hidden", "mine")
        try temp.write("gen/notes.txt", "mine, next to generated files")
        try temp.write("other/deep/file", "mine")
        try S.ageAllFiles(in: out)
        let userFiles = try S.snapshot(out)

        try OutputWriter.write(S.files(["gen/a.txt": "1", "gen/b.txt": "1", "top.txt": "1"]), to: out)
        try OutputWriter.write(S.files(["gen/a.txt": "2", "top.txt": "1", "new/c.txt": "2"]), to: out)
        try OutputWriter.write([], to: out)

        #expect(try S.snapshot(out).filter { $0.key != ".schemagen-manifest" } == userFiles)
        #expect(try S.manifest(in: out) == S.manifestText([]))
    }

    @Test func anIdenticalFileSchemagenDidNotWriteIsAdoptedUntouched() throws {
        let temp = try TemporaryDirectory()
        let out = temp.path
        try temp.write("sub/a.txt", "same")
        try S.ageAllFiles(in: out)
        let before = try S.snapshot(out)

        let report = try OutputWriter.write(S.files(["sub/a.txt": "same", "b.txt": "new"]), to: out)

        #expect(
            report
                == WriteReport(
                    created: ["b.txt"], unchanged: ["sub/a.txt"], adopted: ["sub/a.txt"], manifestChanged: true))
        #expect(try S.snapshot(out)["sub/a.txt"] == before["sub/a.txt"])
        #expect(try S.manifest(in: out) == S.manifestText(["b.txt", "sub/a.txt"]))
        // Adopted means owned: a later run that no longer generates it deletes it.
        #expect(try OutputWriter.write(S.files(["b.txt": "new"]), to: out).removed == ["sub/a.txt"])
        #expect(!S.exists(out + "/sub"))
    }

    @Test func aGeneratedFileCanBecomeAFolderAndBackAgain() throws {
        let temp = try TemporaryDirectory()
        let out = temp.path
        try OutputWriter.write(S.files(["a": "file", "x/y/z": "deep"]), to: out)

        let toFolder = try OutputWriter.write(S.files(["a/inner": "in a folder", "x/y/z": "deep"]), to: out)
        #expect(
            toFolder
                == WriteReport(
                    created: ["a/inner"], unchanged: ["x/y/z"], removed: ["a"], manifestChanged: true))
        #expect(try S.text(out + "/a/inner") == "in a folder")

        let toFile = try OutputWriter.write(S.files(["a": "file again", "x": "was a folder"]), to: out)
        #expect(
            toFile
                == WriteReport(
                    created: ["a", "x"], removed: ["a/inner", "x/y/z"], removedFolders: ["a", "x", "x/y"],
                    manifestChanged: true))
        #expect(try S.text(out + "/a") == "file again")
        #expect(try S.text(out + "/x") == "was a folder")
        #expect(try S.manifest(in: out) == S.manifestText(["a", "x"]))
    }

    @Test func renamingAFileOnlyInLetterCaseReplacesIt() throws {
        let temp = try TemporaryDirectory()
        let out = temp.path
        try OutputWriter.write(S.files(["models/user.swift": "v1"]), to: out)
        let report = try OutputWriter.write(S.files(["models/User.swift": "v2"]), to: out)
        #expect(try S.text(out + "/models/User.swift") == "v2")
        #expect(try FileManager.default.contentsOfDirectory(atPath: out + "/models") == ["User.swift"])
        #expect(try S.manifest(in: out) == S.manifestText(["models/User.swift"]))
        // Linux file systems are case-sensitive: the old spelling is a different, stale file.
        #expect(report.removed == ["models/user.swift"])
    }

    @Test func planPredictsExactlyWhatWriteDoesAndWritesNothing() throws {
        let temp = try TemporaryDirectory()
        let out = temp.path
        try OutputWriter.write(
            S.files([
                "same.txt": "s", "edit.txt": "old", "stale/one.txt": "1", "stale/two.txt": "2",
            ]), to: out)
        try temp.write("adopt.txt", "adopted")
        try temp.write("user/keep.txt", "mine")
        try S.ageAllFiles(in: out)
        let next = S.files([
            "same.txt": "s", "edit.txt": "new", "adopt.txt": "adopted", "fresh/f.txt": "f", "user/gen.txt": "g",
        ])
        let before = try S.snapshot(out)

        let plan = try OutputWriter.plan(next, for: out)

        #expect(try S.snapshot(out) == before, "planning writes nothing")
        #expect(plan.created == ["fresh/f.txt", "user/gen.txt"])
        #expect(plan.changed == ["edit.txt"])
        #expect(plan.unchanged == ["adopt.txt", "same.txt"])
        #expect(plan.adopted == ["adopt.txt"])
        #expect(plan.removed == ["stale/one.txt", "stale/two.txt"])
        #expect(plan.removedFolders == ["stale"])
        #expect(plan.manifestChanged)
        #expect(!plan.isUpToDate)

        let report = try OutputWriter.write(next, to: out)
        #expect(report == plan.expectedReport)
        let after = try OutputWriter.plan(next, for: out)
        #expect(after.isUpToDate)
        #expect(after.unchanged == ["adopt.txt", "edit.txt", "fresh/f.txt", "same.txt", "user/gen.txt"])
    }

    @Test func planForAFolderThatDoesNotExistCreatesNothing() throws {
        let temp = try TemporaryDirectory()
        let plan = try OutputWriter.plan(S.files(["a": "1"]), for: temp.path + "/missing/out")
        #expect(plan.created == ["a"])
        #expect(plan.manifestChanged)
        #expect(!S.exists(temp.path + "/missing"))
    }

    @Test func aManifestOnlyChangeIsNotUpToDate() throws {
        let temp = try TemporaryDirectory()
        let out = temp.path
        try temp.write("a.txt", "a")
        let plan = try OutputWriter.plan(S.files(["a.txt": "a"]), for: out)
        #expect(plan.created.isEmpty && plan.changed.isEmpty && plan.removed.isEmpty)
        #expect(plan.manifestChanged, "the manifest does not yet claim a.txt")
        #expect(!plan.isUpToDate)
    }

    @Test func aThousandFilesAreWrittenOnceAndThenLeftAlone() throws {
        let temp = try TemporaryDirectory()
        let out = temp.path
        let files = (0..<1000).map { OutputFile(path: "ns\($0 % 10)/table\($0).swift", text: "struct T\($0) {}\n") }
        #expect(try OutputWriter.write(files, to: out).created.count == 1000)
        let again = try OutputWriter.write(files, to: out)
        #expect(again.unchanged.count == 1000 && again.isEmpty)
    }

    @Test func theSummaryIsOneLineForTheCommandLine() {
        let report = WriteReport(created: ["a"], changed: ["b"], unchanged: ["c", "d"], adopted: ["d"], removed: ["e"])
        #expect(
            report.summary(directory: "out")
                == "out: 1 created, 1 changed, 2 unchanged, 1 removed, 1 identical existing file adopted")
        #expect(WriteReport().summary(directory: "out") == "out: no files")
    }
}

@Suite struct WholeFileReadTests {
    @Test func aFileIsReadWholeAndItsDigestMatchesItsBytes() throws {
        let temp = try TemporaryDirectory()
        let bytes = (0..<300_001).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        let path = temp.path + "/big.bin"
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        #expect(try OutputFileSystem.readFile(at: path) == bytes)
        let (size, hash) = try #require(ContentHash.ofFile(at: path))
        #expect(size == bytes.count && hash == ContentHash(bytes))
        try Data().write(to: URL(fileURLWithPath: temp.path + "/empty"))
        #expect(try OutputFileSystem.readFile(at: temp.path + "/empty") == [])
        #expect(ContentHash.ofFile(at: temp.path + "/empty")?.size == 0)
    }

    #if os(Linux)
        @Test func aFileLongerThanItsStatSizeIsReadToTheEnd() throws {
            // `/proc` files report size 0 and hold more: the read goes on past what `fstat` promised.
            let bytes = try OutputFileSystem.readFile(at: "/proc/self/maps")
            #expect(bytes.count > 1_000)
            #expect(String(decoding: bytes, as: UTF8.self).hasSuffix("\n"))
        }
    #endif
}
