// Test support: the sqlite3 command-line shell on a fresh database file.
//
// Each `SQLiteShell` owns a new temporary folder with an empty database
// file; the folder is removed when the shell is deallocated. Scripts run
// with `sqlite3 -batch -bail -init /dev/null <db>` (no ~/.sqliterc) and
// are fed on stdin, so errors read "Parse error near line N: ..." or
// "Runtime error near line N: ...". Nothing is prepended to scripts: in
// particular `PRAGMA foreign_keys` keeps the shell's default (off).

import Foundation

enum SQLiteShellError: Error, CustomStringConvertible {
    /// sqlite3 exited non-zero. `result.stderr` is what sqlite3 said.
    case failed(database: String, result: ProcessRunner.Result)

    var description: String {
        switch self {
        case .failed(let database, let result):
            let stderr = result.stderr.trimmingCharacters(in: .whitespacesAndNewlines)
            return
                "sqlite3 failed on \(database) (exit code \(result.exitCode)\(result.timedOut ? ", timed out" : "")):\n"
                + (stderr.isEmpty
                    ? "(sqlite3 wrote nothing to stderr)" : ProcessRunner.truncated(stderr, limit: 20_000))
                + "\ncommand: \(result.commandLine)"
        }
    }
}

final class SQLiteShell: Sendable {
    /// The sqlite3 executable in use.
    let executable: String
    /// The temporary folder; removed on deinit.
    let directory: String
    /// The database file (created by the first script).
    let databasePath: String

    /// Finds `sqlite3` on PATH (fails naming the Debian package `sqlite3`)
    /// and prepares a fresh, empty database file path.
    init() throws {
        executable = try ProcessRunner.require("sqlite3", package: "Install the Debian package `sqlite3`.")
        directory = try ProcessRunner.makeTemporaryDirectory(prefix: "schemagen-sqlite-")
        databasePath = directory + "/test.db"
    }

    deinit {
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// The shell's version line, e.g. "3.40.1 2022-12-28 ...".
    static func version() throws -> String {
        let executable = try ProcessRunner.require("sqlite3", package: "Install the Debian package `sqlite3`.")
        let result = try ProcessRunner.run(executable, ["-version"], timeout: 30).check("sqlite3 -version")
        return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Runs `script` against the database with `-bail`. With
    /// `checkExitCode` (the default) a failure throws `SQLiteShellError`
    /// carrying sqlite3's stderr; otherwise the result is returned as is.
    @discardableResult
    func run(script: String, checkExitCode: Bool = true, timeout: TimeInterval = 600) throws -> ProcessRunner.Result {
        try run(input: .string(script), options: [], checkExitCode: checkExitCode, timeout: timeout)
    }

    /// Runs the script file at `file` (fed on stdin) with `-bail`.
    @discardableResult
    func run(file: String, checkExitCode: Bool = true, timeout: TimeInterval = 600) throws -> ProcessRunner.Result {
        try run(input: .file(file), options: [], checkExitCode: checkExitCode, timeout: timeout)
    }

    /// Runs `sql` in list mode without headers and returns the output: one
    /// line per row, columns separated by `|`, NULL as an empty string,
    /// without the final newline.
    func query(_ sql: String) throws -> String {
        var output = try run(
            input: .string(sql), options: ["-list", "-noheader", "-separator", "|", "-nullvalue", ""],
            checkExitCode: true, timeout: 600
        ).stdout
        if output.hasSuffix("\n") { output.removeLast() }
        return output
    }

    /// Runs `sqlite3 -batch -bail -init /dev/null <options> <database>`
    /// with `input` on stdin.
    @discardableResult
    func run(
        input: ProcessRunner.Input, options: [String], checkExitCode: Bool = true,
        timeout: TimeInterval = 600
    ) throws -> ProcessRunner.Result {
        let result = try ProcessRunner.run(
            executable, ["-batch", "-bail", "-init", "/dev/null"] + options + [databasePath],
            input: input, currentDirectory: directory, timeout: timeout)
        if checkExitCode && !result.succeeded {
            throw SQLiteShellError.failed(database: databasePath, result: result)
        }
        return result
    }
}
