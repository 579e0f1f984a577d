/// The template contexts for each model: plain values (no reflection), booleans for every optional
/// part, `comma` for list separators, prose already wrapped into lines. Every key is documented in
/// the README's Templates section.
enum TemplateContext {
    static func comma<T>(_ index: Int, of items: [T]) -> TemplateValue {
        .text(index < items.count - 1 ? "," : "")
    }

    /// Prose as lines for `///` comments: `{{#summaryLines}}/// {{ docComment(.) }}{{/summaryLines}}`.
    static func lines(_ prose: String, width: Int = 96) -> TemplateValue {
        .list(TextWrap.lines(prose, width: width).map(TemplateValue.text))
    }

    /// `1 DDSQL table`, `30 DDSQL tables`.
    static func tableCount(_ n: Int) -> TemplateValue {
        .text(n == 1 ? "1 DDSQL table" : "\(n) DDSQL tables")
    }

    static func swiftTable(_ t: SwiftTableModel, access: String, mutable: Bool = false) -> TemplateValue {
        .object([
            .access: .text(access),
            // `let` unless `swift.mutable`: a `var` costs the compiler a setter and a modify accessor
            // per column, which on a large catalog is most of the time spent on the declarations.
            .binding: .text(mutable ? "var" : "let"),
            .namespace: .text(t.namespace ?? ""),
            .hasNamespace: .bool(t.namespace != nil),
            // Inside a namespace enum every line of the type is indented one level.
            .indent: .text(t.namespace == nil ? "" : "    "),
            .hasRequired: .bool(t.properties.contains(where: \.isRequired)),
            .tableID: .text(t.tableID),
            .typeName: .text(t.typeName),
            .title: .text(t.title),
            .summary: .text(t.summary),
            .summaryLines: lines(t.summary),
            .hasSummary: .bool(!t.summary.isEmpty),
            .deprecated: .bool(t.deprecated),
            .sourceFile: .text(t.sourceFile),
            .properties: .list(t.properties.enumerated().map { i, p in
                .object([
                    .column: .text(p.column),
                    .name: .text(p.name),
                    .escapedName: .text(p.escapedName),
                    .swiftType: .text(p.swiftType),
                    .declaredType: .text(p.declaredType),
                    .isRequired: .bool(p.isRequired),
                    .dataType: .text(p.dataType),
                    .variant: .text(p.variant),
                    .title: .text(p.title ?? ""),
                    .hasTitle: .bool(p.title != nil),
                    .description: .text(p.description),
                    .descriptionLines: lines(p.description, width: 92),
                    .hasDescription: .bool(!p.description.isEmpty),
                    .comma: comma(i, of: t.properties),
                ])
            }),
        ])
    }

    static func swiftSupport(access: String, namespace: String? = nil) -> TemplateValue {
        .object([
            .access: .text(access), .namespace: .text(namespace ?? ""), .hasNamespace: .bool(namespace != nil),
        ])
    }

    /// `tableKeys`: one render key per table (`RenderKey`), for memoizing each table's block.
    static func sqlCatalog(_ c: SQLCatalogModel, tableKeys: [ContentHash]? = nil) -> TemplateValue {
        let tables = c.tables
        return sqlCatalog(
            SQLCatalogSource(
                schemaNames: c.schemaNames, needsHstore: c.needsHstore, tableCount: tables.count,
                table: { tables[$0] }),
            tableKeys: tableKeys)
    }

    /// The catalog's context, each table's made when the template reaches it.
    static func sqlCatalog(_ c: SQLCatalogSource, tableKeys: [ContentHash]? = nil) -> TemplateValue {
        .object([
            .tableCount: tableCount(c.tableCount),
            .needsHstore: .bool(c.needsHstore),
            .schemaNames: .list(c.schemaNames.map { .object([.schemaName: .text($0)]) }),
            .tables: .items(TemplateItems(count: c.tableCount, keys: tableKeys) { i in
                let t = c.table(i)
                return .object([
                    .tableID: .text(t.tableID),
                    .schemaName: .text(t.schemaName),
                    .tableName: .text(t.tableName),
                    .sqliteName: .text(t.sqliteName),
                    .title: .text(t.title),
                    .summary: .text(t.summary),
                    .hasSummary: .bool(!t.summary.isEmpty),
                    .deprecated: .bool(t.deprecated),
                    .columns: .list(t.columns.enumerated().map { i, col in
                        .object([
                            .column: .text(col.column),
                            .dataType: .text(col.dataType),
                            .postgresType: .text(col.postgresType),
                            .sqliteType: .text(col.sqliteType),
                            .sqliteCheck: .text(col.sqliteCheck ?? ""),
                            .hasSQLiteCheck: .bool(col.sqliteCheck != nil),
                            .description: .text(col.description),
                            .hasDescription: .bool(!col.description.isEmpty),
                            .notNull: .bool(col.notNull),
                            .comma: comma(i, of: t.columns),
                        ])
                    }),
                ])
            }),
        ])
    }

    static func jsonSchemaTable(_ t: JSONSchemaTableModel) -> TemplateValue {
        .object([
            .tableID: .text(t.tableID),
            .schemaID: .text(t.schemaID),
            .title: .text(t.title),
            .summary: .text(t.summary),
            .deprecated: .bool(t.deprecated),
            .properties: .list(t.properties.enumerated().map { i, p in
                .object([.column: .text(p.column), .schema: .text(p.schema), .comma: comma(i, of: t.properties)])
            }),
            .hasRequired: .bool(!t.required.isEmpty),
            .required: .list(t.required.enumerated().map { i, column in
                .object([.column: .text(column), .separator: .text(i < t.required.count - 1 ? ", " : "")])
            }),
        ])
    }
}
