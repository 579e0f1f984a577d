/// The context of each bundled template, key by key. `TemplateContexts` builds exactly these keys (a
/// test builds every context for the pages in `docs-input/` and compares), every name a bundled
/// template reads is one of them (a test checks each template), and `Documentation/Templates.md`
/// lists them (a test compares its tables with these).
extension TemplateSet.Name {
    public var contextDeclaration: TemplateContextDeclaration {
        switch self {
        case .swiftTable: .swiftTable
        case .swiftSupport: .swiftSupport
        case .postgres, .sqlite: .sqlCatalog
        case .jsonSchemaTable: .jsonSchemaTable
        }
    }
}

extension TemplateContextDeclaration {
    /// `swift-table`: one table's Swift type (several tables sharing a file each render it once).
    public static let swiftTable = TemplateContextDeclaration([
        Key(.access, .text, "The access level of the generated declarations: `public`, `package` or `internal`."),
        Key(.binding, .text, "How properties are declared: `let`, or `var` with `swift.mutable`."),
        Key(.namespace, .text, "The enum the type is declared in (`swift.namespace`); empty when there is none."),
        Key(.hasNamespace, .flag, "The type is declared inside `namespace` (an `extension` of it)."),
        Key(.indent, .text, "Four spaces inside a namespace, else empty: put it before every line of the type."),
        Key(.hasRequired, .flag, "Some column is required (`required` in `schemagen.yml`)."),
        Key(
            .rejectsUnknownColumns, .flag,
            "`unknownColumns: reject`: a row with a column the page does not list is refused."),
        Key(.tableID, .text, "The DDSQL table id, `aws.ec2_instance`."),
        Key(.typeName, .text, "The Swift type name, unique across the catalog."),
        Key(.title, .text, "The page's title."),
        Key(.summary, .text, "The table's summary from the page, one paragraph; may be empty."),
        Key(.summaryLines, .lines, "The summary wrapped at 96 columns, for `///` lines."),
        Key(.hasSummary, .flag, "The summary is not empty."),
        Key(.deprecated, .flag, "Datadog documents the table as deprecated."),
        Key(
            .deprecationMessage, .text,
            "For `@available(*, deprecated, message:)`: the page's deprecation banner as plain text, or a "
                + "sentence saying the table is deprecated when the banner has no text; empty when not deprecated."),
        Key(.sourceFile, .text, "The page's file name, without its folder."),
        Key(
            .client, .flag,
            "`swift.client`: the type also conforms to `DDSQLClient`'s `DDSQLRow`, through the support file's "
                + "`DDSQLGeneratedRow`, which finds a key path's column by the struct's stored properties in "
                + "declaration order: a table template that adds a stored property must also implement "
                + "`static var ddsqlKeyPaths` (every column's property, in column order)."),
        Key(
            .columnLines, .flag,
            "With `swift.client`: every column name and API type can be written unchanged as a `name TYPE` line of "
                + "a raw string literal (no line break, control character, `\\` or `#`), which compiles faster "
                + "than an array literal."),
        Key(.isTableFunction, .flag, "The page lists Query Parameters: a table function (`dd.logs(...)`)."),
        Key(.columnsParameter, .text, "The table function's parameter that takes the column list; empty otherwise."),
        Key(.hasArguments, .flag, "The table function has parameters besides the column list."),
        Key(
            .arguments, .list(swiftArgument), "One per table-function parameter besides the column list, in page order."
        ),
        Key(.properties, .list(swiftProperty), "One per column, in page order."),
    ])

    /// An item of `swift-table`'s `arguments`.
    static let swiftArgument: [Key] = [
        Key(.parameter, .text, "The parameter's name on the page (`from_timestamp`)."),
        Key(.escapedName, .text, "The Swift property name, backquoted when needed."),
        Key(.declaredType, .text, "`String?`, `[String]?`, `Int64?` or `Bool?` (no `?` when required)."),
        Key(.isRequired, .flag, "The page marks the parameter required."),
        Key(.isSQLText, .flag, "The value is written as SQL text, not quoted as a literal."),
        Key(.descriptionLines, .lines, "The parameter's description wrapped at 88 columns."),
        Key(.hasDescription, .flag, "The description is not empty."),
        Key(.comma, .text, "`,` after every argument but the last."),
    ]

    /// An item of `swift-table`'s `properties`.
    static let swiftProperty: [Key] = [
        Key(.index, .text, "The column's position in the table, from 0 (`DDSQLRowReader` reads by it)."),
        Key(
            .apiType, .text,
            "With `swift.client`, the column's API type as a `DDSQLColumnType` (`.varchar`); else empty."),
        Key(
            .apiTypeName, .text,
            "With `swift.client`, the column's API type by name (`VARCHAR`, `BIGINT[]`); else empty."),
        Key(.column, .text, "The column name exactly as on the page: the JSON key."),
        Key(.name, .text, "The Swift property name without backquotes (`protocol`, `httpStatusCode`)."),
        Key(.escapedName, .text, "The property name as written in source, backquoted when needed (`` `protocol` ``)."),
        Key(.swiftType, .text, "The non-optional Swift type (`String`, `[Int64]`, `JSONValue`, `JSONText`)."),
        Key(.declaredType, .text, "The type as declared: `String?`, or `String` when the column is required."),
        Key(.isRequired, .flag, "The column is required: non-optional, and missing or `null` is a decoding error."),
        Key(.dataType, .text, "The DDSQL data type as on the page (`string`, `array<int64>`)."),
        Key(.variant, .text, "The page's Type cell (`core`, `event_attribute`)."),
        Key(.title, .text, "The column's title; empty when the page gives none."),
        Key(.hasTitle, .flag, "The page gives the column a title."),
        Key(.description, .text, "The column's description as on the page; may be empty."),
        Key(.descriptionLines, .lines, "The description wrapped at 92 columns, for `///` lines."),
        Key(.hasDescription, .flag, "The description is not empty."),
        Key(.comma, .text, "`,` after every property but the last."),
    ]

    /// `swift-support`: `swift/JSONValue.swift`, the types every table's file uses.
    public static let swiftSupport = TemplateContextDeclaration([
        Key(.access, .text, "The access level of the generated declarations: `public`, `package` or `internal`."),
        Key(
            .client, .flag,
            "`swift.client`: `JSONValue` is `DDSQLClient`'s, json columns are its `JSONText`, and the row coders use its dates."
        ),
        Key(.namespace, .text, "The enum the table types are declared in (`swift.namespace`); empty when none."),
        Key(.hasNamespace, .flag, "There is a namespace: this file declares its enum."),
    ])

    /// `postgres` and `sqlite`: each one script that creates the whole catalog.
    public static let sqlCatalog = TemplateContextDeclaration([
        Key(.tableCount, .text, "How many tables, in words: `1 DDSQL table`, `30 DDSQL tables`."),
        Key(.needsHstore, .flag, "Some column has DDSQL type `hstore` (PostgreSQL needs the extension)."),
        Key(.schemaNames, .list(sqlSchemaName), "The PostgreSQL schemas to create, one per namespace, sorted."),
        Key(.tables, .list(sqlTable), "Every table, in table id order."),
    ])

    /// An item of the SQL scripts' `schemaNames`.
    static let sqlSchemaName: [Key] = [
        Key(.schemaName, .text, "A namespace (`aws`), the PostgreSQL schema its tables are created in.")
    ]

    /// An item of the SQL scripts' `tables`.
    static let sqlTable: [Key] = [
        Key(.tableID, .text, "The DDSQL table id, `aws.ec2_instance`."),
        Key(.schemaName, .text, "PostgreSQL: the table's schema, its namespace (`aws`)."),
        Key(.tableName, .text, "PostgreSQL: the table's name in its schema (`ec2_instance`)."),
        Key(
            .sqliteName, .text,
            "SQLite, which has no schemas: the table's name, its full id (`aws.ec2_instance`), with `2`, `3`… "
                + "when another table's id is the same ignoring case."),
        Key(.title, .text, "The page's title."),
        Key(.summary, .text, "The table's summary from the page, one paragraph; may be empty."),
        Key(.hasSummary, .flag, "The summary is not empty."),
        Key(.deprecated, .flag, "Datadog documents the table as deprecated."),
        Key(.columns, .list(sqlColumn), "One per column, in page order."),
    ]

    /// An item of a SQL table's `columns`.
    static let sqlColumn: [Key] = [
        Key(.column, .text, "The column name exactly as on the page."),
        Key(
            .sqliteColumn, .text,
            "The column's SQLite name: `column`, with `2`, `3`… when another column of the table has that name "
                + "ignoring case."),
        Key(.dataType, .text, "The DDSQL data type as on the page (`string`, `array<int64>`)."),
        Key(.postgresType, .text, "The PostgreSQL type (`text`, `bigint[]`, `jsonb`)."),
        Key(.sqliteType, .text, "The SQLite STRICT type (`TEXT`, `INTEGER` or `REAL`)."),
        Key(.sqliteCheck, .text, "The SQLite CHECK expression the type needs, column name quoted; empty when none."),
        Key(.hasSQLiteCheck, .flag, "The type needs a SQLite CHECK expression."),
        Key(.description, .text, "The column's description as on the page; may be empty."),
        Key(.hasDescription, .flag, "The description is not empty."),
        Key(.notNull, .flag, "The column is required (`required` in `schemagen.yml`): `NOT NULL`."),
        Key(.comma, .text, "`,` after every column but the last."),
    ]

    /// `jsonschema-table`: one table's JSON Schema (draft 2020-12) for a row.
    public static let jsonSchemaTable = TemplateContextDeclaration([
        Key(.tableID, .text, "The DDSQL table id, `aws.ec2_instance`."),
        Key(.schemaID, .text, "The schema's `$id`: `urn:ddsql:table:` and the id, percent-encoded."),
        Key(.title, .text, "The page's title."),
        Key(.summary, .text, "The table's summary from the page, one paragraph; may be empty."),
        Key(.deprecated, .flag, "Datadog documents the table as deprecated."),
        Key(.properties, .list(jsonSchemaProperty), "One per column, in page order."),
        Key(.hasRequired, .flag, "Some column is required (`required` in `schemagen.yml`)."),
        Key(
            .rejectsUnknownColumns, .flag,
            "`unknownColumns: reject`: a row with a column the page does not list is refused."),
        Key(.required, .list(jsonSchemaRequired), "The required columns, in page order."),
    ])

    /// An item of `jsonschema-table`'s `properties`.
    static let jsonSchemaProperty: [Key] = [
        Key(.column, .text, "The column name exactly as on the page: the property name."),
        Key(.schema, .text, "The column's whole schema (title, type, format, description) as compact JSON."),
        Key(.comma, .text, "`,` after every property but the last."),
    ]

    /// An item of `jsonschema-table`'s `required`.
    static let jsonSchemaRequired: [Key] = [
        Key(.column, .text, "A required column's name."),
        Key(.separator, .text, "`, ` after every item but the last."),
    ]
}
