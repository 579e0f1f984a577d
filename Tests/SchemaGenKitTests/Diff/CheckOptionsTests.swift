import Foundation
import Testing

/// `check` takes every option `generate` takes, so the check after a generate run with any options
/// can repeat them and compare the same output.
@Suite struct CheckOptionsTests {
    /// The long option names of a subcommand, read from the help the binary itself dumps.
    static func optionNames(_ command: String) throws -> Set<String> {
        let output = try CommandLineTool.run([command, "--experimental-dump-help"])
        #expect(output.status == 0, "\(output.stderr)")
        let root = try #require(JSONSerialization.jsonObject(with: Data(output.stdout)) as? [String: Any])
        let info = try #require(root["command"] as? [String: Any])
        let arguments = try #require(info["arguments"] as? [[String: Any]])
        var names = Set<String>()
        for argument in arguments where argument["kind"] as? String != "positional" {
            for name in argument["names"] as? [[String: Any]] ?? [] where name["kind"] as? String == "long" {
                if let text = name["name"] as? String { names.insert(text) }
            }
        }
        return names
    }

    @Test func everyGenerateOptionIsACheckOption() throws {
        let generate = try Self.optionNames("generate")
        let check = try Self.optionNames("check")
        #expect(generate.contains("swift-file-names") && generate.contains("out"), "\(generate.sorted())")
        #expect(generate.subtracting(check).isEmpty, "check refuses: \(generate.subtracting(check).sorted())")
    }

    @Test func checkAfterGenerateWithTheSameOptionsIsUpToDate() throws {
        let dir = try TemporaryDirectory()
        // Two tables of one service, so `--swift-file-names service` puts both in swift/aws.ec2.swift.
        try dir.write(
            "pages/aws.ec2_widget.md", markdownPage(id: "aws.ec2_widget", rows: ["| a | core | string | A. |"]))
        try dir.write(
            "pages/aws.ec2_gadget.md",
            markdownPage(id: "aws.ec2_gadget", title: "Gadget", rows: ["| b | core | int64 | B. |"]))
        let options = ["pages", "--out", "out", "--swift-file-names", "service", "--access", "internal"]
        let generate = try CommandLineTool.run(["generate"] + options + ["--quiet"], in: dir.path)
        #expect(generate.status == 0, "\(generate.stderr)")
        let check = try CommandLineTool.run(["check"] + options, in: dir.path)
        #expect(check.status == 0, "\(check.stdoutText)\(check.stderr)")
        #expect(check.stdoutText.hasPrefix("out: up to date ("))
        // The check really compares with those options: another file layout is reported.
        let other = try CommandLineTool.run(["check", "pages", "--out", "out", "--access", "internal"], in: dir.path)
        #expect(other.status == 1)
        #expect(other.stdoutText.contains("out/swift/aws.ec2.swift: extra"), "\(other.stdoutText)")
        // --print-outputs lists the same paths for both commands.
        let listed = try CommandLineTool.run(["generate"] + options + ["--print-outputs"], in: dir.path)
        let checked = try CommandLineTool.run(["check"] + options + ["--print-outputs"], in: dir.path)
        #expect(listed.status == 0 && checked.status == 0)
        #expect(listed.stdoutText == checked.stdoutText && listed.stdoutText.contains("swift/aws.ec2.swift\n"))
    }
}
