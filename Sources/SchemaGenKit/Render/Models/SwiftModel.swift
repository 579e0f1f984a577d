/// What the Swift templates see of one table: names and types already decided, so a template only
/// lays text out and cannot get naming or escaping wrong.
public struct SwiftTableModel: Sendable, Hashable {
    public var tableID: String
    public var typeName: String
    /// `swift/<typeName>.swift`, unique even on case-insensitive file systems; with
    /// `--swift-file-names service`, the file of the table's service, which its other tables share.
    public var fileName: String
    public var title: String
    public var summary: String
    public var deprecated: Bool
    /// What `@available(*, deprecated, message:)` says: the page's banner, or a sentence of ours when it has no
    /// text; empty when the table is not deprecated.
    public var deprecationMessage: String = ""
    /// The page's file name (not its path, which differs between machines).
    public var sourceFile: String
    public var properties: [SwiftPropertyModel]
    /// The enum the type is declared in (`DDSQL`), if the user asked for one.
    public var namespace: String? = nil
    /// `unknownColumns: reject`: decoding a row with a column the page does not list throws.
    public var rejectsUnknownColumns: Bool = false
    /// The `DDSQLClient` conformance is generated too (`swift.client`).
    public var client: Bool = false
    /// A table function's arguments besides its column list (`filter`, `indexes`, ...), as the page lists them.
    public var arguments: [SwiftArgumentModel] = []
    /// The table function's parameter that takes the column list (`columns`); nil for a plain table.
    public var columnsParameter: String? = nil

    /// `ddsqlColumns` can be written as lines of `name TYPE` in one raw string literal, which costs the compiler
    /// about as much as any one literal, where an array literal costs it code per column: every name and type
    /// stays on its line unchanged (no line break, control character, `\` or `#`) and every type is one word.
    public var columnLines: Bool {
        properties.allSatisfy {
            Self.fitsALine($0.column) && Self.fitsALine($0.apiTypeName) && !$0.apiTypeName.isEmpty
                && !$0.apiTypeName.contains(" ")
        }
    }

    private static func fitsALine(_ text: String) -> Bool {
        !text.unicodeScalars.contains {
            $0.value < 0x20 || $0.value == 0x7F || $0 == "\\" || $0 == "#" || $0 == "\u{2028}" || $0 == "\u{2029}"
                || $0 == "\u{85}"
        }
    }
}

/// One argument of a table function, a property of the generated `Parameters` struct.
public struct SwiftArgumentModel: Sendable, Hashable {
    /// The parameter's name on the page: what the call writes (`from_timestamp => ...`).
    public var parameter: String
    public var name: String
    public var escapedName: String
    /// `String`, `[String]`, `Int64` or `Bool`; any other page type is SQL text (`String`).
    public var swiftType: String
    /// The value is SQL text written as it is (`DDSQLArgument(_:sql:)`), not a literal.
    public var isSQLText: Bool
    public var isRequired: Bool
    public var description: String

    public var declaredType: String { isRequired ? swiftType : swiftType + "?" }
}

public struct SwiftPropertyModel: Sendable, Hashable {
    /// The exact column name: the JSON key.
    public var column: String
    /// The Swift name without backquotes (`protocol`, `httpStatusCode`).
    public var name: String
    /// The name as written in source (`` `protocol` ``).
    public var escapedName: String
    /// The non-optional Swift type; the property is optional unless `isRequired`.
    public var swiftType: String
    public var dataType: String
    public var variant: String
    public var title: String?
    public var description: String
    /// A column the user marked required: a non-optional property with no default.
    public var isRequired: Bool = false
    /// The column's DDSQL API type as a Swift `DDSQLColumnType` expression (`.varchar`, `.array(.bigint)`).
    public var apiType: String = ""
    /// The column's DDSQL API type by name (`VARCHAR`, `BIGINT[]`), for the column lines of `ddsqlColumns`.
    public var apiTypeName: String = ""

    /// The property's type as declared: `String?`, or `String` when required.
    public var declaredType: String { isRequired ? swiftType : swiftType + "?" }
}

/// A table's Swift names, decided across the catalog: its type and file, and each column's property.
public struct SwiftTableNames: Sendable {
    public var table: Table
    public var typeName: String
    public var fileName: String
    /// The property of each column, in column order, unique within the table.
    public var propertyNames: [String]
}

/// Builds Swift models for a whole schema: type names must be unique across tables, property names
/// within a table. Later claimants get a numeric suffix and a warning pointing at the page.
public enum SwiftModelBuilder {
    public static func build(
        _ schema: Schema, options: RenderOptions = RenderOptions()
    ) -> (tables: [SwiftTableModel], diagnostics: [Diagnostic]) {
        let (named, diagnostics) = names(schema, options: options)
        return (named.parallelMap(chunk: 32) { model($0, options: options) }, diagnostics)
    }

    /// Every table's names, in table order, and the warnings for names that were taken. Names across
    /// tables are claimed in table order, one table after another; each table's properties depend on
    /// that table alone and are named on all cores.
    public static func names(
        _ schema: Schema, options: RenderOptions = RenderOptions()
    ) -> (tables: [SwiftTableNames], diagnostics: [Diagnostic]) {
        let named = claimTypeAndFileNames(schema.tables, options: options)
        let properties = Array(named.indices).parallelChunks(chunk: 32) { run in
            // Most column names recur across tables (`_key`, `account_id`, `tags`): each is converted
            // once per run of tables.
            var convertedNames: [String: String] = [:]
            return run.map { index in
                propertyNames(of: named[index].table, options: options, convertedNames: &convertedNames)
            }
        }
        var diagnostics: [Diagnostic] = []
        var tables: [SwiftTableNames] = []
        tables.reserveCapacity(named.count)
        for (item, properties) in zip(named, properties) {
            if let warning = item.warning { diagnostics.append(warning) }
            diagnostics += properties.1
            tables.append(
                SwiftTableNames(
                    table: item.table, typeName: item.typeName, fileName: item.fileName, propertyNames: properties.0))
        }
        return (tables, diagnostics)
    }

    /// What the template sees of one table.
    public static func model(_ names: SwiftTableNames, options: RenderOptions = RenderOptions()) -> SwiftTableModel {
        let table = names.table
        let propertyNames = names.propertyNames
        // By index, each text read in place: binding each field would copy all of them (`Field`).
        let fields = table.fields
        let properties = zip(fields.indices, propertyNames).map { i, name in
            SwiftPropertyModel(
                column: fields[i].name, name: name, escapedName: SwiftNaming.escaped(name),
                swiftType: options.swiftType(table: table.id, column: fields[i].name, type: fields[i].dataType),
                dataType: fields[i].dataType.spelling, variant: fields[i].variant, title: fields[i].title,
                description: DocCommentText.markdown(fields[i].description),
                isRequired: options.isRequired(table: table.id, column: fields[i].name),
                apiType: options.client ? apiTypeExpression(fields[i].dataType) : "",
                apiTypeName: options.client ? apiTypeName(fields[i].dataType) : "")
        }
        var model = SwiftTableModel(
            tableID: table.id, typeName: names.typeName, fileName: names.fileName,
            title: table.title, summary: DocCommentText.markdown(table.summary), deprecated: table.deprecated,
            sourceFile: String(table.source.file.split(separator: "/").last ?? ""), properties: properties,
            namespace: options.namespace, rejectsUnknownColumns: options.unknownColumns == .reject,
            client: options.client)
        if table.deprecated {
            model.deprecationMessage =
                table.deprecationNotice.map { Mojibake.repaired($0) ?? $0 }
                ?? "Datadog documents this table as deprecated."
        }
        if options.client && !table.queryParameters.isEmpty {
            (model.arguments, model.columnsParameter) = arguments(of: table.queryParameters)
        }
        return model
    }

    /// The API type a page type travels as (string → VARCHAR, hstore and hstore_csv → HSTORE, array<T> → T's
    /// + `[]`), written as a `DDSQLColumnType` expression; types the library has no constant for are literals.
    static func apiTypeExpression(_ type: DataType) -> String {
        let name = apiBaseName(type.base)
        let base = libraryTypeConstants.contains(name) ? "." + name.lowercased() : Escaping.swiftString(name)
        return type.isArray ? ".array(\(base))" : base
    }

    /// The API type a page type travels as, by name, as `DDSQLColumnType(_:)` reads it.
    static func apiTypeName(_ type: DataType) -> String {
        apiBaseName(type.base) + (type.isArray ? "[]" : "")
    }

    /// The API types `DDSQLColumnType` has a constant for (`.varchar`, ...).
    private static let libraryTypeConstants: Set<String> = [
        "VARCHAR", "BIGINT", "DECIMAL", "BOOLEAN", "TIMESTAMP", "DATE", "JSON", "HSTORE",
    ]

    private static func apiBaseName(_ base: DataType.Base) -> String {
        switch base {
        case .string: "VARCHAR"
        case .int64: "BIGINT"
        case .float64: "DECIMAL"
        case .bool: "BOOLEAN"
        case .timestamp: "TIMESTAMP"
        case .date: "DATE"
        case .json: "JSON"
        case .hstore, .hstoreCSV: "HSTORE"
        case .interval: "INTERVAL"
        case .unknown(let name): name.uppercased()
        }
    }

    /// A table function's arguments: every parameter the page lists but the one that takes the column list
    /// (the required `array<string>` one named `columns`, which the query writes from the selected columns).
    static func arguments(of parameters: [QueryParameter]) -> ([SwiftArgumentModel], String?) {
        let columns = parameters.first { $0.name == "columns" && $0.type == "array<string>" }
        // The struct's own members are never a parameter's name.
        var names = NameAllocator(reserved: ["arguments", "additionalArguments"], capacity: parameters.count)
        var arguments: [SwiftArgumentModel] = []
        for parameter in parameters where parameter.name != columns?.name {
            let name = names.claim(SwiftNaming.propertyName(column: parameter.name)).name
            let swiftType: String? =
                switch parameter.type {
                case "string": "String"
                case "array<string>": "[String]"
                case "int64": "Int64"
                case "bool": "Bool"
                default: nil
                }
            arguments.append(
                SwiftArgumentModel(
                    parameter: parameter.name, name: name, escapedName: SwiftNaming.escaped(name),
                    swiftType: swiftType ?? "String", isSQLText: swiftType == nil, isRequired: parameter.required,
                    description: parameter.description))
        }
        return (arguments, columns?.name ?? "columns")
    }

    /// A table with the type and file names it gets, and the warning when its type name was taken.
    private struct NamedTable: Sendable {
        var table: Table
        var typeName: String
        var fileName: String
        var warning: Diagnostic?
    }

    private static func claimTypeAndFileNames(_ tables: [Table], options: RenderOptions) -> [NamedTable] {
        // The support types, the namespace, keywords and the standard types the generated code uses
        // are never a table's type name (a table `x.date` must not shadow Foundation's `Date`).
        var typeNames = NameAllocator(
            caseInsensitive: true,
            reserved: SwiftNaming.reservedTypeNames.union([options.namespace].compactMap { $0 }), capacity: tables.count
        )
        var pageFileNames = NameAllocator(
            caseInsensitive: true, reserved: ["JSONValue"], capacity: options.swiftFileNames == .page ? tables.count : 0
        )
        var serviceFiles: [String: String] = [:]
        // The wanted names are made on all cores; only claiming them, in table order, is serial.
        let wantedNames = tables.parallelMap { table in
            options.typeNames[table.id] ?? options.typePrefix + SwiftNaming.typeName(tableID: table.id)
        }
        return zip(tables, wantedNames).map { table, wanted in
            let (typeName, changed) = typeNames.claim(wanted)
            let warning: Diagnostic? =
                changed
                ? .warning(
                    "Swift type name `\(wanted)` for table `\(table.id)` is taken; using `\(typeName)`",
                    at: table.source)
                : nil
            let fileStem =
                switch options.swiftFileNames {
                case .type: typeName
                case .page: pageFileNames.claim(OutputFileName.safe(RenderOptions.pageStem(table.source.file))).name
                case .service:
                    serviceFile(for: table.id, files: &serviceFiles, names: &pageFileNames)
                }
            return NamedTable(table: table, typeName: typeName, fileName: "swift/\(fileStem).swift", warning: warning)
        }
    }

    /// A table's property names, unique within the table; later claimants of a name get a suffix.
    private static func propertyNames(
        of table: Table, options: RenderOptions, convertedNames: inout [String: String]
    ) -> ([String], [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        var propertyNames = NameAllocator(capacity: table.fields.count)
        let configured = options.propertyNames[table.id]
        // By index, reading only the name: binding each field would copy all its texts.
        let fields = table.fields
        let names = fields.indices.map { i -> String in
            let column = fields[i].name
            let wantedName =
                configured?[column] ?? convertedNames[column]
                ?? {
                    let converted = SwiftNaming.propertyName(column: column)
                    convertedNames[column] = converted
                    return converted
                }()
            let (name, renamed) = propertyNames.claim(wantedName)
            if renamed {
                diagnostics.append(
                    .warning(
                        "column `\(column)` of `\(table.id)` becomes Swift property `\(wantedName)`, "
                            + "which another column already has; using `\(name)`",
                        at: SourceLocation(file: table.source.file, line: fields[i].line)))
            }
            return name
        }
        return (names, diagnostics)
    }

    /// The file stem of a table's service; every table of a service (its id's case aside) shares it.
    private static func serviceFile(
        for tableID: String, files: inout [String: String], names: inout NameAllocator
    ) -> String {
        let service = RenderOptions.serviceStem(tableID: tableID).lowercased()
        if let stem = files[service] { return stem }
        let stem = names.claim(OutputFileName.safe(service)).name
        files[service] = stem
        return stem
    }
}
