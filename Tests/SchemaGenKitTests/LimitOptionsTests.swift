import Foundation
import Testing

@testable import SchemaGenKit

/// The limits on the command line, and `check` reading the same config as generate.
@Suite struct LimitOptionsTests {
    @Test func limitsAreConfigurableOnTheCommandLine() throws {
        let dir = try TemporaryDirectory()
        try dir.write(
            "aws.two.md", markdownPage(id: "aws.two", rows: ["| a | core | string |", "| b | core | int64 |"]))
        let refused = try CommandLineTool.run(["dump", "aws.two.md", "--max-rows", "1"], in: dir.path)
        #expect(refused.status == 1)
        #expect(refused.stderr == "aws.two.md:17:1: error: the table has 2 rows, over the limit of 1 (--max-rows)\n")
        let small = try CommandLineTool.run(["aws.two.md", "--out", "out", "--max-page-bytes", "100"], in: dir.path)
        #expect(small.status == 1)
        #expect(small.stderr.contains("over the limit of 100 bytes (--max-page-bytes)"))
        #expect(!FileManager.default.fileExists(atPath: dir.path + "/out"))
        #expect(try CommandLineTool.run(["dump", "aws.two.md", "--max-rows", "2"], in: dir.path).status == 0)
        let bad = try CommandLineTool.run(["dump", "aws.two.md", "--max-rows", "0"], in: dir.path)
        #expect(bad.status == 64)
    }

    @Test func checkReadsTheConfigGenerateReads() throws {
        let dir = try TemporaryDirectory()
        try dir.write("pages/aws.one.md", markdownPage(id: "aws.one", rows: ["| a | core | string |"]))
        try dir.write(
            "schemagen.yml",
            "inputs:\n  - pages\noutput: Generated\ntargets: [swift, postgres]\nswift:\n  access: internal\n")
        #expect(try CommandLineTool.run([], in: dir.path).status == 0)
        let check = try CommandLineTool.run(["check"], in: dir.path)
        #expect(check.status == 0, "\(check.stdoutText) \(check.stderr)")
        #expect(check.stdoutText == "Generated: up to date (3 files)\n")
        // Another access level than the config's would generate other Swift: check says so.
        let stale = try CommandLineTool.run(["check", "--access", "public"], in: dir.path)
        #expect(stale.status == 1)
        #expect(stale.stdoutText.contains("Generated/swift/AWSOne.swift: stale"))
    }
}
