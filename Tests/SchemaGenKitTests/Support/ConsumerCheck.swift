import Foundation
import Testing

@testable import SchemaGenKit

/// Renders a schema to a temporary folder and puts each output through its real consumer:
/// swiftc (Swift 6, warnings as errors) plus a decode/encode round trip of a sample row per table,
/// a live PostgreSQL, sqlite3, and Python's jsonschema (draft 2020-12).
struct ConsumerCheck: Sendable {
    let schema: Schema
    let output: TemporaryDirectory
    let files: [OutputFile]
    let rows: [SampleRow]
    let options: RenderOptions

    init(schema: Schema, renderer: Renderer = Renderer()) throws {
        self.schema = schema
        options = renderer.options
        output = try TemporaryDirectory()
        let (files, diagnostics) = renderer.render(schema)
        #expect(!diagnostics.hasErrors, "\(diagnostics.map(\.formatted))")
        self.files = files
        for file in files { try output.write(file.path, bytes: file.bytes) }
        rows = schema.tables.map(SampleRow.init)
    }

    var root: String { output.path }

    /// Compiles the Swift and checks each sample row decodes and encodes back unchanged.
    func swiftRoundTrip() throws {
        let (models, _) = SwiftModelBuilder.build(schema, options: options)
        let program = SwiftCompiler.roundTripProgram(
            typesByTableID: models.map { ($0.tableID, Self.qualifiedName($0)) }, client: options.client,
            propertiesByTableID: models.map { ($0.tableID, $0.properties.map(\.escapedName)) })
        let scratch = try TemporaryDirectory()
        let client = options.client ? try SwiftCompiler.buildClientLibrary(in: scratch.path) : nil
        let executable = try SwiftCompiler.buildExecutable(
            sources: root + "/swift", main: program, in: scratch.path, client: client)
        let rowsFile = try scratch.write(
            "rows.json",
            "{" + rows.map { Escaping.jsonString($0.table.id) + ":" + $0.json }.joined(separator: ",") + "}")
        let result = try ProcessRunner.run(executable, [rowsFile], timeout: 120)
        #expect(result.succeeded, "\(result)")
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.count == rows.count)
        for (line, row) in zip(lines, rows) {
            let parts = line.split(separator: "\t", maxSplits: 2)
            #expect(parts.count == 3, "\(line)")
            // Every sample row has a value in some column, so an all-null row must differ from it.
            let verdict = parts.count == 3 ? String(parts[1]) : ""
            // A table with a required column does not decode from `{}`.
            let hasRequired = row.table.fields.contains { options.isRequired(table: row.table.id, column: $0.name) }
            #expect(verdict == (hasRequired ? "same" : "same empty-differs"), "\(row.table.id): \(verdict)")
            let encoded = try JSONTree.parse(String(parts.last ?? ""))
            #expect(encoded == (try JSONTree.parse(row.json)), "\(row.table.id): \(line) != \(row.json)")
        }
        if client != nil { try apiRead(executable: executable, scratch: scratch) }
    }

    /// The type's name as code outside its namespace writes it.
    static func qualifiedName(_ model: SwiftTableModel) -> String {
        (model.namespace.map { $0 + "." } ?? "") + model.typeName
    }

    /// Reads each sample row from a DDSQL API response into its struct with DDSQLClient and checks it encodes
    /// as the sample's row JSON: the two JSON forms of a row give the same struct.
    private func apiRead(executable: String, scratch: TemporaryDirectory) throws {
        let responses = try scratch.write(
            "responses.json",
            "{" + rows.map { Escaping.jsonString($0.table.id) + ":" + $0.apiResponse }.joined(separator: ",") + "}")
        let result = try ProcessRunner.run(executable, [responses, "api"], timeout: 120)
        #expect(result.succeeded, "\(result)")
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.count == rows.count)
        for (line, row) in zip(lines, rows) {
            let encoded = try JSONTree.parse(String(line.split(separator: "\t", maxSplits: 1).last ?? ""))
            #expect(encoded == (try JSONTree.parse(row.json)), "\(row.table.id): \(line) != \(row.json)")
        }
    }

    /// Loads `postgres.sql` into a fresh database of the shared test cluster, inserts every sample
    /// row, and checks the catalog holds exactly the schema's columns with their types.
    func postgresLoad() throws {
        let cluster = try PostgresCluster.shared()
        let database = try cluster.makeDatabase(prefix: "gen")
        _ = try cluster.runSQL(file: root + "/sql/postgres.sql", database: database, singleTransaction: false)
        let inserts = rows.map(\.postgresInsert).joined(separator: "\n")
        _ = try cluster.runSQL(sql: inserts, database: database)
        for row in rows {
            let count = try cluster.query(
                "SELECT count(*) FROM \(Escaping.sqlIdentifier(row.table.namespace)).\(Escaping.sqlIdentifier(row.table.name));",
                database: database)
            #expect(count == "1", "\(row.table.id)")
        }
        let catalog = try cluster.query(
            """
            SELECT table_schema || '.' || table_name || '|' || column_name || '|' || format_type(a.atttypid, a.atttypmod)
            FROM information_schema.columns c
            JOIN pg_attribute a ON a.attrelid = (quote_ident(c.table_schema) || '.' || quote_ident(c.table_name))::regclass
              AND a.attname = c.column_name
            WHERE table_schema NOT IN ('pg_catalog', 'information_schema')
            ORDER BY convert_to(table_schema, 'UTF8'), convert_to(table_name, 'UTF8'), c.ordinal_position;
            """, database: database)
        // PostgreSQL cannot store NUL: schemagen writes U+FFFD in its place.
        func stored(_ name: String) -> String { name.replacingOccurrences(of: "\u{0}", with: "\u{FFFD}") }
        let expected = schema.tables
            .sorted { a, b in
                // Byte order, schema first: what the query's ORDER BY convert_to(...) gives.
                let keyA = Array(stored(a.namespace).utf8) + [0] + Array(stored(a.name).utf8)
                let keyB = Array(stored(b.namespace).utf8) + [0] + Array(stored(b.name).utf8)
                return keyA.lexicographicallyPrecedes(keyB)
            }
            .flatMap { t in
                t.fields.map {
                    "\(stored(t.namespace)).\(stored(t.name))|\(stored($0.name))|"
                        + TypeMapping.postgresType($0.dataType).replacingOccurrences(
                            of: "timestamp", with: "timestamp without time zone")
                }
            }
        #expect(catalog.split(separator: "\n").map(String.init) == expected)
    }

    /// Loads `sqlite.sql` with `-bail` and inserts every sample row.
    func sqliteLoad() throws {
        let shell = try SQLiteShell()
        try shell.run(file: root + "/sql/sqlite.sql")
        try shell.run(script: rows.map(\.sqliteInsert).joined(separator: "\n"))
        for row in rows {
            #expect(try shell.query("SELECT count(*) FROM \(Escaping.sqlIdentifier(row.table.id));") == "1")
        }
    }

    /// Every schema is valid draft 2020-12, accepts its sample row and rejects a wrong-typed one.
    func jsonSchemaValidation() throws {
        let models = JSONSchemaModelBuilder.build(schema).tables
        let paths = models.map { root + "/" + $0.fileName }
        let problems = try JSONSchemaValidator.schemaProblems(paths)
        for (path, found) in zip(paths, problems) { #expect(found.isEmpty, "\(path): \(found)") }
        var jobs: [JSONSchemaValidator.Job] = []
        for (path, row) in zip(paths, rows) {
            jobs.append(.init(schemaPath: path, instanceJSON: row.json))
            jobs.append(.init(schemaPath: path, instanceJSON: row.jsonWithWrongType))
        }
        let results = try JSONSchemaValidator.validate(jobs)
        for (i, row) in rows.enumerated() {
            #expect(results[2 * i].isEmpty, "\(row.table.id) rejects its sample row: \(results[2 * i])")
            #expect(!results[2 * i + 1].isEmpty, "\(row.table.id) accepts a wrong-typed row")
        }
    }
}
