import Foundation

/// Wall-clock marks between pipeline stages, printed to standard error when `SCHEMAGEN_TRACE` is set:
/// a profile shows where CPU time goes, this shows where the run waits on one core.
enum PhaseTrace {
    static let enabled = ProcessInfo.processInfo.environment["SCHEMAGEN_TRACE"] != nil
    nonisolated(unsafe) private static var last = DispatchTime.now().uptimeNanoseconds

    /// Prints the time since the previous mark, labelled `phase`; free when tracing is off.
    static func start() { if enabled { last = DispatchTime.now().uptimeNanoseconds } }

    static func mark(_ phase: @autoclosure () -> String) {
        guard enabled else { return }
        let previous = last  // first use starts the clock
        let now = DispatchTime.now().uptimeNanoseconds
        let line = "trace: \(phase()) \((now - previous) / 1_000_000) ms\n"
        last = now
        FileHandle.standardError.write(Data(line.utf8))
    }
}
