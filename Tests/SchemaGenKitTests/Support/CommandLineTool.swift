import Foundation

/// Runs the `schemagen` binary that `swift test` built next to the test bundle.
enum CommandLineTool {
    struct Output {
        var status: Int32
        var stdout: [UInt8]
        var stderr: String
        var stdoutText: String { String(decoding: stdout, as: UTF8.self) }
    }

    static var binary: String {
        // Another build to compare against (an earlier commit's, to show a test fails there).
        if let other = ProcessInfo.processInfo.environment["SCHEMAGEN_TEST_BINARY"], !other.isEmpty { return other }
        let runner = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var folder = runner.deletingLastPathComponent()
        // On Linux the runner is `<products>/schemagenPackageTests.xctest`; on macOS a bundle inside it.
        while !FileManager.default.isExecutableFile(atPath: folder.appendingPathComponent("schemagen").path),
            folder.path != "/"
        {
            folder.deleteLastPathComponent()
        }
        return folder.appendingPathComponent("schemagen").path
    }

    static func run(_ arguments: [String], in directory: String? = nil) throws -> Output {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        // The binary keeps its generation cache in the tests' own folder, not the user's.
        var environment = ProcessInfo.processInfo.environment
        environment["SCHEMAGEN_CACHE_DIR"] = TestScratch.root + "/cache"
        process.environment = environment
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        let scratch = try TemporaryDirectory()
        let outPath = scratch.path + "/stdout"
        let errPath = scratch.path + "/stderr"
        _ = FileManager.default.createFile(atPath: outPath, contents: nil)
        _ = FileManager.default.createFile(atPath: errPath, contents: nil)
        let out = try FileHandle(forWritingTo: URL(fileURLWithPath: outPath))
        let err = try FileHandle(forWritingTo: URL(fileURLWithPath: errPath))
        process.standardOutput = out
        process.standardError = err
        try process.run()
        process.waitUntilExit()
        try out.close()
        try err.close()
        let stdout = try Data(contentsOf: URL(fileURLWithPath: outPath))
        let stderr = try Data(contentsOf: URL(fileURLWithPath: errPath))
        return Output(
            status: process.terminationStatus, stdout: [UInt8](stdout),
            stderr: String(decoding: stderr, as: UTF8.self))
    }
}
