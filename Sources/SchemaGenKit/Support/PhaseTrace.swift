import Foundation

/// Wall-clock marks between pipeline stages, printed to standard error when `SCHEMAGEN_TRACE` is set:
/// a profile shows where CPU time goes, this shows where the run waits on one core. Meant for one
/// run of the command line; runs in parallel (tests) share one clock.
enum PhaseTrace {
    static let enabled = ProcessInfo.processInfo.environment["SCHEMAGEN_TRACE"] != nil
    private static let clock = Clock()

    private final class Clock: @unchecked Sendable {
        let lock = NSLock()
        var last = DispatchTime.now().uptimeNanoseconds
    }

    /// Starts the clock (a run's first mark then measures from here).
    static func start() {
        guard enabled else { return }
        clock.lock.withLock { clock.last = DispatchTime.now().uptimeNanoseconds }
    }

    /// Prints the time since the previous mark, labelled `phase`; free when tracing is off.
    static func mark(_ phase: @autoclosure () -> String) {
        guard enabled else { return }
        let elapsed = clock.lock.withLock {
            let now = DispatchTime.now().uptimeNanoseconds
            defer { clock.last = now }
            return now - min(clock.last, now)
        }
        FileHandle.standardError.write(Data("trace: \(phase()) \(elapsed / 1_000_000) ms\(memory())\n".utf8))
    }

    /// `, rss N MB, peak N MB` where the system says (Linux's `/proc/self/status`).
    private static func memory() -> String {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return "" }
        func megabytes(_ key: String) -> String? {
            guard let line = status.split(separator: "\n").first(where: { $0.hasPrefix(key + ":") }),
                let kilobytes = line.split(separator: " ").dropFirst().first.flatMap({ Int($0) })
            else { return nil }
            return String(kilobytes / 1024)
        }
        guard let rss = megabytes("VmRSS"), let peak = megabytes("VmHWM") else { return "" }
        return ", rss \(rss) MB, peak \(peak) MB"
    }
}
