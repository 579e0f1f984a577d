import Foundation

/// A test hook for the process-level safety tests: with `SCHEMAGEN_TEST_PAUSE=<step>:<n>` in the
/// environment (`place:40`, `remove:1`, `stage:1`, `record:1`), the run stops before its n-th step of
/// that kind, writes its process id to `$SCHEMAGEN_TEST_PAUSE_FILE` and sleeps, so that a test can
/// send a signal, swap a folder or start another run at exactly that point. Unset, it costs one check.
enum TestPause {
    private static let setting: (kind: String, count: Int, file: String)? = {
        let environment = ProcessInfo.processInfo.environment
        guard let value = environment["SCHEMAGEN_TEST_PAUSE"], let file = environment["SCHEMAGEN_TEST_PAUSE_FILE"],
            let colon = value.lastIndex(of: ":"), let count = Int(value[value.index(after: colon)...])
        else { return nil }
        return (String(value[..<colon]), count, file)
    }()
    private static let counter = Counter()

    private final class Counter: @unchecked Sendable {
        let lock = NSLock()
        var seen: [String: Int] = [:]
    }

    static func at(_ step: WriteTransaction.Step) {
        switch step {
        case .place: at("place")
        case .remove: at("remove")
        case .stage: at("stage")
        case .createFolder, .removeFolder, .placeFolder: at("folder")
        }
    }

    /// Pauses if `kind` is the configured step and this is its n-th occurrence.
    static func at(_ kind: String) {
        guard let setting, setting.kind == kind else { return }
        let n = counter.lock.withLock {
            counter.seen[kind, default: 0] += 1
            return counter.seen[kind]!
        }
        guard n == setting.count else { return }
        try? "\(getpid())\n".write(toFile: setting.file, atomically: true, encoding: .utf8)
        // A test ends the pause by removing the file, or with a signal; a minute at most.
        for _ in 0..<1200 {
            if Interruption.requested != nil || access(setting.file, F_OK) != 0 { return }
            usleep(50_000)
        }
    }
}
