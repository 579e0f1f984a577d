import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The output folder under real processes and real signals: a run stopped part-way, two runs at once,
/// a run paused before it records, a folder swapped for a link mid-run, a damaged cache, an empty input.
/// Each test starts from an output folder as run A leaves it and asks run B (fewer pages, another
/// access level: most files change, some are removed) to replace it; whatever happens, the folder must
/// end up byte for byte as a clean run of A or of B leaves it, with no staging folder and no stray file.
///
/// `SCHEMAGEN_TEST_PAUSE` (see `TestPause`) stops a run at an exact step, so the signal or the other
/// run arrives where the test means it to.
@Suite(.serialized) struct InterruptedRunTests {
    /// Two sets of pages and the folders their clean runs make.
    final class Setup: @unchecked Sendable {
        let temp: TemporaryDirectory
        let pagesA: String
        let pagesB: String
        let out: String
        let cache: String
        private(set) var expectedA: [String: [UInt8]] = [:]
        private(set) var expectedB: [String: [UInt8]] = [:]

        /// - Parameter scale: make this many pages from docs-input's (distinct table ids, as
        ///   Scripts/scale_corpus.py does), for a write long enough to land a signal in; nil for docs-input.
        init(scale: Int? = nil) throws {
            temp = try TemporaryDirectory()
            pagesA = temp.path + "/pages-a"
            pagesB = temp.path + "/pages-b"
            out = temp.path + "/out"
            cache = temp.path + "/cache"
            var source = Fixtures.docsInput
            if let scale {
                source = temp.path + "/scaled"
                let pages = try FileManager.default.contentsOfDirectory(atPath: Fixtures.docsInput)
                    .filter { $0.hasSuffix(".md") }.map { Fixtures.docsInput + "/" + $0 }
                let made = try ProcessRunner.run(
                    "/usr/bin/env",
                    ["python3", Fixtures.repoRoot + "/Scripts/scale_corpus.py", String(scale), source] + pages)
                try #require(made.exitCode == 0, "\(made.stderr)")
            }
            let all = try FileManager.default.contentsOfDirectory(atPath: source).filter { $0.hasSuffix(".md") }
                .sorted()
            for folder in [pagesA, pagesB] {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            }
            for (i, name) in all.enumerated() {
                try FileManager.default.copyItem(atPath: source + "/" + name, toPath: pagesA + "/" + name)
                if i % 3 != 0 {
                    try FileManager.default.copyItem(atPath: source + "/" + name, toPath: pagesB + "/" + name)
                }
            }
            let cleanA = temp.path + "/clean-a"
            let cleanB = temp.path + "/clean-b"
            try #require(try run(argumentsA(out: cleanA) + ["--no-cache"]).status == 0)
            try #require(try run(argumentsB(out: cleanB) + ["--no-cache"]).status == 0)
            expectedA = try Self.snapshot(cleanA)
            expectedB = try Self.snapshot(cleanB)
            #expect(expectedA.count > 60 && expectedB.count > 40 && expectedA != expectedB)
        }

        func argumentsA(out: String? = nil) -> [String] { [pagesA, "--out", out ?? self.out, "--quiet"] }
        func argumentsB(out: String? = nil) -> [String] {
            [pagesB, "--out", out ?? self.out, "--access", "internal", "--quiet"]
        }

        /// The folder as run A leaves it (with the cache recorded).
        func startFromA() throws {
            let result = try run(argumentsA())
            try #require(result.status == 0, "\(result.stderr)")
            try #require(try Self.snapshot(out) == expectedA)
        }

        func run(_ arguments: [String]) throws -> CommandLineTool.Output {
            var environment: [String: String] = ["SCHEMAGEN_CACHE_DIR": cache]
            environment["SCHEMAGEN_TEST_PAUSE"] = nil
            return try BackgroundRun(arguments, environment: environment).finish()
        }

        /// Every file under `folder` (hidden ones included) with its bytes; links and folders by kind.
        static func snapshot(_ folder: String) throws -> [String: [UInt8]] {
            var files: [String: [UInt8]] = [:]
            guard let enumerator = FileManager.default.enumerator(atPath: folder) else { return [:] }
            while let relative = enumerator.nextObject() as? String {
                let path = folder + "/" + relative
                let attributes = try FileManager.default.attributesOfItem(atPath: path)
                switch attributes[.type] as? FileAttributeType {
                case .typeRegular?: files[relative] = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
                case .typeSymbolicLink?: files[relative] = Array("-> link".utf8)
                default: continue
                }
            }
            return files
        }
    }

    /// A `schemagen` process started in the background.
    final class BackgroundRun: @unchecked Sendable {
        let process = Process()
        let scratch: TemporaryDirectory
        let pauseFile: String

        init(_ arguments: [String], environment extra: [String: String], pause: String? = nil) throws {
            scratch = try TemporaryDirectory()
            pauseFile = scratch.path + "/paused"
            process.executableURL = URL(fileURLWithPath: CommandLineTool.binary)
            process.arguments = arguments
            var environment = ProcessInfo.processInfo.environment
            for (key, value) in extra { environment[key] = value }
            if let pause {
                environment["SCHEMAGEN_TEST_PAUSE"] = pause
                environment["SCHEMAGEN_TEST_PAUSE_FILE"] = pauseFile
            }
            process.environment = environment
            for name in ["stdout", "stderr"] {
                _ = FileManager.default.createFile(atPath: scratch.path + "/" + name, contents: nil)
            }
            process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: scratch.path + "/stdout"))
            process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: scratch.path + "/stderr"))
            try process.run()
        }

        /// Waits until the run reaches its pause point.
        func waitUntilPaused() throws {
            for _ in 0..<400 where !FileManager.default.fileExists(atPath: pauseFile) {
                guard process.isRunning else { break }
                usleep(25_000)
            }
            try #require(FileManager.default.fileExists(atPath: pauseFile), "the run paused (stderr: \(stderr))")
        }

        /// Lets a paused run go on.
        func resume() { try? FileManager.default.removeItem(atPath: pauseFile) }

        func signal(_ number: Int32) { kill(process.processIdentifier, number) }

        var stderr: String {
            (try? String(contentsOfFile: scratch.path + "/stderr", encoding: .utf8)) ?? ""
        }

        func finish() throws -> CommandLineTool.Output {
            process.waitUntilExit()
            let stdout = (try? Data(contentsOf: URL(fileURLWithPath: scratch.path + "/stdout"))) ?? Data()
            let status =
                process.terminationReason == .uncaughtSignal
                ? 128 + process.terminationStatus : process.terminationStatus
            return CommandLineTool.Output(status: status, stdout: Array(stdout), stderr: stderr)
        }
    }

    // MARK: Point 4, 5, 6: a signal while files move into place

    @Test(arguments: [(SIGINT, "place:12"), (SIGTERM, "place:1"), (SIGHUP, "remove:3"), (SIGINT, "folder:1")])
    func aSignalWhileFilesMoveIntoPlaceLeavesTheOldFolder(signal: Int32, pause: String) throws {
        let s = try Setup()
        try s.startFromA()
        let run = try BackgroundRun(s.argumentsB(), environment: ["SCHEMAGEN_CACHE_DIR": s.cache], pause: pause)
        try run.waitUntilPaused()
        run.signal(signal)
        let result = try run.finish()
        #expect(result.status == 128 + signal, "\(result.stderr)")
        #expect(result.stderr.contains("interrupted"), "\(result.stderr)")
        #expect(try Setup.snapshot(s.out) == s.expectedA, "wholly the old output, no staging, no stray file")
        #expect(try s.run(s.argumentsA()).stdoutText.isEmpty)
        #expect(try Setup.snapshot(s.out) == s.expectedA)
    }

    @Test(arguments: ["place:12", "remove:3", "place:1"])
    func aKilledRunIsUndoneByTheNextWhicheverPagesItHas(pause: String) throws {
        for nextIsA in [true, false] {
            let s = try Setup()
            try s.startFromA()
            let run = try BackgroundRun(s.argumentsB(), environment: ["SCHEMAGEN_CACHE_DIR": s.cache], pause: pause)
            try run.waitUntilPaused()
            run.signal(SIGKILL)
            _ = try run.finish()
            let left = try Setup.snapshot(s.out)
            #expect(left.keys.contains { $0.hasPrefix(".schemagen-staging-") }, "the killed run left its journal")
            let next = try s.run(nextIsA ? s.argumentsA() : s.argumentsB())
            #expect(next.status == 0, "\(next.stderr)")
            #expect(
                try Setup.snapshot(s.out) == (nextIsA ? s.expectedA : s.expectedB),
                "exactly as a clean run leaves it: no orphan, no staging")
        }
    }

    /// Without a pause: signals at whatever moment they land, repeated.
    @Test func signalsAtRandomMomentsLeaveEitherTheOldOrTheNewFolder() throws {
        let s = try Setup()
        var outcomes = (old: 0, new: 0)
        var generator = SystemRandomNumberGenerator()
        for trial in 0..<12 {
            try s.startFromA()
            let run = try BackgroundRun(s.argumentsB() + ["--no-cache"], environment: ["SCHEMAGEN_CACHE_DIR": s.cache])
            usleep(UInt32.random(in: 0..<120_000, using: &generator))
            run.signal([SIGINT, SIGTERM, SIGHUP, SIGKILL][trial % 4])
            _ = try run.finish()
            if trial % 4 == 3 {
                // After SIGKILL the folder is whole once the next run has looked at it.
                _ = try s.run(["check"] + s.argumentsA())
            }
            let folder = try Setup.snapshot(s.out)
            if folder == s.expectedA {
                outcomes.old += 1
            } else if folder == s.expectedB {
                outcomes.new += 1
            } else {
                Issue.record("trial \(trial): the folder is neither the old nor the new output")
            }
        }
        #expect(outcomes.old + outcomes.new == 12)
    }

    /// Without a pause hook, so it shows the same on any build: the signal is sent the moment the first
    /// file of the new output appears in the folder, in the middle of moving 400 tables' files.
    @Test(arguments: [SIGINT, SIGTERM, SIGHUP])
    func aSignalAsTheFirstNewFileAppearsLeavesTheOldFolder(signal: Int32) throws {
        let s = try Setup(scale: 400)
        try s.startFromA()
        let watched = s.out + "/sql/postgres.sql"
        let before = try #require(Self.inode(watched))
        let run = try BackgroundRun(s.argumentsB() + ["--no-cache"], environment: ["SCHEMAGEN_CACHE_DIR": s.cache])
        while run.process.isRunning && Self.inode(watched) == before { usleep(200) }
        run.signal(signal)
        let result = try run.finish()
        #expect(result.status == 128 + signal, "the run was still writing: \(result.stderr)")
        #expect(try Setup.snapshot(s.out) == s.expectedA, "wholly the old output, no staging, no stray file")
    }

    static func inode(_ path: String) -> UInt64? {
        var info = stat()
        return lstat(path, &info) == 0 ? UInt64(info.st_ino) : nil
    }

    // MARK: Point 2: two runs at once

    @Test func aSecondRunWaitsForTheFirstAndNeitherMixes() throws {
        let s = try Setup()
        try s.startFromA()
        let first = try BackgroundRun(s.argumentsB(), environment: ["SCHEMAGEN_CACHE_DIR": s.cache], pause: "place:5")
        try first.waitUntilPaused()
        let second = try BackgroundRun(s.argumentsA(), environment: ["SCHEMAGEN_CACHE_DIR": s.cache])
        for _ in 0..<200 where !second.stderr.contains("waiting for another schemagen run") { usleep(25_000) }
        #expect(second.stderr.contains("waiting for another schemagen run"), "\(second.stderr)")
        #expect(second.process.isRunning)
        first.resume()
        #expect(try first.finish().status == 0)
        #expect(try second.finish().status == 0)
        #expect(try Setup.snapshot(s.out) == s.expectedA, "the later run's output, whole")
        #expect(try s.run(["check"] + s.argumentsA()).status == 0)
    }

    @Test func runsStartedTogetherEndWithOneWholeOutput() throws {
        let s = try Setup(scale: 300)
        for trial in 0..<8 {
            let a = try BackgroundRun(s.argumentsA(), environment: ["SCHEMAGEN_CACHE_DIR": s.cache])
            let b = try BackgroundRun(s.argumentsB(), environment: ["SCHEMAGEN_CACHE_DIR": s.cache])
            let (ra, rb) = (try a.finish(), try b.finish())
            #expect(ra.status == 0 && rb.status == 0, "trial \(trial): \(ra.stderr) \(rb.stderr)")
            let folder = try Setup.snapshot(s.out)
            #expect(folder == s.expectedA || folder == s.expectedB, "trial \(trial): one whole output")
            let winner = folder == s.expectedA ? s.argumentsA() : s.argumentsB()
            #expect(try s.run(["check"] + winner).status == 0, "trial \(trial): check agrees")
        }
    }

    // MARK: Point 3: a run paused before it records

    @Test func aRunPausedBeforeRecordingCannotPoisonTheCache() throws {
        let s = try Setup()
        try s.startFromA()
        let paused = try BackgroundRun(s.argumentsB(), environment: ["SCHEMAGEN_CACHE_DIR": s.cache], pause: "record:1")
        try paused.waitUntilPaused()
        let other = try BackgroundRun(s.argumentsA(), environment: ["SCHEMAGEN_CACHE_DIR": s.cache])
        usleep(300_000)
        #expect(other.process.isRunning, "the other run waits for the lock")
        paused.resume()
        #expect(try paused.finish().status == 0)
        #expect(try other.finish().status == 0)
        #expect(try Setup.snapshot(s.out) == s.expectedA)
        // The record now describes A's output: B must rewrite, A must find it up to date.
        #expect(try s.run(["check"] + s.argumentsA()).status == 0)
        #expect(try s.run(["check"] + s.argumentsB()).status == 1)
        #expect(try s.run(s.argumentsB()).status == 0)
        #expect(try Setup.snapshot(s.out) == s.expectedB)
    }

    @Test func anOutputChangedWhileARunRecordsIsWrittenAgainByTheNextRun() throws {
        let s = try Setup()
        try s.startFromA()
        // A page touched: the run goes through, keeping every output as it is on disk.
        let page = try #require(try FileManager.default.contentsOfDirectory(atPath: s.pagesA).sorted().first)
        let text = try String(contentsOfFile: s.pagesA + "/" + page, encoding: .utf8)
        try (text + "\n").write(toFile: s.pagesA + "/" + page, atomically: false, encoding: .utf8)
        let paused = try BackgroundRun(s.argumentsA(), environment: ["SCHEMAGEN_CACHE_DIR": s.cache], pause: "record:1")
        try paused.waitUntilPaused()
        // A kept output changed after the run looked at it, its size the same.
        let kept = try #require(s.expectedA.keys.sorted().last { $0.hasPrefix("swift/") })
        var bytes = try #require(s.expectedA[kept])
        bytes[bytes.count / 2] = bytes[bytes.count / 2] == UInt8(ascii: "x") ? UInt8(ascii: "y") : UInt8(ascii: "x")
        try Data(bytes).write(to: URL(fileURLWithPath: s.out + "/" + kept))
        paused.resume()
        #expect(try paused.finish().status == 0)
        #expect(try s.run(["check"] + s.argumentsA()).status == 1, "the changed output is seen")
        #expect(try s.run(s.argumentsA()).status == 0)
        #expect(try Setup.snapshot(s.out) == s.expectedA)
    }

    // MARK: Point 7: a folder swapped for a link mid-run

    @Test func aFolderSwappedForALinkMidRunIsNotWrittenThrough() throws {
        let s = try Setup()
        try s.startFromA()
        let outside = s.temp.path + "/outside"
        let run = try BackgroundRun(s.argumentsB(), environment: ["SCHEMAGEN_CACHE_DIR": s.cache], pause: "place:1")
        try run.waitUntilPaused()
        try FileManager.default.moveItem(atPath: s.out + "/swift", toPath: outside)
        try FileManager.default.createSymbolicLink(atPath: s.out + "/swift", withDestinationPath: outside)
        let before = try Setup.snapshot(outside)
        run.resume()
        let result = try run.finish()
        #expect(result.status != 0)
        #expect(result.stderr.contains("/swift"), "\(result.stderr)")
        #expect(try Setup.snapshot(outside) == before, "nothing created, changed or deleted through the link")
        #expect(!(try Setup.snapshot(s.out).keys.contains { $0.contains(".schemagen-staging-") }))
    }

    // MARK: Point 1: a damaged parse record

    @Test func aDamagedParseRecordIsAMissNeverAChangedTable() throws {
        let s = try Setup()
        try s.startFromA()
        let record = try #require(
            try FileManager.default.contentsOfDirectory(atPath: s.cache).first { $0.hasSuffix(".pages") })
        var bytes = Array(try Data(contentsOf: URL(fileURLWithPath: s.cache + "/" + record)))
        // One letter of a description that every generated target carries.
        let needle = Array("The name of the pod.".utf8)
        let at = try #require(IncrementalRunTests.firstRange(of: needle, in: bytes))
        bytes[at.lowerBound + 4] = UInt8(ascii: "m")
        try Data(bytes).write(to: URL(fileURLWithPath: s.cache + "/" + record))
        // Another option: every file is rendered again, from the tables the parse record holds.
        let options = ["--access", "package"]
        #expect(try s.run(s.argumentsA() + options).status == 0)
        let clean = s.temp.path + "/clean-package"
        #expect(try s.run(s.argumentsA(out: clean) + options + ["--no-cache"]).status == 0)
        #expect(try Setup.snapshot(s.out) == Setup.snapshot(clean), "the damaged letter is nowhere in the output")
        #expect(try s.run(["check"] + s.argumentsA() + options).status == 0)
    }

    // MARK: Point 8: an empty input

    @Test func anInputWithNoPageLeavesAGeneratedFolderAlone() throws {
        let s = try Setup()
        try s.startFromA()
        let empty = s.temp.path + "/empty"
        try FileManager.default.createDirectory(atPath: empty, withIntermediateDirectories: true)
        let result = try s.run([empty, "--out", s.out])
        #expect(result.status == 1)
        #expect(result.stderr.contains("no page found in \(empty)"), "\(result.stderr)")
        #expect(try Setup.snapshot(s.out) == s.expectedA)
        let allowed = try s.run([empty, "--out", s.out, "--allow-empty-input"])
        #expect(allowed.status == 0, "\(allowed.stderr)")
        let left = try Setup.snapshot(s.out).keys
        #expect(
            !left.contains { $0.hasPrefix("jsonschema/") }
                && left.filter { $0.hasPrefix("swift/") } == ["swift/JSONValue.swift"],
            "only the files an empty catalog has: \(left.sorted())")
    }
}
