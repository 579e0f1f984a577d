import Foundation
import Testing

@testable import SchemaGenKit

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Page files that are not regular files: a FIFO must not hang the run, and a link to an endless
/// device must not be read past the page limit. Each is refused with an error naming it.
///
/// The binary runs under a time limit and (through the shell's `ulimit -v`) a memory limit, so a
/// regression fails here instead of hanging the suite or exhausting the machine.
@Suite struct NonRegularPageTests {
    static func runBounded(_ arguments: [String], in directory: String) throws -> ProcessRunner.Result {
        let command = "ulimit -v 4000000; exec \"$0\" \"$@\""
        return try ProcessRunner.run(
            "/bin/sh", ["-c", command, CommandLineTool.binary] + arguments,
            environment: ["SCHEMAGEN_CACHE_DIR": TestScratch.root + "/cache"], currentDirectory: directory, timeout: 60)
    }

    @Test func aFIFONamedLikeAPageIsRefusedWithoutHanging() throws {
        let dir = try TemporaryDirectory()
        try dir.write("pages/aws.widget.md", markdownPage(rows: ["| a | core | string | A. |"]))
        #expect(mkfifo(dir.path + "/pages/x.md", 0o644) == 0)
        let result = try Self.runBounded(["pages", "--out", "out", "--quiet"], in: dir.path)
        #expect(!result.timedOut, "the run hung on the FIFO")
        #expect(result.exitCode == 1)
        #expect(result.stderr.contains("pages/x.md is a FIFO (named pipe), not a regular file"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir.path + "/out"))
    }

    @Test func aLinkToDevZeroDoesNotBypassThePageLimit() throws {
        let dir = try TemporaryDirectory()
        try dir.write("pages/aws.widget.md", markdownPage(rows: ["| a | core | string | A. |"]))
        try FileManager.default.createSymbolicLink(
            atPath: dir.path + "/pages/zero.md", withDestinationPath: "/dev/zero")
        for arguments in [["pages"], ["pages/zero.md"]] {
            let result = try Self.runBounded(
                arguments + ["--out", "out", "--quiet", "--max-page-bytes", "1000"], in: dir.path)
            #expect(!result.timedOut && result.signal == nil, "the run read /dev/zero: \(result)")
            #expect(result.exitCode == 1)
            #expect(result.stderr.contains("zero.md is a character device, not a regular file"), "\(result.stderr)")
        }
    }

    @Test func aLinkToARegularPageIsStillAPage() throws {
        let dir = try TemporaryDirectory()
        let target = try dir.write("elsewhere/aws.widget.md", markdownPage(rows: ["| a | core | string | A. |"]))
        try FileManager.default.createDirectory(atPath: dir.path + "/pages", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(
            atPath: dir.path + "/pages/aws.widget.md", withDestinationPath: target)
        let result = try Self.runBounded(["pages", "--out", "out", "--quiet", "--targets", "jsonschema"], in: dir.path)
        #expect(result.exitCode == 0, "\(result.stderr)")
        #expect(FileManager.default.fileExists(atPath: dir.path + "/out/jsonschema/aws.widget.schema.json"))
    }

    @Test func theReaderNeverReadsMoreThanOneBytePastTheLimit() throws {
        // A character device reports size 0 and never ends; the reader refuses it before reading.
        #expect(
            PageReader.read(path: "/dev/zero", maxBytes: 1000) == .failure(.notRegularFile(kind: "a character device")))
        let dir = try TemporaryDirectory()
        let path = try dir.write("aws.widget.md", String(repeating: "x", count: 1001))
        #expect(PageReader.read(path: path, maxBytes: 1000) == .failure(.tooLarge(size: 1001)))
        #expect(try PageReader.read(path: path, maxBytes: 1001).get().count == 1001)
        #expect(PageReader.read(path: dir.path, maxBytes: 1000) == .failure(.notRegularFile(kind: "a folder")))
    }
}
