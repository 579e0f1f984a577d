import Foundation
import Testing

@testable import SchemaGenKit

/// Required columns (`required:` in schemagen.yml) through the real consumers: the Swift compiles and
/// round-trips a row, PostgreSQL and SQLite load it, JSON Schema accepts it, and all of them reject
/// the row with a required column set to null.
@Suite(.serialized) struct RequiredColumnsConsumerTests {
    /// Every column type, as in the sample rows; the required ones are those whose sample is not null.
    static let schema: Schema = {
        let types = [
            "string", "int64", "float64", "timestamp", "json", "hstore", "hstore_csv", "array<string>", "bool",
        ]
        let fields = types.enumerated().map { i, type in
            Field(
                name: "c\(i)_\(type.replacingOccurrences(of: "<", with: "_").replacingOccurrences(of: ">", with: ""))",
                variant: "core", dataType: DataType(parsing: type)!, description: "", line: 20 + i)
        }
        return Schema(tables: [
            Table(
                id: "aws.required_widget", title: "Required", summary: "Required columns.", deprecated: false,
                source: SourceLocation(file: "required.md", line: 12), fields: fields)
        ])
    }()

    static var requiredColumns: Set<String> {
        Set(schema.tables[0].fields.enumerated().filter { i, _ in i % 4 != 3 }.map(\.element.name))
    }

    static let options = RenderOptions(requiredColumns: ["aws.required_widget": requiredColumns])

    @Test func requiredColumnsLoadEverywhere() throws {
        let check = try ConsumerCheck(
            schema: Self.schema,
            renderer: Renderer(targets: Set(OutputTarget.allCases), templates: .bundled, options: Self.options))
        try check.swiftRoundTrip()
        try check.postgresLoad()
        try check.sqliteLoad()
        try check.jsonSchemaValidation()
    }

    @Test func aNullInARequiredColumnIsRejectedEverywhere() throws {
        let check = try ConsumerCheck(
            schema: Self.schema,
            renderer: Renderer(targets: Set(OutputTarget.allCases), templates: .bundled, options: Self.options))
        let row = check.rows[0]
        // c0_string is required: the sample row with it set to null.
        let nullRow = try JSONSerialization.jsonObject(with: Data(row.json.utf8)) as! [String: Any]
        var broken = nullRow
        broken["c0_string"] = NSNull()
        let brokenJSON = String(decoding: try JSONSerialization.data(withJSONObject: broken), as: UTF8.self)

        let results = try JSONSchemaValidator.validate([
            .init(schemaPath: check.root + "/jsonschema/aws.required_widget.schema.json", instanceJSON: brokenJSON)
        ])
        #expect(!results[0].isEmpty, "JSON Schema accepts null in a required column")

        let shell = try SQLiteShell()
        try shell.run(file: check.root + "/sql/sqlite.sql")
        #expect(throws: (any Error).self) {
            try shell.run(script: #"INSERT INTO "aws.required_widget" ("c0_string") VALUES (NULL);"#)
        }

        let cluster = try PostgresCluster.shared()
        let database = try cluster.makeDatabase(prefix: "req")
        _ = try cluster.runSQL(file: check.root + "/sql/postgres.sql", database: database, singleTransaction: false)
        #expect(throws: (any Error).self) {
            _ = try cluster.runSQL(
                sql: #"INSERT INTO "aws"."required_widget" ("c0_string") VALUES (NULL);"#, database: database)
        }

        let scratch = try TemporaryDirectory()
        let program = """
            import Foundation
            let row = CommandLine.arguments[1]
            do {
                _ = try DDSQLJSON.decoder().decode(AWSRequiredWidget.self, from: Data(row.utf8))
                print("accepted")
            } catch {
                print("rejected")
            }
            """
        let executable = try SwiftCompiler.buildExecutable(
            sources: check.root + "/swift", main: program, in: scratch.path)
        #expect(try ProcessRunner.run(executable, [brokenJSON], timeout: 60).stdout == "rejected\n")
        #expect(try ProcessRunner.run(executable, [row.json], timeout: 60).stdout == "accepted\n")
    }
}
