import Testing

@testable import SchemaGenKit

/// The generated client code's decisions (`swift.client`): each column's API type and a table function's
/// `Parameters`, taken from what the page lists.
struct SwiftClientModelTests {
    @Test func apiTypesFollowThePageTypes() {
        let cases: [(String, String)] = [
            ("string", ".varchar"), ("int64", ".bigint"), ("float64", ".decimal"), ("bool", ".boolean"),
            ("timestamp", ".timestamp"), ("date", ".date"), ("json", ".json"), ("hstore", ".hstore"),
            ("hstore_csv", ".hstore"), ("interval", #""INTERVAL""#), ("geo_point", #""GEO_POINT""#),
            ("array<string>", ".array(.varchar)"), ("array<hstore_csv>", ".array(.hstore)"),
            ("array<interval>", #".array("INTERVAL")"#),
        ]
        for (spelling, expected) in cases {
            #expect(SwiftModelBuilder.apiTypeExpression(DataType(parsing: spelling)!) == expected, "\(spelling)")
        }
    }

    /// json columns are `JSONText` in client code (kept as text, parsed on access), `JSONValue` otherwise; a type
    /// schemagen does not know stays `JSONValue`, and `swift.types` can map json back to `JSONValue`.
    @Test func jsonColumnsAreJSONTextWithTheClient() {
        func swiftType(_ spelling: String, _ options: RenderOptions) -> String {
            options.swiftType(table: "t", column: "c", type: DataType(parsing: spelling)!)
        }
        let client = RenderOptions(client: true)
        let plain = RenderOptions()
        #expect(swiftType("json", client) == "JSONText")
        #expect(swiftType("array<json>", client) == "[JSONText]")
        #expect(swiftType("geo_point", client) == "JSONValue")
        #expect(swiftType("json", plain) == "JSONValue")
        #expect(swiftType("array<json>", plain) == "[JSONValue]")
        #expect(swiftType("json", RenderOptions(swiftTypes: ["json": "JSONValue"], client: true)) == "JSONValue")
    }

    @Test func parametersAreThePagesButTheColumnList() {
        let parameters = [
            QueryParameter(name: "columns", type: "array<string>", required: true, description: "Fields.", line: 1),
            QueryParameter(name: "filter", type: "string", required: false, description: "Search.", line: 2),
            QueryParameter(name: "max_rows", type: "int64", required: true, description: "", line: 3),
            QueryParameter(name: "sampled", type: "bool", required: false, description: "", line: 4),
            QueryParameter(name: "from", type: "timestamp", required: false, description: "", line: 5),
            QueryParameter(name: "arguments", type: "array<string>", required: false, description: "", line: 6),
        ]
        let (arguments, columns) = SwiftModelBuilder.arguments(of: parameters)
        #expect(columns == "columns")
        #expect(arguments.map(\.parameter) == ["filter", "max_rows", "sampled", "from", "arguments"])
        #expect(arguments.map(\.declaredType) == ["String?", "Int64", "Bool?", "String?", "[String]?"])
        #expect(arguments.map(\.isSQLText) == [false, false, false, true, false])
        // `arguments` is the struct's own member: the parameter gets another name.
        #expect(arguments.map(\.escapedName) == ["filter", "maxRows", "sampled", "from", "arguments2"])
    }

    @Test func aTableFunctionGetsItsParametersOnlyWithTheClient() {
        let table = Table(
            id: "dd.events", title: "Events", summary: "", deprecated: false,
            source: SourceLocation(file: "dd.events.md", line: 1),
            fields: [
                Field(
                    name: "@http.status_code", variant: "core", dataType: DataType(parsing: "int64")!,
                    description: "", line: 9)
            ],
            queryParameters: [
                QueryParameter(name: "columns", type: "array<string>", required: true, description: "", line: 3),
                QueryParameter(name: "filter", type: "string", required: false, description: "", line: 4),
            ])
        let schema = Schema(tables: [table])
        let plain = SwiftModelBuilder.build(schema).tables[0]
        #expect(plain.columnsParameter == nil && plain.arguments.isEmpty)
        let client = SwiftModelBuilder.build(schema, options: RenderOptions(client: true)).tables[0]
        #expect(client.columnsParameter == "columns" && client.arguments.map(\.parameter) == ["filter"])
        let renderer = Renderer(targets: [.swift], templates: .bundled, options: RenderOptions(client: true))
        let file = renderer.render(schema).files.first { $0.path == "swift/DDEvents.swift" }!
        let text = String(decoding: file.bytes, as: UTF8.self)
        #expect(text.contains("    public static let ddsqlIsTableFunction = true\n"))
        #expect(text.contains("            if let filter { arguments.append(DDSQLArgument(\"filter\", filter)) }\n"))
        #expect(text.contains(".tableFunction(parameters.arguments, columnsParameter: \"columns\")"))
    }
}
