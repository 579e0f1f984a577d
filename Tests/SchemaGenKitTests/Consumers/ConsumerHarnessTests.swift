// Self-tests of the consumer harness: each check runs the real program
// (PostgreSQL, sqlite3, Python jsonschema). Nothing is skipped: a
// missing tool fails the test with a message naming the package.

import Foundation
import Testing

@Suite("Consumer harness (real PostgreSQL, sqlite3, jsonschema)")
struct ConsumerHarnessTests {
    // MARK: - ProcessRunner

    @Test func processRunnerCapturesLargeOutputOnBothStreams() throws {
        // 3 MB on each stream, far beyond a pipe buffer.
        let script = #"head -c 3000000 /dev/zero | tr '\000' a; head -c 3000000 /dev/zero | tr '\000' b >&2; exit 7"#
        let result = try ProcessRunner.run("/bin/sh", ["-c", script])
        #expect(result.exitCode == 7)
        #expect(!result.succeeded)
        #expect(result.stdout.utf8.count == 3_000_000)
        #expect(result.stderr.utf8.count == 3_000_000)
        #expect(result.stdout.utf8.allSatisfy { $0 == UInt8(ascii: "a") })
    }

    @Test func processRunnerPassesEnvironmentInputAndDirectory() throws {
        let directory = try ProcessRunner.makeTemporaryDirectory(prefix: "schemagen-harness-")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let result = try ProcessRunner.run(
            "sh", ["-c", #"printf '%s|' "$SCHEMAGEN_HARNESS_VAR"; pwd; cat"#],
            input: .string("from stdin"),
            environment: ["SCHEMAGEN_HARNESS_VAR": "value with spaces"],
            currentDirectory: directory
        ).check("sh")
        let resolved = URL(fileURLWithPath: directory).resolvingSymlinksInPath().path
        #expect(result.stdout == "value with spaces|\(resolved)\nfrom stdin")
    }

    @Test func processRunnerTimesOut() throws {
        let result = try ProcessRunner.run("sleep", ["30"], timeout: 0.5)
        #expect(result.timedOut)
        #expect(!result.succeeded)
        #expect(result.duration < 10)
    }

    @Test func missingToolErrorNamesThePackage() {
        let error = #expect(throws: ProcessRunner.LaunchError.self) {
            try ProcessRunner.require(
                "schemagen-no-such-tool", package: "Install the Debian package `schemagen-tools`.")
        }
        #expect(error?.description.contains("schemagen-no-such-tool") == true)
        #expect(error?.description.contains("`schemagen-tools`") == true)
    }

    // MARK: - PostgreSQL

    @Test func postgresRoundTripsHstoreJsonbAndArrays() throws {
        let cluster = try PostgresCluster.shared()
        let database = try cluster.makeDatabase(prefix: "harness_roundtrip")
        try cluster.runSQL(
            sql: """
                CREATE EXTENSION hstore;
                CREATE SCHEMA "aws";
                CREATE TABLE "aws"."t" ("tags" hstore, "x" jsonb, "a" text[]);
                INSERT INTO "aws"."t" VALUES ('team=>data, env=>prod', '{"b": [true, null], "a": 1}', ARRAY['x', 'y z']);
                """, database: database)
        let row = try cluster.query(#"SELECT "tags", "x", "a" FROM "aws"."t";"#, database: database)
        #expect(row == #""env"=>"prod", "team"=>"data"|{"a": 1, "b": [true, null]}|{x,"y z"}"#)
        let parts = try cluster.query(
            #"SELECT "tags" -> 'team', "x" ->> 'a', "a"[2], array_length("a", 1) FROM "aws"."t";"#,
            database: database)
        #expect(parts == "data|1|y z|2")
        let types = try cluster.query(
            """
            SELECT column_name || ':' || udt_name FROM information_schema.columns
            WHERE table_schema = 'aws' AND table_name = 't' ORDER BY ordinal_position;
            """, database: database)
        #expect(types == "tags:hstore\nx:jsonb\na:_text")
    }

    @Test func postgresSyntaxErrorCarriesServerMessage() throws {
        let cluster = try PostgresCluster.shared()
        let database = try cluster.makeDatabase(prefix: "harness_syntax")
        let error = #expect(throws: PostgresClusterError.self) {
            try cluster.runSQL(sql: "CREATE TABLE ok (x int);\nCREATE TABLE broken (x int,);\n", database: database)
        }
        let message = error?.description ?? ""
        #expect(message.contains(#"syntax error at or near ")""#), "got: \(message)")
        #expect(message.contains("<stdin>:2"), "got: \(message)")

        // Without checking, the failure comes back as a result.
        let result = try cluster.runSQL(sql: "SELEC 1;", database: database, checkExitCode: false)
        #expect(result.exitCode == 3)
        #expect(result.stderr.contains(#"syntax error at or near "SELEC""#))
    }

    @Test func postgresScriptRunsInOneTransaction() throws {
        let cluster = try PostgresCluster.shared()
        let database = try cluster.makeDatabase(prefix: "harness_tx")
        let directory = try ProcessRunner.makeTemporaryDirectory(prefix: "schemagen-harness-")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let file = directory + "/script.sql"
        try "CREATE TABLE first (x int);\nCREATE TABLE second (y nosuchtype);\n".write(
            toFile: file, atomically: true, encoding: .utf8)
        let error = #expect(throws: PostgresClusterError.self) {
            try cluster.runSQL(file: file, database: database)
        }
        #expect(
            error?.description.contains(#"type "nosuchtype" does not exist"#) == true,
            "got: \(String(describing: error))")
        // The first CREATE TABLE was rolled back with the rest.
        #expect(
            try cluster.query("SELECT count(*) FROM pg_tables WHERE tablename = 'first';", database: database) == "0")
    }

    @Test func postgresMissingExtensionMentionsContribPackage() throws {
        let cluster = try PostgresCluster.shared()
        let database = try cluster.makeDatabase(prefix: "harness_ext")
        let error = #expect(throws: PostgresClusterError.self) {
            try cluster.runSQL(sql: "CREATE EXTENSION schemagen_no_such_extension;", database: database)
        }
        #expect(error?.description.contains("postgresql-contrib") == true, "got: \(String(describing: error))")
    }

    @Test func sharedClusterStartsOnceUnderConcurrency() async throws {
        let ports = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<8 {
                group.addTask { try PostgresCluster.shared().port }
            }
            return try await group.reduce(into: Set<Int>()) { $0.insert($1) }
        }
        #expect(ports.count == 1)
        let cluster = try PostgresCluster.shared()
        // The server answering is the one found on disk, whatever its version.
        let major = try #require(PostgresBinaries.majorVersion(binDirectory: cluster.binDirectory))
        let versionNumber = try #require(Int(cluster.query("SHOW server_version_num;", database: "postgres")))
        #expect(versionNumber / 10_000 == major)
        #expect(try cluster.query("SHOW fsync;", database: "postgres") == "off")
        let names = (0..<50).map { _ in cluster.uniqueDatabaseName(prefix: "Harness Name!") }
        #expect(Set(names).count == names.count)
        #expect(names.allSatisfy { $0.hasPrefix("harness_name__") && $0.utf8.count <= 63 })
    }

    @Test func privateClusterStartsAndStops() throws {
        let cluster = try PostgresCluster.start()
        let root = cluster.rootDirectory
        #expect(try cluster.query("SELECT 40 + 2;", database: "postgres") == "42")
        cluster.stop()
        cluster.stop()
        #expect(!FileManager.default.fileExists(atPath: root))
        #expect(throws: PostgresClusterError.self) {
            try cluster.query("SELECT 1;", database: "postgres")
        }
    }

    // MARK: - SQLite

    @Test func sqliteEnforcesJsonValidCheck() throws {
        let shell = try SQLiteShell()
        try shell.run(
            script: """
                CREATE TABLE "aws_t" ("doc" TEXT CHECK (json_valid("doc")), "n" INTEGER);
                INSERT INTO "aws_t" VALUES ('{"a": [1, 2]}', 1);
                """)
        #expect(try shell.query(#"SELECT json_extract("doc", '$.a[1]'), "n" FROM "aws_t";"#) == "2|1")

        let error = #expect(throws: SQLiteShellError.self) {
            try shell.run(script: #"INSERT INTO "aws_t" VALUES ('{not json', 2);"#)
        }
        #expect(error?.description.contains("CHECK constraint failed") == true, "got: \(String(describing: error))")
        #expect(try shell.query(#"SELECT count(*) FROM "aws_t";"#) == "1")
    }

    @Test func sqliteSyntaxErrorStopsTheScript() throws {
        let shell = try SQLiteShell()
        let result = try shell.run(
            script: "CREATE TABLE a (x);\nCREATE TABLE b (x,);\nCREATE TABLE c (x);\n", checkExitCode: false)
        #expect(result.exitCode != 0)
        #expect(result.stderr.contains("near line 2"), "got: \(result.stderr)")
        #expect(result.stderr.contains("syntax error"), "got: \(result.stderr)")
        #expect(
            try shell.query("SELECT group_concat(name, ',') FROM (SELECT name FROM sqlite_master ORDER BY name);")
                == "a")
    }

    // MARK: - JSON Schema

    private static let validSchema = #"""
        {
          "$schema": "https://json-schema.org/draft/2020-12/schema",
          "$id": "https://example.com/schemagen/aws.t.json",
          "type": "object",
          "required": ["name", "created"],
          "additionalProperties": false,
          "properties": {
            "name": {"type": "string", "pattern": "^[a-z]+$"},
            "created": {"type": "string", "format": "date-time"},
            "tags": {"type": "object", "additionalProperties": {"type": "string"}},
            "items": {"type": "array", "items": {"$ref": "#/$defs/item"}}
          },
          "$defs": {
            "item": {"type": "object", "properties": {"size": {"type": "integer", "minimum": 0}}}
          }
        }
        """#

    private func writeSchemas(_ schemas: [String: String]) throws -> (directory: String, paths: [String: String]) {
        let directory = try ProcessRunner.makeTemporaryDirectory(prefix: "schemagen-harness-")
        var paths: [String: String] = [:]
        for (name, text) in schemas {
            let path = directory + "/" + name + ".json"
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            paths[name] = path
        }
        return (directory, paths)
    }

    @Test func validatorAcceptsAValidSchemaAndRejectsInvalidOnes() throws {
        let (directory, paths) = try writeSchemas([
            "valid": Self.validSchema,
            "badType": #"{"type": 12}"#,
            "badRef":
                ##"{"$schema": "https://json-schema.org/draft/2020-12/schema", "properties": {"a": {"$ref": "#/$defs/missing"}}}"##,
            "draft7": #"{"$schema": "http://json-schema.org/draft-07/schema#", "type": "string"}"#,
            "duplicate": #"{"type": "string", "type": "integer"}"#,
            "notJSON": #"{"type": "#,
        ])
        defer { try? FileManager.default.removeItem(atPath: directory) }

        try JSONSchemaValidator.checkSchema(paths["valid"]!)

        let error = #expect(throws: JSONSchemaValidatorError.self) {
            try JSONSchemaValidator.checkSchema(paths["badType"]!)
        }
        #expect(
            error?.description.contains("$.type: 12 is not valid under any of the given schemas") == true,
            "got: \(String(describing: error))")

        let names = ["valid", "badRef", "draft7", "duplicate", "notJSON"]
        let problems = try JSONSchemaValidator.schemaProblems(names.map { paths[$0]! })
        #expect(problems[0] == [])
        #expect(
            problems[1].count == 1
                && problems[1][0].contains(##"$.properties.a["$ref"]: reference "#/$defs/missing" does not resolve"##),
            "got: \(String(describing: problems[1]))")
        #expect(
            problems[2].count == 1 && problems[2][0].contains("draft-07"), "got: \(String(describing: problems[2]))")
        #expect(
            problems[3] == [#"$: duplicate key "type" in the schema file"#], "got: \(String(describing: problems[3]))")
        #expect(
            problems[4].count == 1 && problems[4][0].contains("JSONDecodeError"),
            "got: \(String(describing: problems[4]))")
    }

    @Test func validatorReportsInstanceErrors() throws {
        let (directory, paths) = try writeSchemas(["valid": Self.validSchema])
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let schema = paths["valid"]!

        #expect(
            try JSONSchemaValidator.validate(
                instanceJSON: #"{"name": "abc", "created": "2024-05-01T12:00:00Z"}"#,
                schemaPath: schema) == [])
        let typeErrors = try JSONSchemaValidator.validate(
            instanceJSON: #"{"name": 12, "created": "2024-05-01T12:00:00Z"}"#,
            schemaPath: schema)
        #expect(typeErrors == ["$.name: 12 is not of type 'string'"])

        // One Python run for the whole batch.
        let results = try JSONSchemaValidator.validate([
            .init(schemaPath: schema, instanceJSON: #"{"name": "abc", "created": "yesterday"}"#),
            .init(
                schemaPath: schema,
                instanceJSON: #"{"name": "abc", "created": "2024-05-01T12:00:00+02:00", "items": [{"size": -1}]}"#),
            .init(schemaPath: schema, instanceJSON: #"{"created": "2024-05-01T12:00:00Z", "extra": true}"#),
            .init(
                schemaPath: schema,
                instanceJSON: #"{"name": "ok", "created": "2024-05-01T12:00:00.5Z", "tags": {"k": "v"}}"#),
        ])
        #expect(results[0] == ["$.created: 'yesterday' is not a 'date-time'"])
        #expect(results[1] == ["$.items[0].size: -1 is less than the minimum of 0"])
        #expect(results[2].count == 2, "got: \(String(describing: results[2]))")
        #expect(
            results[2].contains { $0.contains("'name' is a required property") },
            "got: \(String(describing: results[2]))")
        #expect(
            results[2].contains { $0.contains("Additional properties are not allowed ('extra' was unexpected)") },
            "got: \(String(describing: results[2]))")
        #expect(results[3] == [])

        let notJSON = #expect(throws: JSONSchemaValidatorError.self) {
            try JSONSchemaValidator.validate(instanceJSON: "{oops", schemaPath: schema)
        }
        #expect(notJSON?.description.contains("not valid JSON") == true)
    }

    @Test func validatorChecksDateTimeFormat() throws {
        #expect(try JSONSchemaValidator.checkedFormats().contains("date-time"))
    }
}
