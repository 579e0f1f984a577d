// Test support: a throwaway PostgreSQL server (whichever version `PostgresBinaries` finds).
//
// `PostgresCluster.shared()` starts one server per test process (about a
// second) and stops it when the process exits; tests then call
// `makeDatabase(prefix:)` to get a database of their own. `start()` makes a
// private cluster for a test that needs one; call `stop()` when done.
//
// PostgreSQL refuses to run as root, so when we are root `initdb` and
// `pg_ctl` run as the `postgres` OS user through `runuser`; the data
// directory lives in a fresh folder under /tmp owned by that user. psql
// itself runs as us and connects over a Unix socket in that folder, so
// nothing touches /var/run/postgresql.

import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

enum PostgresClusterError: Error, CustomStringConvertible {
    /// A program or OS user is missing; the message names the package.
    case missingTool(String)
    case setupFailed(String)
    case startFailed(String)
    /// psql exited non-zero. `result.stderr` is what psql/PostgreSQL said.
    case psqlFailed(database: String, result: ProcessRunner.Result)
    case stopped

    var description: String {
        switch self {
        case .missingTool(let message):
            return message
        case .setupFailed(let message):
            return "could not set up a PostgreSQL cluster: \(message)"
        case .startFailed(let message):
            return "could not start PostgreSQL: \(message)"
        case .psqlFailed(let database, let result):
            var text = "psql failed on database \"\(database)\" (exit code \(result.exitCode)"
            if result.timedOut { text += ", timed out" }
            text += "):\n"
            let stderr = result.stderr.trimmingCharacters(in: .whitespacesAndNewlines)
            text += stderr.isEmpty ? "(psql wrote nothing to stderr)" : ProcessRunner.truncated(stderr, limit: 20_000)
            if stderr.contains("extension control file")
                || (stderr.contains("extension") && stderr.contains("is not available"))
            {
                text += "\nhint: extensions such as hstore come from the Debian package `postgresql-contrib`."
            }
            text += "\ncommand: \(result.commandLine)"
            return text
        case .stopped:
            return "the PostgreSQL cluster has been stopped"
        }
    }
}

final class PostgresCluster: Sendable {
    /// Temporary folder holding everything below; removed by `stop()`.
    let rootDirectory: String
    let dataDirectory: String
    /// Directory of the Unix socket (`unix_socket_directories`); pass it
    /// as the host to libpq clients.
    let socketDirectory: String
    let logFile: String
    /// TCP port on 127.0.0.1 (also names the Unix socket).
    let port: Int
    let binDirectory: String
    /// The database superuser (trust authentication, no password).
    let user = "postgres"
    /// True when we are root and run server-side tools as `postgres`.
    let runsAsPostgresUser: Bool
    private let runuserPath: String?
    private let state = ConsumerHarnessLock(State())

    private struct State {
        var stopped = false
        var databaseCounter = 0
    }

    private init(rootDirectory: String, port: Int, binDirectory: String, runuserPath: String?) {
        self.rootDirectory = rootDirectory
        self.dataDirectory = rootDirectory + "/data"
        self.socketDirectory = rootDirectory
        self.logFile = rootDirectory + "/server.log"
        self.port = port
        self.binDirectory = binDirectory
        self.runuserPath = runuserPath
        self.runsAsPostgresUser = runuserPath != nil
    }

    /// `postgresql://postgres@127.0.0.1:<port>/<database>` (TCP).
    func connectionURI(database: String) -> String {
        "postgresql://\(user)@127.0.0.1:\(port)/\(database)"
    }

    // MARK: - Shared cluster

    private static let sharedResult: Result<PostgresCluster, any Error> = {
        do {
            let cluster = try PostgresCluster.start()
            sharedForExit.withLock { $0 = cluster }
            atexit {
                PostgresCluster.sharedForExit.withLock { $0 }?.stopAtExit()
            }
            return .success(cluster)
        } catch {
            return .failure(error)
        }
    }()

    private static let sharedForExit = ConsumerHarnessLock<PostgresCluster?>(nil)

    /// The cluster shared by all tests in this process, started on first
    /// use (exactly once, even when tests run in parallel) and stopped when
    /// the process exits. If starting failed, every call throws that error.
    /// Don't `stop()` it; create a database per test instead.
    static func shared() throws -> PostgresCluster {
        try sharedResult.get()
    }

    // MARK: - Starting and stopping

    /// initdb + pg_ctl start in a fresh temporary folder on a free port.
    static func start() throws -> PostgresCluster {
        let environment = ProcessInfo.processInfo.environment
        guard let binDirectory = PostgresBinaries.locate(environment: environment) else {
            throw PostgresClusterError.missingTool(
                "PostgreSQL's server programs (\(PostgresBinaries.tools.joined(separator: ", "))) were not found "
                    + "in `pg_config --bindir`, /usr/lib/postgresql/*/bin or PATH: install the Debian package "
                    + "`postgresql`, plus `postgresql-contrib` for hstore, or set SCHEMAGEN_PG_BINDIR.")
        }
        for tool in PostgresBinaries.tools {
            guard FileManager.default.isExecutableFile(atPath: binDirectory + "/" + tool) else {
                throw PostgresClusterError.missingTool(
                    "PostgreSQL program `\(tool)` not found in \(binDirectory) (SCHEMAGEN_PG_BINDIR): install the "
                        + "Debian package `postgresql`, plus `postgresql-contrib` for hstore.")
            }
        }

        var runuserPath: String?
        var owner: (uid: uid_t, gid: gid_t)?
        if geteuid() == 0 {
            guard let entry = getpwnam("postgres") else {
                throw PostgresClusterError.missingTool(
                    "running as root, but there is no `postgres` OS user to run the server as "
                        + "(the Debian package `postgresql-common` creates it).")
            }
            owner = (entry.pointee.pw_uid, entry.pointee.pw_gid)
            runuserPath = try ProcessRunner.require(
                "runuser",
                package:
                    "It is needed to run PostgreSQL as the `postgres` user: install the Debian package `util-linux`.")
        }

        // As root the folder must be reachable by `postgres`, which a
        // private TMPDIR such as /root/tmp would not be.
        let base = environment["SCHEMAGEN_PG_TMPDIR"] ?? (owner != nil ? "/tmp" : NSTemporaryDirectory())
        reapStaleClusters(in: base)
        let root = try ProcessRunner.makeTemporaryDirectory(prefix: "schemagen-pg-", in: base)
        do {
            try "\(getpid())\n".write(toFile: root + "/owner.pid", atomically: false, encoding: .utf8)
            if let owner {
                guard chown(root, owner.uid, owner.gid) == 0 else {
                    throw PostgresClusterError.setupFailed(
                        "chown postgres \(root): \(String(cString: strerror(errno)))")
                }
            }
            return try initializeAndStart(root: root, binDirectory: binDirectory, runuserPath: runuserPath)
        } catch {
            try? FileManager.default.removeItem(atPath: root)
            throw error
        }
    }

    private static func initializeAndStart(root: String, binDirectory: String, runuserPath: String?) throws
        -> PostgresCluster
    {
        let probe = PostgresCluster(rootDirectory: root, port: 0, binDirectory: binDirectory, runuserPath: runuserPath)
        let initdb = try probe.runServerTool(
            "initdb",
            [
                "--pgdata=\(probe.dataDirectory)", "--username=postgres", "--auth=trust",
                "--encoding=UTF8", "--locale=C", "--no-sync", "--no-instructions",
            ], timeout: 180)
        guard initdb.succeeded else {
            throw PostgresClusterError.setupFailed("initdb failed: \(initdb)")
        }

        func quoted(_ value: String) -> String { "'" + value.replacingOccurrences(of: "'", with: "''") + "'" }
        let settings = """

            # schemagen test harness: a throwaway cluster, tuned for speed.
            listen_addresses = '127.0.0.1'
            unix_socket_directories = \(quoted(root))
            fsync = off
            synchronous_commit = off
            full_page_writes = off
            wal_level = minimal
            max_wal_senders = 0
            autovacuum = off
            jit = off
            shared_buffers = 64MB
            max_connections = 100
            timezone = 'UTC'
            log_timezone = 'UTC'
            lc_messages = 'C'
            log_min_messages = warning

            """
        // Appending keeps the file's owner (postgres) and mode.
        guard let handle = FileHandle(forWritingAtPath: probe.dataDirectory + "/postgresql.conf") else {
            throw PostgresClusterError.setupFailed("cannot open postgresql.conf in \(probe.dataDirectory)")
        }
        do {
            try handle.seekToEnd()
            try handle.write(contentsOf: Data(settings.utf8))
            try handle.close()
        } catch {
            throw PostgresClusterError.setupFailed("cannot append to postgresql.conf: \(error)")
        }

        // Another process may grab the port between our probe and the
        // server's bind; try a few.
        var failures: [String] = []
        for _ in 0..<5 {
            let port = try findFreePort()
            let cluster = PostgresCluster(
                rootDirectory: root, port: port, binDirectory: binDirectory, runuserPath: runuserPath)
            let result = try cluster.runServerTool(
                "pg_ctl",
                [
                    "--pgdata=\(cluster.dataDirectory)", "--log=\(cluster.logFile)", "--wait", "--timeout=60",
                    "-o", "-p \(port)", "start",
                ], timeout: 90)
            if result.succeeded {
                return cluster
            }
            let log = cluster.serverLog()
            // Make sure nothing half-started survives before retrying.
            shutDown(dataDirectory: cluster.dataDirectory, timeout: 10)
            failures.append(
                "port \(port): \(result)\n--- server log ---\n\(ProcessRunner.truncated(log, limit: 8_000))")
            if !(log.contains("could not bind") || log.contains("already in use")
                || log.contains("could not create any TCP/IP sockets"))
            {
                break
            }
        }
        throw PostgresClusterError.startFailed(failures.joined(separator: "\n\n"))
    }

    /// Immediate shutdown (pg_ctl stop -m immediate) and removal of the
    /// temporary folder. Safe to call twice.
    func stop() {
        let alreadyStopped = state.withLock { state -> Bool in
            defer { state.stopped = true }
            return state.stopped
        }
        if alreadyStopped { return }
        let result = try? runServerTool(
            "pg_ctl",
            [
                "--pgdata=\(dataDirectory)", "--mode=immediate", "--wait", "--timeout=30", "stop",
            ], timeout: 45)
        if result?.succeeded != true {
            Self.shutDown(dataDirectory: dataDirectory, timeout: 10)
        }
        try? FileManager.default.removeItem(atPath: rootDirectory)
    }

    /// At process exit: no child processes, just signals.
    private func stopAtExit() {
        let alreadyStopped = state.withLock { state -> Bool in
            defer { state.stopped = true }
            return state.stopped
        }
        if alreadyStopped { return }
        Self.shutDown(dataDirectory: dataDirectory, timeout: 10)
        try? FileManager.default.removeItem(atPath: rootDirectory)
    }

    /// The server's log so far (startup messages, errors).
    func serverLog() -> String {
        guard let data = FileManager.default.contents(atPath: logFile) else { return "" }
        return String(decoding: data, as: UTF8.self)
    }

    // MARK: - Databases

    /// `CREATE DATABASE "<name>"`.
    func createDatabase(_ name: String) throws {
        try runSQL(
            sql: "CREATE DATABASE \(Self.quoteIdentifier(name));", database: "postgres", singleTransaction: false)
    }

    /// `DROP DATABASE IF EXISTS "<name>" WITH (FORCE)`.
    func dropDatabase(_ name: String) throws {
        try runSQL(
            sql: "DROP DATABASE IF EXISTS \(Self.quoteIdentifier(name)) WITH (FORCE);", database: "postgres",
            singleTransaction: false)
    }

    /// A name no other call in this process returns: `<prefix>_<n>_<random>`,
    /// lower-case, at most 63 bytes.
    func uniqueDatabaseName(prefix: String = "test") -> String {
        let counter = state.withLock { state -> Int in
            state.databaseCounter += 1
            return state.databaseCounter
        }
        var clean = String(
            prefix.lowercased().map { ($0.isASCII && ($0.isLetter || $0.isNumber)) ? $0 : "_" }.prefix(40))
        if clean.isEmpty || clean.first!.isNumber { clean = "db_" + clean }
        let random = String(UInt32.random(in: 0...UInt32.max), radix: 36)
        return "\(clean)_\(counter)_\(random)"
    }

    /// Creates a fresh database with a unique name and returns the name.
    func makeDatabase(prefix: String = "test") throws -> String {
        let name = uniqueDatabaseName(prefix: prefix)
        try createDatabase(name)
        return name
    }

    // MARK: - psql

    /// Runs a SQL script from a file with
    /// `psql -X -v ON_ERROR_STOP=1 --single-transaction -q`.
    /// With `checkExitCode` (the default) a non-zero exit throws
    /// `PostgresClusterError.psqlFailed`, whose description includes
    /// psql's stderr; otherwise the result is returned as is. NOTICEs and
    /// WARNINGs end up in `stderr` of a successful result.
    @discardableResult
    func runSQL(
        file: String, database: String, singleTransaction: Bool = true, checkExitCode: Bool = true,
        timeout: TimeInterval = 600
    ) throws -> ProcessRunner.Result {
        var arguments = singleTransaction ? ["--single-transaction"] : []
        arguments += ["-f", file]
        return try psql(arguments, database: database, checkExitCode: checkExitCode, timeout: timeout)
    }

    /// Runs a SQL script given as a string (fed on stdin; psql calls it
    /// `<stdin>` in messages). Same behaviour as `runSQL(file:...)`.
    @discardableResult
    func runSQL(
        sql: String, database: String, singleTransaction: Bool = true, checkExitCode: Bool = true,
        timeout: TimeInterval = 600
    ) throws -> ProcessRunner.Result {
        var arguments = singleTransaction ? ["--single-transaction"] : []
        arguments += ["-f", "-"]
        return try psql(
            arguments, input: .string(sql), database: database, checkExitCode: checkExitCode, timeout: timeout)
    }

    /// Runs `sql` with `psql -At` and returns its output: one line per row,
    /// columns separated by `|`, NULL as an empty string, without the final
    /// newline. Throws `psqlFailed` on any error.
    func query(_ sql: String, database: String) throws -> String {
        var output = try psql(["-A", "-t", "-f", "-"], input: .string(sql), database: database, checkExitCode: true)
            .stdout
        if output.hasSuffix("\n") { output.removeLast() }
        return output
    }

    /// `psql -X -w -v ON_ERROR_STOP=1 -q -h <socket dir> -p <port> -U postgres -d <database>`
    /// followed by `arguments`.
    @discardableResult
    func psql(
        _ arguments: [String], input: ProcessRunner.Input = .none, database: String,
        checkExitCode: Bool = true, timeout: TimeInterval = 600
    ) throws -> ProcessRunner.Result {
        if state.withLock({ $0.stopped }) { throw PostgresClusterError.stopped }
        let result = try ProcessRunner.run(
            binDirectory + "/psql",
            [
                "-X", "-w", "-v", "ON_ERROR_STOP=1", "-q",
                "-h", socketDirectory, "-p", String(port), "-U", user, "-d", database,
            ] + arguments,
            input: input,
            environment: ["PGCLIENTENCODING": "UTF8", "PGCONNECT_TIMEOUT": "20", "LC_MESSAGES": "C", "PGTZ": "UTC"],
            removingEnvironment: [
                "PGOPTIONS", "PGSERVICE", "PGSERVICEFILE", "PGSSLMODE", "PGTARGETSESSIONATTRS", "PGPASSFILE",
            ],
            timeout: timeout
        )
        if checkExitCode && !result.succeeded {
            throw PostgresClusterError.psqlFailed(database: database, result: result)
        }
        return result
    }

    /// `"name"` with embedded quotes doubled.
    static func quoteIdentifier(_ name: String) -> String {
        "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    // MARK: - Internals

    /// Runs a server-side program, as `postgres` when we are root.
    private func runServerTool(_ tool: String, _ arguments: [String], timeout: TimeInterval) throws
        -> ProcessRunner.Result
    {
        let path = binDirectory + "/" + tool
        let (executable, fullArguments) =
            runuserPath.map { ($0, ["-u", "postgres", "--", path] + arguments) } ?? (path, arguments)
        // The working directory must be one `postgres` can enter.
        return try ProcessRunner.run(
            executable, fullArguments, environment: ["LC_ALL": "C"],
            currentDirectory: rootDirectory, timeout: timeout)
    }

    /// A TCP port on 127.0.0.1 that was free a moment ago.
    private static func findFreePort() throws -> Int {
        #if os(Linux)
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
            let fd = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard fd >= 0 else { throw PostgresClusterError.setupFailed("socket(): \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        #if canImport(Darwin)
            address.sin_len = UInt8(MemoryLayout<sockaddr_in>.size)
        #endif
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress in
                bind(fd, socketAddress, length) == 0 && getsockname(fd, socketAddress, &length) == 0
            }
        }
        guard bound else {
            throw PostgresClusterError.setupFailed("bind/getsockname: \(String(cString: strerror(errno)))")
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    private static func postmasterPID(dataDirectory: String) -> pid_t? {
        guard let text = try? String(contentsOfFile: dataDirectory + "/postmaster.pid", encoding: .utf8),
            let first = text.split(separator: "\n").first,
            let pid = pid_t(first.trimmingCharacters(in: .whitespaces)), pid > 0
        else { return nil }
        return pid
    }

    private static func isAlive(_ pid: pid_t) -> Bool {
        kill(pid, 0) == 0 || errno == EPERM
    }

    /// SIGQUIT to the postmaster (what `pg_ctl stop -m immediate` sends),
    /// then waits until it has removed its pid file.
    private static func shutDown(dataDirectory: String, timeout: TimeInterval) {
        guard let pid = postmasterPID(dataDirectory: dataDirectory), kill(pid, SIGQUIT) == 0 else { return }
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if !FileManager.default.fileExists(atPath: dataDirectory + "/postmaster.pid") || !isAlive(pid) { return }
            usleep(20_000)
        }
        kill(pid, SIGKILL)
    }

    /// Removes clusters left behind by test processes that died without
    /// running their exit handlers (crash, SIGKILL).
    private static func reapStaleClusters(in base: String) {
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: base) else { return }
        for entry in entries where entry.hasPrefix("schemagen-pg-") {
            let root = base + "/" + entry
            guard let text = try? String(contentsOfFile: root + "/owner.pid", encoding: .utf8),
                let owner = pid_t(text.trimmingCharacters(in: .whitespacesAndNewlines)),
                owner != getpid(), !isAlive(owner)
            else { continue }
            shutDown(dataDirectory: root + "/data", timeout: 5)
            try? FileManager.default.removeItem(atPath: root)
        }
    }
}
