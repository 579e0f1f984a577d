import Dispatch
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// SIGINT, SIGTERM and SIGHUP, turned from "die now" into "stop at the next safe point" while a write
/// is moving files into place, so that the write can put the folder back as it was before exiting.
///
/// Outside a write a signal ends the process at once, as it would without schemagen's handler: nothing
/// on disk has changed yet. The command line installs this once; the library never does on its own.
public enum Interruption {
    private static let state = State()

    private final class State: @unchecked Sendable {
        let lock = NSLock()
        var signal: Int32 = 0
        var writes = 0
        var sources: [DispatchSourceSignal] = []
    }

    /// Handles SIGINT, SIGTERM and SIGHUP from now on.
    public static func install() {
        state.lock.withLock {
            guard state.sources.isEmpty else { return }
            for number in [SIGINT, SIGTERM, SIGHUP] {
                signal(number, SIG_IGN)
                let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
                source.setEventHandler { received(number) }
                source.resume()
                state.sources.append(source)
            }
        }
    }

    private static func received(_ number: Int32) {
        let inWrite = state.lock.withLock {
            if state.signal == 0 { state.signal = number }
            return state.writes > 0
        }
        if !inWrite { exitAsSignalled(number) }
    }

    /// The signal that asked the run to stop, if any.
    static var requested: Int32? {
        state.lock.withLock { state.signal == 0 ? nil : state.signal }
    }

    /// Runs `body` as a write that a signal stops at its next safe point rather than at once; a
    /// signal that arrived meanwhile ends the process once the write has finished or rolled back.
    static func duringWrite<R>(_ body: () throws(OutputWriter.Failure) -> R) throws(OutputWriter.Failure) -> R {
        state.lock.withLock { state.writes += 1 }
        defer {
            let pending = state.lock.withLock {
                state.writes -= 1
                return state.writes == 0 && !state.sources.isEmpty ? state.signal : 0
            }
            if pending != 0 { exitAsSignalled(pending) }
        }
        return try body()
    }

    /// Throws when a signal asked the run to stop.
    static func check(_ path: String) throws(OutputWriter.Failure) {
        if let signal = requested { throw .interrupted(path, signal: signal) }
    }

    /// Ends the process the way the signal would have, so the shell reports it as such.
    private static func exitAsSignalled(_ number: Int32) -> Never {
        FileHandle.standardError.write(
            Data("schemagen: interrupted (\(signalName(number))); the output folder is as it was\n".utf8))
        signal(number, SIG_DFL)
        kill(getpid(), number)
        _exit(128 + number)
    }

    static func signalName(_ number: Int32) -> String {
        switch number {
        case SIGINT: "SIGINT"
        case SIGTERM: "SIGTERM"
        case SIGHUP: "SIGHUP"
        default: "signal \(number)"
        }
    }
}
