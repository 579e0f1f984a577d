import Foundation
import Testing

/// The tests find PostgreSQL's programs on any Debian release, not only where version 15 puts them.
@Suite struct PostgresBinariesTests {
    /// A fake /usr/lib/postgresql with `versions`, each with all programs unless listed in `incomplete`.
    static func libRoot(_ versions: [String], incomplete: Set<String> = []) throws -> TemporaryDirectory {
        let dir = try TemporaryDirectory()
        for version in versions {
            let tools = incomplete.contains(version) ? ["psql"] : PostgresBinaries.tools
            for tool in tools {
                try dir.write("\(version)/bin/\(tool)", "#!/bin/sh\n")
                chmod(dir.path + "/\(version)/bin/\(tool)", 0o755)
            }
        }
        return dir
    }

    @Test func theNewestInstalledVersionIsUsedComparedAsNumbers() throws {
        let root = try Self.libRoot(["9.6", "13", "16"])
        let found = PostgresBinaries.locate(environment: [:], pgConfigBindir: nil, libRoot: root.path)
        #expect(found == root.path + "/16/bin")
    }

    @Test func aVersionWithoutTheServerProgramsIsSkipped() throws {
        // Debian's postgresql-client-17 alone brings psql but no initdb.
        let root = try Self.libRoot(["15", "17"], incomplete: ["17"])
        let found = PostgresBinaries.locate(environment: [:], pgConfigBindir: nil, libRoot: root.path)
        #expect(found == root.path + "/15/bin")
    }

    @Test func theEnvironmentThenPgConfigWin() throws {
        let root = try Self.libRoot(["13", "16"])
        let fromConfig = PostgresBinaries.locate(
            environment: [:], pgConfigBindir: root.path + "/13/bin", libRoot: root.path)
        #expect(fromConfig == root.path + "/13/bin")
        let named = PostgresBinaries.locate(
            environment: ["SCHEMAGEN_PG_BINDIR": "/opt/pg/bin"], pgConfigBindir: root.path + "/13/bin",
            libRoot: root.path)
        #expect(named == "/opt/pg/bin")
    }

    @Test func pathIsTheLastResort() throws {
        let root = try Self.libRoot(["bin-on-path"])
        let found = PostgresBinaries.locate(
            environment: ["PATH": "/nonexistent:" + root.path + "/bin-on-path/bin"], pgConfigBindir: nil,
            libRoot: root.path + "/none")
        #expect(found == root.path + "/bin-on-path/bin")
        #expect(
            PostgresBinaries.locate(environment: ["PATH": "/nonexistent"], pgConfigBindir: nil, libRoot: "/none") == nil
        )
    }

    @Test func thisMachinesServerIsFound() throws {
        let found = try #require(PostgresBinaries.locate(), "install the Debian package postgresql")
        #expect(PostgresBinaries.majorVersion(binDirectory: found) != nil)
    }
}
