import Foundation
import Testing

@testable import SchemaGenKit

/// `schemagen.yml`: one test per key (the value read and its effect on the output), and the errors
/// for typos and bad values, each with its file, line and column.
@Suite struct ConfigLoaderTests {
    static func load(_ yaml: String, file: String = "conf/schemagen.yml") -> SchemaGenConfig {
        let (config, diagnostics) = ConfigLoader.parse(yaml, file: file)
        #expect(diagnostics.isEmpty, "\(diagnostics.map(\.formatted))")
        return config ?? SchemaGenConfig(file: file)
    }

    static func errors(_ yaml: String) -> [String] {
        let (config, diagnostics) = ConfigLoader.parse(yaml, file: "schemagen.yml")
        #expect(config == nil)
        return diagnostics.map(\.formatted)
    }

    /// One table with a string, a timestamp, a json, an hstore_csv and an array column.
    static let schema: Schema = {
        let types = ["string", "timestamp", "json", "hstore_csv", "array<int64>"]
        let columns = ["_key", "created_at", "config", "tags", "ports"]
        let fields = zip(columns, types).enumerated().map { i, pair in
            Field(name: pair.0, variant: "core", dataType: DataType(parsing: pair.1)!, description: "", line: 20 + i)
        }
        return Schema(tables: [
            Table(
                id: "aws.widget", title: "Widget", summary: "A widget.", deprecated: false,
                source: SourceLocation(file: "pages/aws.widget.md", line: 12), fields: fields)
        ])
    }()

    static func render(_ config: SchemaGenConfig) -> [String: String] {
        let (files, diagnostics) = Renderer(
            targets: Set(OutputTarget.allCases), templates: .bundled, options: config.options
        )
        .render(schema)
        #expect(!diagnostics.hasErrors)
        return Dictionary(uniqueKeysWithValues: files.map { ($0.path, String(decoding: $0.bytes, as: UTF8.self)) })
    }

    // MARK: one test per key

    @Test func inputsAreAListOrOneStringResolvedAgainstTheConfigFolder() {
        #expect(Self.load("inputs: [pages, /abs/pages]").inputs == ["conf/pages", "/abs/pages"])
        #expect(Self.load("inputs: page.md").inputs == ["conf/page.md"])
        #expect(Self.load("inputs: .", file: "schemagen.yml").inputs == ["."])
    }

    @Test func outputIsResolvedAgainstTheConfigFolder() {
        #expect(Self.load("output: Generated").output == "conf/Generated")
    }

    @Test func targetsAreAListOrACommaString() {
        #expect(Self.load("targets: [swift, sqlite]").targets == [.swift, .sqlite])
        #expect(Self.load("targets: postgres, jsonschema").targets == [.postgres, .jsonschema])
        #expect(
            Self.errors("targets: [swift, cobol]") == [
                "schemagen.yml:1:18: error: `targets` has unknown target `cobol` (known: swift, postgres, sqlite, jsonschema)"
            ])
    }

    @Test func templatesFolderIsResolvedAgainstTheConfigFolder() {
        #expect(Self.load("templates: my-templates").templates == "conf/my-templates")
    }

    @Test func swiftAccessSetsTheAccessLevel() {
        let config = Self.load("swift:\n  access: package")
        #expect(config.access == "package")
        #expect(Self.render(config)["swift/AWSWidget.swift"]!.contains("package struct AWSWidget"))
        #expect(
            Self.errors("swift:\n  access: open") == [
                "schemagen.yml:2:11: error: `swift.access` must be public, package or internal, not `open`"
            ])
    }

    @Test func swiftTypePrefixPrefixesTypeNamesAndFileNames() {
        let files = Self.render(Self.load("swift:\n  typePrefix: DD"))
        #expect(files["swift/DDAWSWidget.swift"]?.contains("public struct DDAWSWidget:") == true)
        #expect(
            Self.errors("swift:\n  typePrefix: 9x") == [
                "schemagen.yml:2:15: error: `swift.typePrefix` must start a Swift identifier (letters, digits, `_`), not `9x`"
            ])
    }

    @Test func swiftNamespaceNestsTypesInAnEnumDeclaredInTheSupportFile() {
        let files = Self.render(Self.load("swift:\n  namespace: DDSQL"))
        let table = files["swift/AWSWidget.swift"]!
        #expect(table.contains("\nextension DDSQL {\n    /// Widget\n"))
        #expect(table.contains("\n    public struct AWSWidget: Codable, Hashable, Sendable, DDSQLJSON.Row {\n"))
        #expect(table.hasSuffix("    }\n}\n"))
        #expect(files["swift/JSONValue.swift"]!.contains("public enum DDSQL {}"))
        #expect(Self.errors("swift:\n  namespace: JSONValue").count == 1)
    }

    @Test func swiftClientAddsTheDDSQLClientConformance() {
        let plain = Self.render(Self.load(""))
        #expect(!plain["swift/AWSWidget.swift"]!.contains("DDSQLClient"))
        #expect(plain["swift/JSONValue.swift"]!.contains("enum JSONValue"))
        let config = Self.load("swift:\n  client: true")
        #expect(config.options.client)
        let files = Self.render(config)
        let widget = files["swift/AWSWidget.swift"]!
        #expect(widget.contains("import DDSQLClient\n") && widget.contains("DDSQLGeneratedRow {"))
        #expect(
            widget.contains(
                "    public static var ddsqlColumns: [DDSQLColumn] {\n        DDSQLColumn.lines(#\"\"\"\n"
                    + "            _key VARCHAR\n            created_at TIMESTAMP\n            config JSON\n"
                    + "            tags HSTORE\n            ports BIGINT[]\n            \"\"\"#)\n    }\n"))
        #expect(
            widget.contains("        var row = DDSQLColumnReader(ddsqlRow)\n        try self.init(reading: &row)\n"))
        #expect(widget.contains("        self.key = row.optional(0, \"_key\")\n"))
        #expect(widget.contains("        self.ports = row.optional(4, \"ports\")\n        try row.finish()\n"))
        #expect(!widget.contains("ddsqlKeyPaths"))
        #expect(files["swift/JSONValue.swift"]!.contains("public typealias JSONValue = DDSQLClient.JSONValue\n"))
        #expect(!files["swift/JSONValue.swift"]!.contains("enum JSONValue"))
        #expect(
            Self.errors("swift:\n  client: maybe") == [
                "schemagen.yml:2:11: error: `swift.client` must be true or false"
            ])
    }

    @Test func swiftMutableAndFileNamesChooseBindingAndLayout() {
        #expect(Self.render(Self.load(""))["swift/AWSWidget.swift"]!.contains("    public let key: String?\n"))
        let config = Self.load("swift:\n  mutable: true\n  fileNames: service")
        #expect(config.options.mutable && config.options.swiftFileNames == .service)
        let files = Self.render(config)
        #expect(files["swift/AWSWidget.swift"] == nil)
        #expect(files["swift/aws.widget.swift"]!.contains("    public var key: String?\n"))
        #expect(
            Self.errors("swift:\n  mutable: yes please\n  fileNames: pages") == [
                "schemagen.yml:2:12: error: `swift.mutable` must be true or false",
                "schemagen.yml:3:14: error: `swift.fileNames` must be one of type, page, service, not `pages`",
            ])
    }

    @Test func swiftTypeNamesRenameTables() {
        let config = Self.load("swift:\n  typeNames:\n    aws.widget: Gadget")
        #expect(config.options.typeNames == ["aws.widget": "Gadget"])
        #expect(Self.render(config)["swift/Gadget.swift"]?.contains("struct Gadget:") == true)
        #expect(
            Self.errors("swift:\n  typeNames:\n    aws.widget: struct") == [
                "schemagen.yml:3:17: error: `swift.typeNames.aws.widget` must be a Swift type name, not `struct`"
            ])
    }

    @Test func swiftPropertyNamesRenameColumnsButKeepTheirJSONKeys() {
        let config = Self.load("swift:\n  propertyNames:\n    aws.widget:\n      _key: rowKey")
        let swift = Self.render(config)["swift/AWSWidget.swift"]!
        #expect(swift.contains("public let rowKey: String?"))
        #expect(swift.contains(#"self.rowKey = row.optional("_key")"#))
        #expect(swift.contains(#"visitor.column(lhs.rowKey, rhs.rowKey, "_key")"#))
        #expect(
            Self.errors("swift:\n  propertyNames:\n    aws.widget:\n      _key: hashValue") == [
                "schemagen.yml:4:13: error: `swift.propertyNames.aws.widget._key` must be a Swift identifier that a struct member can have, not `hashValue`"
            ])
    }

    @Test func swiftTypesOverrideByDDSQLTypeIncludingArrayElements() {
        let config = Self.load("swift:\n  types:\n    timestamp: String\n    int64: Int")
        let swift = Self.render(config)["swift/AWSWidget.swift"]!
        #expect(swift.contains("public let createdAt: String?"))
        #expect(swift.contains("public let ports: [Int]?"))
        #expect(
            Self.load("swift:\n  types:\n    array<int64>: \"[Int32]\"").options.swiftTypes == [
                "array<int64>": "[Int32]"
            ])
        #expect(
            Self.errors("swift:\n  types:\n    datetime: Date") == [
                "schemagen.yml:3:5: error: `swift.types` has unknown DDSQL type `datetime` (known: string, int64, float64, bool, timestamp, date, interval, json, hstore, hstore_csv, or array<T> of one)"
            ])
    }

    @Test func swiftColumnTypesOverrideOneColumnAndWinOverTypes() {
        let config = Self.load(
            """
            swift:
              types: {hstore_csv: "[Substring]"}
              columnTypes:
                aws.widget:
                  tags: "Set<String>"
            """)
        #expect(Self.render(config)["swift/AWSWidget.swift"]!.contains("public let tags: Set<String>?"))
        #expect(
            Self.errors("swift:\n  columnTypes:\n    aws.widget:\n      tags: String?") == [
                "schemagen.yml:4:13: error: `swift.columnTypes.aws.widget.tags` must be a non-optional Swift type such as `String` or `[String: String]`, not `String?` (the type itself must not be optional)"
            ])
    }

    @Test func swiftTypesMustBeSwiftTypeSyntax() {
        // Each of these passed the old character check and generated Swift that does not compile.
        let bad: [(String, String)] = [
            ("Str ing", "unexpected `ing`"), ("[String", "missing `]`"), ("String]", "unexpected `]`"),
            ("Int>", "unexpected `>`"), ("Set<>", "expected a type name at `>`"),
            ("Foo..Bar", "expected a type name at `.Bar`"),
            ("[String: ]", "expected a type name at `]`"), ("Dictionary<String, Int", "missing `>`"),
            ("1Type", "`1Type` starts with a digit"), ("[:]", "expected a type name at `:]`"),
            ("Foundation.", "a type name is missing at the end"), ("class", "`class` is a Swift keyword"),
            ("[String]?", "the type itself must not be optional"),
        ]
        for (value, problem) in bad {
            #expect(
                Self.errors("swift:\n  types:\n    timestamp: \"\(value)\"") == [
                    "schemagen.yml:3:16: error: `swift.types.timestamp` must be a non-optional Swift type such as `String` or "
                        + "`[String: String]`, not `\(value)` (\(problem))"
                ], "\(value)")
        }
        let good = [
            "String", "Foundation.URL", "[String: [Int?]]", "Set<String>", "Swift.Dictionary<String, [Int]>",
            "[ String : String ]", "Outer<Int>.Inner", "_Private",
        ]
        for value in good {
            #expect(
                Self.load("swift:\n  types:\n    timestamp: \"\(value)\"").options.swiftTypes == ["timestamp": value])
        }
    }

    @Test func requiredColumnsAgreeAcrossSwiftSQLAndJSONSchema() {
        let config = Self.load("required:\n  aws.widget: [_key, config]")
        let files = Self.render(config)
        let swift = files["swift/AWSWidget.swift"]!
        #expect(swift.contains("public let key: String\n"))
        #expect(swift.contains("public let config: JSONValue\n"))
        #expect(swift.contains("        key: String,\n"))
        #expect(swift.contains("public init(from decoder: any Decoder) throws"))
        #expect(files["sql/postgres.sql"]!.contains(#""_key" text NOT NULL,"#))
        #expect(files["sql/postgres.sql"]!.contains(#""config" jsonb NOT NULL,"#))
        #expect(files["sql/sqlite.sql"]!.contains(#""_key" TEXT NOT NULL,"#))
        let schema = files["jsonschema/aws.widget.schema.json"]!
        #expect(schema.contains(#""required": ["_key", "config"],"#))
        #expect(schema.contains(#""_key": {"type": "string"}"#))
        #expect(schema.contains(#""config": {"not": {"type": "null"}}"#))
        #expect(
            Self.errors("required:\n  aws.widget: _key") == [
                "schemagen.yml:2:15: error: `required.aws.widget` must be a list of column names"
            ])
    }

    // MARK: errors and references

    @Test func aTypoIsAnErrorWithItsLineAndASuggestion() {
        #expect(
            Self.errors("inputs: [a]\n\ntagets: [swift]\nswift:\n  acess: public\n") == [
                "schemagen.yml:3:1: error: unknown key `tagets` (did you mean `targets`?); known keys: inputs, output, targets, tables, templates, swift, required, unknownColumns, fetch",
                "schemagen.yml:5:3: error: unknown key `swift.acess` (did you mean `access`?); known keys of `swift`: access, typePrefix, namespace, mutable, client, fileNames, typeNames, propertyNames, types, columnTypes",
            ])
    }

    @Test func invalidYAMLAndWrongShapesAreErrorsWithLines() {
        #expect(Self.errors("inputs: [a\n").first?.hasPrefix("schemagen.yml:2:1: error: not valid YAML") == true)
        #expect(
            Self.errors("- a\n- b\n") == ["schemagen.yml:1:1: error: a config file must be a mapping of keys to values"]
        )
        #expect(Self.errors("output: [a, b]") == ["schemagen.yml:1:9: error: `output` must be a non-empty string"])
        #expect(Self.errors("output: a\noutput: b").first?.contains("written twice") == true)
    }

    @Test func namesNoPageDefinesAreWarnedAboutAtTheirLine() {
        let config = Self.load("required:\n  aws.widget: [_key, nope]\n  aws.gone: [x]\n", file: "schemagen.yml")
        let warnings = ConfigReference.check(config.references, against: Self.schema).map(\.formatted)
        #expect(
            warnings == [
                "schemagen.yml:2:22: warning: `required` names column `nope`, which table `aws.widget` does not have",
                "schemagen.yml:3:3: warning: `required` names table `aws.gone`, which no input defines",
            ])
    }

    @Test func anEmptyFileSetsNothing() {
        let config = Self.load("")
        #expect(
            config.inputs == nil && config.output == nil && config.targets == nil && config.options == RenderOptions())
    }

    @Test func theStarterConfigLoadsAndMentionsEveryKey() {
        let config = Self.load(StarterConfig.text, file: "schemagen.yml")
        #expect(config.inputs == ["docs-input"])
        #expect(config.output == "Generated")
        for key in SchemaGenConfig.topLevelKeys + SchemaGenConfig.swiftKeys {
            #expect(StarterConfig.text.contains("\(key):"), "\(key)")
        }
        // With the examples uncommented (all but the prose lines), it is valid too.
        let example = /^( *)# ( *[A-Za-z0-9_.]+:( .*)?)$/
        let uncommented = StarterConfig.text.split(separator: "\n").map { line -> String in
            guard let match = line.wholeMatch(of: example) else { return String(line) }
            return String(match.1 + match.2)
        }.joined(separator: "\n")
        let full = Self.load(uncommented, file: "schemagen.yml")
        #expect(full.options.namespace == "DDSQL" && full.options.typePrefix == "DD")
        #expect(full.options.requiredColumns == ["aws.ec2_instance": ["_key", "instance_id"]])
        #expect(full.templates == "templates")
    }

    // MARK: command line over config

    @Test func commandLineValuesWinOverTheConfig() throws {
        let config = Self.load("inputs: [a]\noutput: o\ntargets: [sqlite]\ntemplates: t\nswift:\n  access: internal")
        let fromConfig = try GenerationRequest.configured(config: config, commandLine: CommandLineSettings()).get()
        #expect(fromConfig.inputs == ["conf/a"] && fromConfig.outputDirectory == "conf/o")
        #expect(fromConfig.targets == [.sqlite] && fromConfig.templatesDirectory == "conf/t")
        #expect(fromConfig.options.access == "internal")
        let overridden = try GenerationRequest.configured(
            config: config,
            commandLine: CommandLineSettings(
                inputs: ["b"], output: "p", targets: [.swift], templates: "u", access: "public", swiftFileNames: .page)
        ).get()
        #expect(overridden.inputs == ["b"] && overridden.outputDirectory == "p" && overridden.targets == [.swift])
        #expect(overridden.templatesDirectory == "u" && overridden.options.access == "public")
        #expect(overridden.options.swiftFileNames == .page)
        #expect(throws: ConfigurationError.self) {
            try GenerationRequest.configured(config: nil, commandLine: CommandLineSettings(inputs: ["a"])).get()
        }
    }
}
