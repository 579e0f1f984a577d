import Foundation
import Testing

@testable import SchemaGenKit

/// Column names that are Swift keywords, clash with what a generated struct already has, or are
/// not identifiers at all: each must give Swift that compiles and SQL that loads.
@Suite(.serialized) struct TrickyNamesTests {
    static func schema(columns: [String]) -> Schema {
        let fields = columns.enumerated().map { i, name in
            Field(
                name: name, variant: "core", dataType: DataType(parsing: i % 2 == 0 ? "string" : "int64")!,
                description: "Column \(name).", line: 19 + i)
        }
        let table = Table(
            id: "aws.tricky_names", title: "Tricky", summary: "Names.", deprecated: false,
            source: SourceLocation(file: "tricky.md", line: 12),
            fields: fields + [
                Field(name: "plain", variant: "core", dataType: DataType(parsing: "bool")!, description: "", line: 99)
            ])
        return Schema(tables: [table])
    }

    @Test(arguments: ["protocol", "default", "self", "@http.status_code"])
    func columnCompilesInSwiftAndLoadsInSQL(_ column: String) throws {
        let check = try ConsumerCheck(schema: Self.schema(columns: [column]))
        try check.swiftRoundTrip()
        try check.postgresLoad()
        try check.sqliteLoad()
        try check.jsonSchemaValidation()
    }

    @Test func manyClashesAtOnce() throws {
        let columns = [
            "init", "Type", "hash_value", "table_id", "coding_keys", "encoder", "container", "foo_bar", "foo.bar",
            "fooBar", "1st_place", "@@@", "_", "class", "await", "Protocol", "description", "self_", "JSONValue",
        ]
        let check = try ConsumerCheck(schema: Self.schema(columns: columns))
        try check.swiftRoundTrip()
        try check.postgresLoad()
        try check.sqliteLoad()
    }

    /// With `swift.client`, column names that stay unchanged on a line of a raw string literal are written as
    /// `name TYPE` lines, and a table with any other name gets the array literal; both read the API's columns
    /// by those exact names (the round trip reads every sample row from an API response).
    @Test func clientColumnListsInBothFormsCompileAndReadTheirColumns() throws {
        let lines = Self.schema(columns: [
            "a b", "\"\"\"quoted\"\"\"", "caf\u{E9}", " lead", "trail ", "@http.status_code", "x[]", "%d {}",
        ]).tables[0]
        var array = Self.schema(columns: ["hash#tag", "back\\slash", "two\nlines", "tab\there", "ok"]).tables[0]
        array.id = "aws.tricky_array"
        array.name = "tricky_array"
        let options = RenderOptions(client: true)
        let check = try ConsumerCheck(
            schema: Schema(tables: [lines, array]),
            renderer: Renderer(targets: [.swift], templates: .bundled, options: options))
        func file(_ path: String) -> String {
            String(decoding: check.files.first { $0.path == path }?.bytes ?? [], as: UTF8.self)
        }
        #expect(
            file("swift/AWSTrickyNames.swift").contains(
                "static var ddsqlColumns: [DDSQLColumn] {\n        DDSQLColumn.lines(#\"\"\""))
        #expect(file("swift/AWSTrickyArray.swift").contains("static var ddsqlColumns: [DDSQLColumn] {\n        [\n"))
        try check.swiftRoundTrip()
    }

    @Test func collisionsAreResolvedInPageOrderWithAWarning() {
        let (models, diagnostics) = SwiftModelBuilder.build(Self.schema(columns: ["foo_bar", "foo.bar", "@foo_bar"]))
        #expect(models[0].properties.map(\.name) == ["fooBar", "fooBar2", "fooBar3", "plain"])
        #expect(
            diagnostics.map(\.formatted) == [
                "tricky.md:20:1: warning: column `foo.bar` of `aws.tricky_names` becomes Swift property `fooBar`, which another column already has; using `fooBar2`",
                "tricky.md:21:1: warning: column `@foo_bar` of `aws.tricky_names` becomes Swift property `fooBar`, which another column already has; using `fooBar3`",
            ])
    }
}
