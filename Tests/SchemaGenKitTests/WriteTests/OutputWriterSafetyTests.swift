import Foundation
import Testing

@testable import SchemaGenKit

/// What the writer refuses to do: overwrite a user's file, escape the folder, follow a link, trust a
/// broken manifest. Each refusal leaves the folder exactly as it was.
@Suite struct OutputWriterSafetyTests {
    typealias S = WriteTestSupport

    @Test func aUsersFileInTheWayIsAnErrorAndNothingIsWritten() throws {
        let temp = try TemporaryDirectory()
        let out = temp.path
        try OutputWriter.write(S.files(["gen/a.txt": "a1", "gen/stale.txt": "s"]), to: out)
        try temp.write("gen/b.txt", "the user's own b.txt")
        try S.ageAllFiles(in: out)
        let before = try S.snapshot(out)

        #expect(throws: OutputWriter.Failure.userFileInTheWay(out + "/gen/b.txt")) {
            try OutputWriter.write(S.files(["gen/a.txt": "a2", "gen/b.txt": "generated b", "new/c.txt": "c"]), to: out)
        }
        #expect(throws: OutputWriter.Failure.userFileInTheWay(out + "/gen/b.txt")) {
            try OutputWriter.plan(S.files(["gen/b.txt": "generated b"]), for: out)
        }
        #expect(try S.snapshot(out) == before, "no file created, changed or removed; manifest as it was")
        #expect(try S.stagingFolders(in: out).isEmpty)
    }

    @Test func aUsersFileWhereAFolderMustGoIsAnError() throws {
        let temp = try TemporaryDirectory()
        let out = temp.path
        try temp.write("models", "a file named like the folder schemagen needs")
        let before = try S.snapshot(out)
        #expect(throws: OutputWriter.Failure.userFileInTheWay(out + "/models")) {
            try OutputWriter.write(S.files(["a.txt": "a", "models/user.swift": "u"]), to: out)
        }
        #expect(try S.snapshot(out) == before)
    }

    @Test func aUsersFolderWhereAFileMustGoIsAnError() throws {
        let temp = try TemporaryDirectory()
        let out = temp.path
        try temp.write("schema.json/inside.txt", "mine")
        let before = try S.snapshot(out)
        #expect(throws: OutputWriter.Failure.folderInTheWay(out + "/schema.json")) {
            try OutputWriter.write(S.files(["schema.json": "{}"]), to: out)
        }
        #expect(try S.snapshot(out) == before)
    }

    /// A path and the rule it breaks; shown escaped in test output (one of them holds a NUL byte).
    struct UnsafeCase: Sendable, CustomTestStringConvertible {
        var path: String
        var reason: String
        var testDescription: String { String(reflecting: path) }
    }

    static let unsafePaths: [UnsafeCase] = [
        UnsafeCase(path: "../x", reason: "has a `..` component"),
        UnsafeCase(path: "a/../../x", reason: "has a `..` component"),
        UnsafeCase(path: "/abs", reason: "is absolute"),
        UnsafeCase(path: "a//b", reason: "has an empty component (`//` or a trailing `/`)"),
        UnsafeCase(path: "a/", reason: "has an empty component (`//` or a trailing `/`)"),
        UnsafeCase(path: "a/./b", reason: "has a `.` component"),
        UnsafeCase(path: ".", reason: "has a `.` component"),
        UnsafeCase(path: "a\\b", reason: "contains a backslash"),
        UnsafeCase(path: "a\u{0}b", reason: "contains a NUL byte"),
        UnsafeCase(path: "a\nb", reason: "contains a line break"),
        UnsafeCase(path: "", reason: "is empty"),
        UnsafeCase(path: String(repeating: "n", count: 256), reason: "has a name longer than 255 bytes"),
        UnsafeCase(
            path: ".schemagen-manifest",
            reason: "uses a name starting with `.schemagen-`, which schemagen reserves for itself"),
        UnsafeCase(
            path: ".Schemagen-staging-1/x",
            reason: "uses a name starting with `.schemagen-`, which schemagen reserves for itself"),
        // A combining mark after `/` makes one Character of the two, but the file system splits on the
        // byte: the components are `..` and `\u{301}x`, which climbs out of the folder.
        UnsafeCase(path: "../\u{301}x", reason: "has a `..` component"),
        UnsafeCase(path: "a/\u{301}/../../x", reason: "has a `..` component"),
    ]

    @Test(arguments: unsafePaths)
    func unsafePathsAreRejectedBeforeAnythingIsWritten(_ unsafe: UnsafeCase) throws {
        let (path, reason) = (unsafe.path, unsafe.reason)
        let temp = try TemporaryDirectory()
        let out = temp.path + "/out"
        #expect(throws: OutputWriter.Failure.unsafePath(path, reason: reason)) {
            try OutputWriter.write(
                [OutputFile(path: "fine.txt", text: "ok"), OutputFile(path: path, text: "x")], to: out)
        }
        #expect(!S.exists(out), "not even the output folder is created")
        #expect(try FileManager.default.contentsOfDirectory(atPath: temp.path).isEmpty)
    }

    @Test func unsafePathMessagesQuoteThePathVisibly() {
        #expect(
            OutputWriter.Failure.unsafePath("a\u{0}b", reason: "contains a NUL byte").description
                == #"unsafe output path "a\0b": it contains a NUL byte"#)
    }

    @Test(arguments: [
        (
            ["Readme.md", "README.md"], "README.md", "Readme.md",
            "output paths `README.md` and `Readme.md` differ only in letter case and would be one file on a case-insensitive file system (macOS)"
        ),
        (["x", "x"], "x", "x", "two output files have the same path `x`"),
        (
            ["aws/ec2", "AWS/s3"], "AWS/s3", "aws/ec2",
            "output paths `AWS/s3` and `aws/ec2` spell the same folder differently, which is one folder on a case-insensitive file system (macOS)"
        ),
        (["a", "A/b"], "A/b", "a", "output paths `A/b` and `a` collide: one needs a folder where the other is a file"),
        // Paths in a folder already checked for the path before them (the usual sorted run).
        (
            ["sql/a.sql", "sql/b.sql", "sql/B.sql"], "sql/B.sql", "sql/b.sql",
            "output paths `sql/B.sql` and `sql/b.sql` differ only in letter case and would be one file on a case-insensitive file system (macOS)"
        ),
        (
            ["x/a", "x/b", "x/b/c"], "x/b", "x/b/c",
            "output paths `x/b` and `x/b/c` collide: one needs a folder where the other is a file"
        ),
        (
            ["x/a", "x/b", "X/c"], "X/c", "x/a",
            "output paths `X/c` and `x/a` spell the same folder differently, which is one folder on a case-insensitive file system (macOS)"
        ),
    ])
    func collidingPathsAreRejected(paths: [String], first: String, second: String, message: String) throws {
        let temp = try TemporaryDirectory()
        let failure = OutputWriter.Failure.pathCollision(first, second)
        #expect(throws: failure) {
            try OutputWriter.write(paths.map { OutputFile(path: $0, text: $0) }, to: temp.path)
        }
        #expect(failure.description == message)
        #expect(try FileManager.default.contentsOfDirectory(atPath: temp.path).isEmpty)
    }

    @Test func aPathTwiceIsRefusedEvenWhenTheManifestListsItOnce() throws {
        let temp = try TemporaryDirectory()
        try OutputWriter.write([OutputFile(path: "x", text: "x")], to: temp.path)
        #expect(throws: OutputWriter.Failure.pathCollision("x", "x")) {
            try OutputWriter.write([OutputFile(path: "x", text: "x"), OutputFile(path: "x", text: "y")], to: temp.path)
        }
    }

    @Test func aSymlinkedFolderPointingOutsideIsNeverWrittenThrough() throws {
        let temp = try TemporaryDirectory()
        let outside = try temp.write("outside/target.txt", "outside, must stay")
        let out = temp.path + "/out"
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: out + "/link", withDestinationPath: temp.path + "/outside")
        let before = try S.snapshot(temp.path)

        #expect(throws: OutputWriter.Failure.symlinkInOutput(out + "/link")) {
            try OutputWriter.write(S.files(["link/target.txt": "overwritten?"]), to: out)
        }
        #expect(throws: OutputWriter.Failure.symlinkInOutput(out + "/link")) {
            try OutputWriter.write(S.files(["link/new.txt": "created outside?"]), to: out)
        }
        #expect(try S.text(outside) == "outside, must stay")
        #expect(try S.snapshot(temp.path) == before)
    }

    @Test func aSymlinkAsTheTargetFileIsNeverWrittenThrough() throws {
        let temp = try TemporaryDirectory()
        let outside = try temp.write("outside.txt", "outside, must stay")
        let out = temp.path + "/out"
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: out + "/a.txt", withDestinationPath: outside)
        let before = try S.snapshot(temp.path)

        #expect(throws: OutputWriter.Failure.symlinkInOutput(out + "/a.txt")) {
            try OutputWriter.write(S.files(["a.txt": "outside, must stay"]), to: out)
        }
        #expect(try S.snapshot(temp.path) == before)
    }

    @Test func aGeneratedFolderReplacedByASymlinkIsNotDeletedThrough() throws {
        let temp = try TemporaryDirectory()
        let out = temp.path + "/out"
        try OutputWriter.write(S.files(["gen/x.txt": "generated"]), to: out)
        try FileManager.default.removeItem(atPath: out + "/gen")
        let outside = try temp.write("elsewhere/x.txt", "the user's, same name")
        try FileManager.default.createSymbolicLink(atPath: out + "/gen", withDestinationPath: temp.path + "/elsewhere")
        let before = try S.snapshot(temp.path)

        #expect(throws: OutputWriter.Failure.symlinkInOutput(out + "/gen")) {
            try OutputWriter.write([], to: out)
        }
        #expect(try S.text(outside) == "the user's, same name")
        #expect(try S.snapshot(temp.path) == before)
    }

    @Test func theOutputFolderItselfMayBeASymlink() throws {
        let temp = try TemporaryDirectory()
        try FileManager.default.createDirectory(atPath: temp.path + "/real", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: temp.path + "/out", withDestinationPath: temp.path + "/real")
        try OutputWriter.write(S.files(["a.txt": "a"]), to: temp.path + "/out")
        #expect(try S.text(temp.path + "/real/a.txt") == "a")
    }

    @Test func anOutputPathThatIsAFileIsAnError() throws {
        let temp = try TemporaryDirectory()
        let file = try temp.write("out", "a file")
        #expect(throws: OutputWriter.Failure.notADirectory(file)) {
            try OutputWriter.write(S.files(["a.txt": "a"]), to: file)
        }
        #expect(throws: OutputWriter.Failure.self) {
            try OutputWriter.write(S.files(["a.txt": "a"]), to: file + "/below")
        }
        #expect(try S.text(file) == "a file")
    }

    static let corruptManifests: [(String, [UInt8], String)] = [
        ("empty", [], "line 1: the file is empty (expected `# schemagen-manifest v1`)"),
        ("no header", Array("a.txt\n".utf8), "line 1: missing the `# schemagen-manifest v1` header"),
        ("no version", Array("# schemagen-manifest v\n".utf8), "line 1: the header has no format version"),
        (
            "future version", Array("# schemagen-manifest v2\na.txt\n".utf8),
            "line 1: format version 2 is not supported (this schemagen reads version 1)"
        ),
        (
            "escaping entry", Array("# schemagen-manifest v1\nok.txt\n../../etc/passwd\n".utf8),
            #"line 3: path "../../etc/passwd" has a `..` component"#
        ),
        (
            "absolute entry", Array("# schemagen-manifest v1\n/etc/passwd\n".utf8),
            #"line 2: path "/etc/passwd" is absolute"#
        ),
        ("blank line", Array("# schemagen-manifest v1\na\n\nb\n".utf8), #"line 3: path "" is empty"#),
        (
            "itself", Array("# schemagen-manifest v1\n.schemagen-manifest\n".utf8),
            #"line 2: path ".schemagen-manifest" uses a name starting with `.schemagen-`, which schemagen reserves for itself"#
        ),
        ("bad UTF-8", Array("# schemagen-manifest v1\n".utf8) + [0x61, 0xFF, 0x0A], "line 2: not valid UTF-8"),
        ("CRLF", Array("# schemagen-manifest v1\r\na.txt\r\n".utf8), #"line 2: path "a.txt\r" contains a line break"#),
    ]

    @Test(arguments: corruptManifests)
    func aCorruptManifestIsAnErrorNotACrash(name: String, bytes: [UInt8], reason: String) throws {
        let temp = try TemporaryDirectory()
        let out = temp.path
        try temp.write("a.txt", "something")
        try temp.write(".schemagen-manifest", bytes: bytes)
        let before = try S.snapshot(out)
        let failure = OutputWriter.Failure.corruptManifest(out + "/.schemagen-manifest", reason: reason)
        #expect(throws: failure) { try OutputWriter.write(S.files(["b.txt": "b"]), to: out) }
        #expect(throws: failure) { try OutputWriter.plan([], for: out) }
        #expect(try S.snapshot(out) == before)
    }

    @Test func aManifestThatIsNotAPlainFileIsRefused() throws {
        let temp = try TemporaryDirectory()
        try FileManager.default.createDirectory(
            atPath: temp.path + "/.schemagen-manifest", withIntermediateDirectories: true)
        #expect(
            throws: OutputWriter.Failure.corruptManifest(
                temp.path + "/.schemagen-manifest", reason: "it is not a regular file")
        ) {
            try OutputWriter.write([], to: temp.path)
        }

        let other = try TemporaryDirectory()
        let outside = try temp.write("outside-manifest", "# schemagen-manifest v1\n")
        try FileManager.default.createSymbolicLink(
            atPath: other.path + "/.schemagen-manifest", withDestinationPath: outside)
        #expect(throws: OutputWriter.Failure.symlinkInOutput(other.path + "/.schemagen-manifest")) {
            try OutputWriter.write([], to: other.path)
        }
        #expect(try S.text(outside) == "# schemagen-manifest v1\n")
    }

    @Test func failureMessagesAreOneLineAndNameTheFile() {
        let failures: [OutputWriter.Failure] = [
            .userFileInTheWay("out/a.txt"), .folderInTheWay("out/a.txt"), .symlinkInOutput("out/a.txt"),
            .notADirectory("out/a.txt"), .corruptManifest("out/a.txt", reason: "line 2: x"),
            .io("out/a.txt", message: "cannot create: Permission denied"),
        ]
        for failure in failures {
            #expect(failure.description.contains("`out/a.txt`"))
            #expect(!failure.description.contains("\n"))
        }
        #expect(
            OutputWriter.Failure.userFileInTheWay("out/a.txt").description
                == "`out/a.txt` is in the way: it exists but schemagen did not generate it (it is not in `.schemagen-manifest`); move it or choose another output folder"
        )
    }
}
