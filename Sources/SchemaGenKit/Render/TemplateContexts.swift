/// The template contexts for each model: plain values (no reflection), booleans for every optional
/// part, `comma` for list separators, prose already wrapped into lines. Every key is declared in
/// `TemplateContextDeclarations` (a test checks the built contexts against it) and listed in
/// `Documentation/Templates.md`.
///
/// Built straight into the flat form the renderer reads (`FlatContext`); `FlatContext.tree` shows
/// one as a tree of `TemplateValue`s.
enum TemplateContexts {
    static func comma<T>(_ index: Int, of items: [T]) -> String {
        index < items.count - 1 ? "," : ""
    }

    /// `1 DDSQL table`, `30 DDSQL tables`.
    static func tableCount(_ n: Int) -> String {
        n == 1 ? "1 DDSQL table" : "\(n) DDSQL tables"
    }

    static func swiftTable(_ t: SwiftTableModel, access: String, mutable: Bool = false) -> FlatContext {
        var c = FlatContextBuilder(bytes: 256 + t.properties.count * 320, nodes: 20 + t.properties.count * 16)
        c.beginObject()
        c.set(.access, access)
        // `let` unless `swift.mutable`: a `var` costs the compiler a setter and a modify accessor
        // per column, which on a large catalog is most of the time spent on the declarations.
        c.set(.binding, mutable ? "var" : "let")
        c.set(.namespace, t.namespace ?? "")
        c.set(.hasNamespace, t.namespace != nil)
        // Inside a namespace enum every line of the type is indented one level.
        c.set(.indent, t.namespace == nil ? "" : "    ")
        c.set(.hasRequired, t.properties.contains(where: \.isRequired))
        c.set(.rejectsUnknownColumns, t.rejectsUnknownColumns)
        c.set(.tableID, t.tableID)
        c.set(.typeName, t.typeName)
        c.set(.title, t.title)
        c.set(.summary, t.summary)
        // Prose as lines for `///` comments: `{{#summaryLines}}/// {{ docComment(.) }}{{/summaryLines}}`.
        c.set(.summaryLines, lines: TextWrap.lines(t.summary, width: 96))
        c.set(.hasSummary, !t.summary.isEmpty)
        c.set(.deprecated, t.deprecated)
        c.set(.deprecationMessage, t.deprecationMessage)
        c.set(.sourceFile, t.sourceFile)
        c.set(.client, t.client)
        c.set(.columnLines, t.client && t.columnLines)
        c.set(.isTableFunction, t.columnsParameter != nil)
        c.set(.columnsParameter, t.columnsParameter ?? "")
        c.set(.hasArguments, !t.arguments.isEmpty)
        c.beginList(.arguments)
        for (i, a) in t.arguments.enumerated() {
            c.beginObject()
            c.set(.parameter, a.parameter)
            c.set(.escapedName, a.escapedName)
            c.set(.declaredType, a.declaredType)
            c.set(.isRequired, a.isRequired)
            c.set(.isSQLText, a.isSQLText)
            c.set(.descriptionLines, lines: TextWrap.lines(a.description, width: 88))
            c.set(.hasDescription, !a.description.isEmpty)
            c.set(.comma, comma(i, of: t.arguments))
            c.end()
        }
        c.end()
        c.beginList(.properties)
        for (i, p) in t.properties.enumerated() {
            c.beginObject()
            c.set(.index, String(i))
            c.set(.apiType, p.apiType)
            c.set(.apiTypeName, p.apiTypeName)
            c.set(.column, p.column)
            c.set(.name, p.name)
            c.set(.escapedName, p.escapedName)
            c.set(.swiftType, p.swiftType)
            c.set(.declaredType, p.declaredType)
            c.set(.isRequired, p.isRequired)
            c.set(.dataType, p.dataType)
            c.set(.variant, p.variant)
            c.set(.title, p.title ?? "")
            c.set(.hasTitle, p.title != nil)
            c.set(.description, p.description)
            c.set(.descriptionLines, lines: TextWrap.lines(p.description, width: 92))
            c.set(.hasDescription, !p.description.isEmpty)
            c.set(.comma, comma(i, of: t.properties))
            c.end()
        }
        c.end()
        c.end()
        return c.finish()
    }

    static func swiftSupport(access: String, namespace: String? = nil, client: Bool = false) -> FlatContext {
        var c = FlatContextBuilder()
        c.beginObject()
        c.set(.access, access)
        c.set(.client, client)
        c.set(.namespace, namespace ?? "")
        c.set(.hasNamespace, namespace != nil)
        c.end()
        return c.finish()
    }

    static func sqlCatalog(_ c: SQLCatalogModel) -> FlatContext {
        let tables = c.tables
        return sqlCatalog(
            SQLCatalogSource(
                schemaNames: c.schemaNames, needsHstore: c.needsHstore, tableCount: tables.count,
                table: { tables[$0] }))
    }

    /// The catalog's context, each table's made when the template reaches it.
    static func sqlCatalog(_ catalog: SQLCatalogSource) -> FlatContext {
        var c = FlatContextBuilder()
        c.beginObject()
        c.set(.tableCount, tableCount(catalog.tableCount))
        c.set(.needsHstore, catalog.needsHstore)
        c.beginList(.schemaNames)
        for name in catalog.schemaNames {
            c.beginObject()
            c.set(.schemaName, name)
            c.end()
        }
        c.end()
        c.set(.tables, LazyItems(count: catalog.tableCount) { sqlTable(catalog.table($0)) })
        c.end()
        return c.finish()
    }

    static func sqlTable(_ t: SQLTableModel) -> FlatContext {
        var c = FlatContextBuilder(bytes: 256 + t.columns.count * 200, nodes: 12 + t.columns.count * 12)
        c.beginObject()
        c.set(.tableID, t.tableID)
        c.set(.schemaName, t.schemaName)
        c.set(.tableName, t.tableName)
        c.set(.sqliteName, t.sqliteName)
        c.set(.title, t.title)
        c.set(.summary, t.summary)
        c.set(.hasSummary, !t.summary.isEmpty)
        c.set(.deprecated, t.deprecated)
        c.beginList(.columns)
        for (i, col) in t.columns.enumerated() {
            c.beginObject()
            c.set(.column, col.column)
            c.set(.sqliteColumn, col.sqliteColumn)
            c.set(.dataType, col.dataType)
            c.set(.postgresType, col.postgresType)
            c.set(.sqliteType, col.sqliteType)
            c.set(.sqliteCheck, col.sqliteCheck ?? "")
            c.set(.hasSQLiteCheck, col.sqliteCheck != nil)
            c.set(.description, col.description)
            c.set(.hasDescription, !col.description.isEmpty)
            c.set(.notNull, col.notNull)
            c.set(.comma, comma(i, of: t.columns))
            c.end()
        }
        c.end()
        c.end()
        return c.finish()
    }

    static func jsonSchemaTable(_ t: JSONSchemaTableModel) -> FlatContext {
        var c = FlatContextBuilder(bytes: 256 + t.properties.count * 300, nodes: 16 + t.properties.count * 5)
        c.beginObject()
        c.set(.tableID, t.tableID)
        c.set(.schemaID, t.schemaID)
        c.set(.title, t.title)
        c.set(.summary, t.summary)
        c.set(.deprecated, t.deprecated)
        c.beginList(.properties)
        for (i, p) in t.properties.enumerated() {
            c.beginObject()
            c.set(.column, p.column)
            c.set(.schema, p.schema)
            c.set(.comma, comma(i, of: t.properties))
            c.end()
        }
        c.end()
        c.set(.hasRequired, !t.required.isEmpty)
        c.set(.rejectsUnknownColumns, t.rejectsUnknownColumns)
        c.beginList(.required)
        for (i, column) in t.required.enumerated() {
            c.beginObject()
            c.set(.column, column)
            c.set(.separator, i < t.required.count - 1 ? ", " : "")
            c.end()
        }
        c.end()
        c.end()
        return c.finish()
    }
}
