// Test support: where the PostgreSQL server programs (`initdb`, `pg_ctl`, `postgres`, `psql`) are.
//
// Debian installs each major version under /usr/lib/postgresql/<major>/bin, which is not on PATH, so
// the tests look for them instead of assuming one version: the one a developer names, else the one
// `pg_config --bindir` reports, else the newest version installed there, else PATH (Homebrew, source
// builds).

import Foundation

enum PostgresBinaries {
    /// The programs the test cluster runs.
    static let tools = ["initdb", "pg_ctl", "postgres", "psql"]

    /// The folder holding all of `tools`, or nil. `pgConfigBindir` is what `pg_config --bindir` printed
    /// (nil when there is no pg_config); `libRoot` is Debian's /usr/lib/postgresql.
    static func locate(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        pgConfigBindir: @autoclosure () -> String? = pgConfigBindir(),
        libRoot: String = "/usr/lib/postgresql"
    ) -> String? {
        if let explicit = environment["SCHEMAGEN_PG_BINDIR"], !explicit.isEmpty { return explicit }
        if let reported = pgConfigBindir(), hasTools(reported) { return reported }
        if let newest = versionFolders(in: libRoot).map({ libRoot + "/" + $0 + "/bin" }).first(where: hasTools) {
            return newest
        }
        let path = environment["PATH"] ?? ""
        return path.split(separator: ":").map(String.init).first(where: hasTools)
    }

    /// Version folders (`13`, `15`, `9.6`) newest first, compared as numbers: 16 is newer than 9.6.
    static func versionFolders(in root: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []
        let versions = names.compactMap { name -> (name: String, parts: [Int])? in
            let parts = name.split(separator: ".").map { Int($0) }
            guard !parts.isEmpty, parts.allSatisfy({ $0 != nil }) else { return nil }
            return (name, parts.map { $0! })
        }
        return versions.sorted { $0.parts.lexicographicallyPrecedes($1.parts) }.reversed().map(\.name)
    }

    static func hasTools(_ folder: String) -> Bool {
        tools.allSatisfy { FileManager.default.isExecutableFile(atPath: folder + "/" + $0) }
    }

    /// `pg_config --bindir`, trimmed; nil when pg_config is not installed or fails.
    static func pgConfigBindir() -> String? {
        guard let pgConfig = ProcessRunner.which("pg_config"),
            let result = try? ProcessRunner.run(pgConfig, ["--bindir"], timeout: 30), result.succeeded
        else { return nil }
        let folder = result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        return folder.isEmpty ? nil : folder
    }

    /// The server's major version as `postgres --version` prints it (`postgres (PostgreSQL) 15.14` → 15).
    static func majorVersion(binDirectory: String) -> Int? {
        guard let result = try? ProcessRunner.run(binDirectory + "/postgres", ["--version"], timeout: 30),
            result.succeeded,
            let version = result.stdout.split(separator: " ").last
        else { return nil }
        return Int(version.prefix(while: { $0.isNumber }))
    }
}
