// Test support: runs external programs (psql, sqlite3, python3, ...) and
// captures their output.
//
// Output goes to temporary files rather than pipes, so a child that writes
// megabytes to both stdout and stderr can't deadlock us, and a daemon the
// child leaves behind (pg_ctl starting postgres) can't keep us waiting for
// an EOF that never comes. Standard input is fed from a temporary file for
// the same reason. Children are started with posix_spawn and reaped with
// waitpid (see "Spawning" below for why not Foundation's Process).
//
// `run` blocks the calling thread until the child exits.

import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// A value protected by a lock, for the harness's shared state.
final class ConsumerHarnessLock<Value>: @unchecked Sendable {
    private var value: Value
    private let lock = NSLock()

    init(_ value: Value) {
        self.value = value
    }

    func withLock<R>(_ body: (inout Value) throws -> R) rethrows -> R {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}

enum ProcessRunner {
    /// What the child reads on standard input.
    enum Input: Sendable {
        /// `/dev/null`.
        case none
        case data(Data)
        case string(String)
        /// The contents of the file at this path.
        case file(String)
    }

    /// The outcome of one run. A non-zero exit code is not an error here;
    /// use `Failure` (or `Result.check(_:)`) to turn it into one.
    struct Result: Sendable, CustomStringConvertible {
        /// The resolved executable followed by the arguments.
        var command: [String]
        /// The exit status, or the signal number if `signal` is set.
        var exitCode: Int32
        /// Set when the child died from an uncaught signal.
        var signal: Int32?
        var stdout: String
        var stderr: String
        var timedOut: Bool
        /// Wall-clock seconds.
        var duration: TimeInterval

        var succeeded: Bool { exitCode == 0 && signal == nil && !timedOut }

        /// The command line in shell-like form, for messages.
        var commandLine: String { command.map(ProcessRunner.shellQuote).joined(separator: " ") }

        var description: String {
            var status: String
            if timedOut {
                status = "timed out after \(String(format: "%.1f", duration)) s"
            } else if let signal {
                status = "killed by signal \(signal)"
            } else {
                status = "exit code \(exitCode)"
            }
            status += " — \(commandLine)"
            if !stderr.isEmpty {
                status += "\n--- stderr ---\n" + ProcessRunner.truncated(stderr, limit: 20_000)
            }
            if !stdout.isEmpty {
                status += "\n--- stdout ---\n" + ProcessRunner.truncated(stdout, limit: 4_000)
            }
            return status
        }

        /// Returns `self` if the run succeeded, throws `Failure` otherwise.
        @discardableResult
        func check(_ context: String) throws -> Result {
            guard succeeded else { throw Failure(context: context, result: self) }
            return self
        }
    }

    /// A run that did not succeed. Its description carries the child's
    /// stderr so a failing test shows what the tool said.
    struct Failure: Error, CustomStringConvertible {
        var context: String
        var result: Result
        var description: String { "\(context): \(result)" }
    }

    enum LaunchError: Error, CustomStringConvertible {
        /// A tool is missing. `hint` says which package provides it.
        case executableNotFound(name: String, hint: String)
        case launchFailed(command: String, reason: String)
        case io(String)

        var description: String {
            switch self {
            case .executableNotFound(let name, let hint):
                return
                    "required program `\(name)` was not found (PATH=\(ProcessInfo.processInfo.environment["PATH"] ?? "")). \(hint)"
            case .launchFailed(let command, let reason):
                return "could not launch `\(command)`: \(reason)"
            case .io(let message):
                return "process I/O failed: \(message)"
            }
        }
    }

    /// Runs `executable` (a path, or a name looked up on PATH) and waits
    /// for it to finish.
    ///
    /// - Parameters:
    ///   - environment: variables to set (they override inherited ones).
    ///   - inheritEnvironment: start from this process's environment.
    ///   - removingEnvironment: inherited variables to drop.
    ///   - currentDirectory: working directory for the child; nil keeps ours.
    ///   - timeout: seconds before the child is sent SIGTERM (then SIGKILL);
    ///     nil waits forever. A timed-out run is returned with `timedOut`.
    static func run(
        _ executable: String,
        _ arguments: [String] = [],
        input: Input = .none,
        environment: [String: String] = [:],
        inheritEnvironment: Bool = true,
        removingEnvironment: [String] = [],
        currentDirectory: String? = nil,
        timeout: TimeInterval? = 600
    ) throws -> Result {
        let executablePath: String
        if executable.contains("/") {
            executablePath = executable
        } else if let found = which(executable) {
            executablePath = found
        } else {
            throw LaunchError.executableNotFound(name: executable, hint: "")
        }
        let command = [executablePath] + arguments

        let scratch = try makeTemporaryDirectory(prefix: "schemagen-proc-")
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let stdoutPath = scratch + "/stdout"
        let stderrPath = scratch + "/stderr"
        let stdinPath: String
        switch input {
        case .none:
            stdinPath = "/dev/null"
        case .data(let data):
            stdinPath = scratch + "/stdin"
            try write(data, to: stdinPath)
        case .string(let string):
            stdinPath = scratch + "/stdin"
            try write(Data(string.utf8), to: stdinPath)
        case .file(let path):
            stdinPath = path
        }

        var env = inheritEnvironment ? ProcessInfo.processInfo.environment : [:]
        for name in removingEnvironment { env.removeValue(forKey: name) }
        env.merge(environment) { _, new in new }

        let start = Date()
        let pid = try spawn(
            executablePath, arguments: command, environment: env.map { "\($0.key)=\($0.value)" },
            stdin: stdinPath, stdout: stdoutPath, stderr: stderrPath, currentDirectory: currentDirectory)
        let (status, timedOut) = wait(for: pid, timeout: timeout)
        let duration = Date().timeIntervalSince(start)

        // Decode the wait status (WIFEXITED / WEXITSTATUS / WTERMSIG).
        let signal = status & 0x7f
        return Result(
            command: command,
            exitCode: signal == 0 ? (status >> 8) & 0xff : signal,
            signal: signal == 0 ? nil : signal,
            stdout: readText(stdoutPath),
            stderr: readText(stderrPath),
            timedOut: timedOut,
            duration: duration
        )
    }

    /// The full path of `name` found on PATH (plus the usual system
    /// directories, which a test runner's PATH sometimes lacks), or nil.
    static func which(_ name: String) -> String? {
        let fm = FileManager.default
        if name.contains("/") {
            return fm.isExecutableFile(atPath: name) ? name : nil
        }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        var directories = path.split(separator: ":").map(String.init)
        for extra in ["/usr/local/bin", "/usr/bin", "/bin", "/usr/sbin", "/sbin"] where !directories.contains(extra) {
            directories.append(extra)
        }
        for directory in directories where !directory.isEmpty {
            let candidate = directory + "/" + name
            var isDirectory: ObjCBool = false
            if fm.fileExists(atPath: candidate, isDirectory: &isDirectory), !isDirectory.boolValue,
                fm.isExecutableFile(atPath: candidate)
            {
                return candidate
            }
        }
        return nil
    }

    /// Like `which`, but throws a message naming the package to install.
    static func require(_ name: String, package hint: String) throws -> String {
        guard let path = which(name) else {
            throw LaunchError.executableNotFound(name: name, hint: hint)
        }
        return path
    }

    /// Creates a fresh directory (mode 0700) under `base`, or under the
    /// system temporary directory when `base` is nil. Returns its path.
    static func makeTemporaryDirectory(prefix: String, in base: String? = nil) throws -> String {
        var root = base ?? NSTemporaryDirectory()
        while root.count > 1 && root.hasSuffix("/") { root.removeLast() }
        var template = Array((root + "/" + prefix + "XXXXXX").utf8CString)
        let made = template.withUnsafeMutableBufferPointer { buffer -> Bool in
            mkdtemp(buffer.baseAddress!) != nil
        }
        guard made else {
            throw LaunchError.io("mkdtemp in \(root) failed: \(String(cString: strerror(errno)))")
        }
        return template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
    }

    /// Quotes `word` for display as part of a shell command.
    static func shellQuote(_ word: String) -> String {
        let safe = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./=:,+@%")
        if !word.isEmpty && word.allSatisfy({ safe.contains($0) }) { return word }
        return "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    static func truncated(_ text: String, limit: Int) -> String {
        guard text.count > limit else { return text }
        return String(text.prefix(limit)) + "\n… (\(text.count - limit) more characters)"
    }

    // MARK: - Spawning
    //
    // Foundation's `Process` is not used: on Linux it learns that a child
    // exited when a socket the child inherited is closed, so it hangs while
    // any grandchild that outlived the child still holds that socket (the
    // postmaster started by `pg_ctl start` does). posix_spawn + waitpid has
    // no such coupling. The child starts in its own process group (so a
    // timeout kills its helpers too) and inherits no descriptor besides
    // 0, 1 and 2.

    #if os(Linux)
        private typealias AddChdir =
            @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>) -> Int32
        private typealias AddClosefrom =
            @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32

        /// glibc's `_np` spawn actions are hidden behind _GNU_SOURCE, which
        /// Swift's Glibc module doesn't define; look them up instead.
        private static func glibcSymbol<T>(_ name: String, as type: T.Type) -> T? {
            guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), name) else { return nil }
            return unsafeBitCast(symbol, to: type)
        }
    #endif

    private static func spawn(
        _ path: String, arguments: [String], environment: [String], stdin: String, stdout: String,
        stderr: String, currentDirectory: String?
    ) throws -> pid_t {
        #if os(Linux)
            var actions = posix_spawn_file_actions_t()
            var attributes = posix_spawnattr_t()
        #else
            var actions: posix_spawn_file_actions_t?
            var attributes: posix_spawnattr_t?
        #endif
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }

        func fail(_ what: String, _ code: Int32) -> LaunchError {
            .launchFailed(
                command: arguments.map(shellQuote).joined(separator: " "),
                reason: "\(what): \(String(cString: strerror(code)))")
        }

        if let currentDirectory {
            #if os(Linux)
                guard let addChdir = glibcSymbol("posix_spawn_file_actions_addchdir_np", as: AddChdir.self) else {
                    throw LaunchError.launchFailed(
                        command: path, reason: "posix_spawn_file_actions_addchdir_np is unavailable (glibc < 2.29)")
                }
                let code = addChdir(&actions, currentDirectory)
            #else
                let code = posix_spawn_file_actions_addchdir_np(&actions, currentDirectory)
            #endif
            guard code == 0 else { throw fail("chdir action", code) }
        }
        var code = posix_spawn_file_actions_addopen(&actions, 0, stdin, O_RDONLY, 0)
        if code == 0 {
            code = posix_spawn_file_actions_addopen(&actions, 1, stdout, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        }
        if code == 0 {
            code = posix_spawn_file_actions_addopen(&actions, 2, stderr, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        }
        guard code == 0 else { throw fail("open action", code) }

        var flags = Int32(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF)
        #if os(Linux)
            if let addClosefrom = glibcSymbol("posix_spawn_file_actions_addclosefrom_np", as: AddClosefrom.self) {
                code = addClosefrom(&actions, 3)
                guard code == 0 else { throw fail("closefrom action", code) }
            }
        #else
            flags |= Int32(POSIX_SPAWN_CLOEXEC_DEFAULT)
        #endif
        posix_spawnattr_setpgroup(&attributes, 0)
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        // Undo any SIG_IGN (e.g. SIGPIPE) the test runner has set.
        var allSignals = sigset_t()
        sigfillset(&allSignals)
        posix_spawnattr_setsigdefault(&attributes, &allSignals)
        posix_spawnattr_setflags(&attributes, Int16(flags))

        let argv = arguments.map { strdup($0) } + [nil]
        let envp = environment.map { strdup($0) } + [nil]
        defer {
            for pointer in argv { free(pointer) }
            for pointer in envp { free(pointer) }
        }
        var pid: pid_t = 0
        code = posix_spawn(&pid, path, &actions, &attributes, argv, envp)
        guard code == 0 else { throw fail("posix_spawn", code) }
        return pid
    }

    /// Waits for `pid`; past `timeout` sends SIGTERM to its process group,
    /// then SIGKILL 5 s later. Returns the raw wait status.
    private static func wait(for pid: pid_t, timeout: TimeInterval?) -> (status: Int32, timedOut: Bool) {
        var status: Int32 = 0
        var timedOut = false
        var deadline = timeout.map { Date().addingTimeInterval($0) }
        var killed = false
        var pause: useconds_t = 500
        while true {
            let reaped = waitpid(pid, &status, WNOHANG)
            if reaped == pid { return (status, timedOut) }
            if reaped < 0 && errno != EINTR { return (status, timedOut) }
            if let limit = deadline, Date() >= limit {
                if !timedOut {
                    timedOut = true
                    kill(-pid, SIGTERM)
                    kill(pid, SIGTERM)
                    deadline = Date().addingTimeInterval(5)
                } else if !killed {
                    killed = true
                    kill(-pid, SIGKILL)
                    kill(pid, SIGKILL)
                    deadline = nil
                }
            }
            usleep(pause)
            pause = min(pause * 2, 20_000)
        }
    }

    // MARK: - File helpers

    private static func write(_ data: Data, to path: String) throws {
        do {
            try data.write(to: URL(fileURLWithPath: path))
        } catch {
            throw LaunchError.io("cannot write \(path): \(error)")
        }
    }

    private static func readText(_ path: String) -> String {
        guard let data = FileManager.default.contents(atPath: path) else { return "" }
        return String(decoding: data, as: UTF8.self)
    }
}
