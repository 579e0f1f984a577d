import Foundation
import Testing

@testable import SchemaGenKit

/// One rule for a row carrying a column its page does not list, checked with the real consumers:
/// by default the generated Swift decodes it and the JSON Schema accepts it; with
/// `unknownColumns: reject` both refuse it. `diff` rates an added column by the same rule.
@Suite(.serialized) struct UnknownColumnsConsumerTests {
    static let schema = Schema(tables: [
        Table(
            id: "aws.unknown_widget", title: "Widget", summary: "Unknown columns.", deprecated: false,
            source: SourceLocation(file: "widget.md", line: 12),
            fields: [
                Field(name: "name", variant: "core", dataType: DataType(parsing: "string")!, description: "", line: 20),
                Field(name: "size", variant: "core", dataType: DataType(parsing: "int64")!, description: "", line: 21),
            ])
    ])

    static let known = #"{"name": "w", "size": 3}"#
    static let withNewColumn = #"{"name": "w", "size": 3, "added_upstream": true}"#

    /// What each consumer says about `known` and `withNewColumn` under `policy`.
    static func verdicts(_ policy: UnknownColumns) throws -> (jsonSchema: [Bool], swift: [String]) {
        let options = RenderOptions(unknownColumns: policy)
        let check = try ConsumerCheck(
            schema: schema,
            renderer: Renderer(targets: [.swift, .jsonschema], templates: .bundled, options: options))
        let schemaPath = check.root + "/jsonschema/aws.unknown_widget.schema.json"
        let results = try JSONSchemaValidator.validate([
            .init(schemaPath: schemaPath, instanceJSON: known),
            .init(schemaPath: schemaPath, instanceJSON: withNewColumn),
        ])
        let scratch = try TemporaryDirectory()
        let program = """
            import Foundation
            for row in CommandLine.arguments.dropFirst() {
                do {
                    let widget = try DDSQLJSON.decoder().decode(AWSUnknownWidget.self, from: Data(row.utf8))
                    print("accepted \\(widget.name ?? "-")")
                } catch {
                    print("rejected \\(error)")
                }
            }
            """
        let executable = try SwiftCompiler.buildExecutable(
            sources: check.root + "/swift", main: program, in: scratch.path)
        let output = try ProcessRunner.run(executable, [known, withNewColumn], timeout: 60).stdout
        return (results.map(\.isEmpty), output.split(separator: "\n").map(String.init))
    }

    @Test func byDefaultEveryOutputAcceptsANewColumn() throws {
        let (jsonSchema, swift) = try Self.verdicts(.ignore)
        #expect(jsonSchema == [true, true])
        #expect(swift == ["accepted w", "accepted w"])
    }

    @Test func onRequestEveryOutputRejectsANewColumn() throws {
        let (jsonSchema, swift) = try Self.verdicts(.reject)
        #expect(jsonSchema == [true, false])
        #expect(swift.count == 2 && swift[0] == "accepted w")
        #expect(
            swift.last?.hasPrefix("rejected") == true
                && swift.last?.contains("unknown column `added_upstream`") == true,
            "\(swift)")
    }

    @Test func theDiffRatesAnAddedColumnByTheSameRule() throws {
        let old = Schema(tables: [
            Table(
                id: "aws.unknown_widget", title: "Widget", summary: "Unknown columns.", deprecated: false,
                source: SourceLocation(file: "widget.md", line: 12), fields: [Self.schema.tables[0].fields[0]])
        ])
        let tolerant = SchemaDiffer.diff(old: old, new: Self.schema)
        #expect(tolerant.map(\.rule.id) == ["field-added"])
        #expect(tolerant.first?.severity == .info && tolerant.first?.rule.consumers == [])
        let strict = SchemaDiffer.diff(old: old, new: Self.schema, unknownColumns: .reject)
        #expect(strict.first?.severity == .warning && strict.first?.rule.consumers == [.json])
    }

    @Test func theConfigAndTheCommandLineSetIt() throws {
        let (config, diagnostics) = ConfigLoader.parse("unknownColumns: reject", file: "schemagen.yml")
        #expect(diagnostics.isEmpty && config?.options.unknownColumns == .reject)
        let (_, bad) = ConfigLoader.parse("unknownColumns: strict", file: "schemagen.yml")
        #expect(
            bad.map(\.formatted) == [
                "schemagen.yml:1:17: error: `unknownColumns` must be ignore or reject, not `strict`"
            ])
        let dir = try TemporaryDirectory()
        try dir.write("pages/aws.widget.md", markdownPage(rows: ["| a | core | string | A. |"]))
        let run = try CommandLineTool.run(
            ["pages", "--out", "out", "--quiet", "--targets", "jsonschema", "--unknown-columns", "reject"], in: dir.path
        )
        #expect(run.status == 0, "\(run.stderr)")
        let text = try String(contentsOfFile: dir.path + "/out/jsonschema/aws.widget.schema.json", encoding: .utf8)
        #expect(text.contains(#""additionalProperties": false"#))
        let check = try CommandLineTool.run(
            ["check", "pages", "--out", "out", "--targets", "jsonschema", "--unknown-columns", "reject"], in: dir.path)
        #expect(check.status == 0, "\(check.stdoutText)")
    }
}
