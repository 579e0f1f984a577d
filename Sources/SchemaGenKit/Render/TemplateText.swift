import Mustache

/// A string handed to templates, carrying schemagen's escaping filters as Mustache transforms:
/// `{{ swiftString(x) }}`, `{{ docComment(x) }}`, `{{ sqlString(x) }}`, `{{ sqlIdentifier(x) }}`,
/// `{{ sqlComment(x) }}`, `{{ json(x) }}`. Plain `{{ x }}` writes the text as it is.
public struct TemplateText: MustacheTransformable, MustacheCustomRenderable, Sendable {
    public var text: String

    public init(_ text: String) {
        self.text = text
    }

    public static let filterNames = ["swiftString", "docComment", "sqlString", "sqlIdentifier", "sqlComment", "json"]

    public func transform(_ name: String) -> Any? {
        switch name {
        case "swiftString": Escaping.swiftString(text)
        case "docComment": Escaping.docComment(text)
        case "sqlString": Escaping.sqlString(text)
        case "sqlIdentifier": Escaping.sqlIdentifier(text)
        case "sqlComment": Escaping.sqlComment(text)
        case "json": Escaping.jsonString(text)
        default: nil
        }
    }

    public var renderText: String { text }
    public var isNull: Bool { false }
}

/// The Mustache contexts for each model: plain dictionaries (no reflection), strings wrapped so the
/// filters work, booleans for every optional part, and `comma` for list separators.
enum TemplateContext {
    static func text(_ s: String) -> TemplateText { TemplateText(s) }

    static func comma<T>(_ index: Int, of items: [T]) -> String { index < items.count - 1 ? "," : "" }

    /// Prose as lines for `///` comments: `{{#summaryLines}}/// {{ docComment(.) }}{{/summaryLines}}`.
    static func lines(_ prose: String, width: Int = 96) -> [TemplateText] {
        TextWrap.lines(prose, width: width).map(TemplateText.init)
    }

    /// `1 DDSQL table`, `30 DDSQL tables`.
    static func tableCount(_ n: Int) -> TemplateText {
        TemplateText(n == 1 ? "1 DDSQL table" : "\(n) DDSQL tables")
    }

    static func swiftTable(_ t: SwiftTableModel, access: String) -> [String: Any] {
        // Inside a namespace enum every line of the type is indented one level.
        [
            "access": text(access),
            "namespace": text(t.namespace ?? ""),
            "hasNamespace": t.namespace != nil,
            "indent": text(t.namespace == nil ? "" : "    "),
            "hasRequired": t.properties.contains(where: \.isRequired),
            "tableID": text(t.tableID),
            "typeName": text(t.typeName),
            "title": text(t.title),
            "summary": text(t.summary),
            "summaryLines": lines(t.summary),
            "hasSummary": !t.summary.isEmpty,
            "deprecated": t.deprecated,
            "sourceFile": text(t.sourceFile),
            "properties": t.properties.enumerated().map { i, p -> [String: Any] in
                [
                    "column": text(p.column),
                    "name": text(p.name),
                    "escapedName": text(p.escapedName),
                    "swiftType": text(p.swiftType),
                    "declaredType": text(p.declaredType),
                    "isRequired": p.isRequired,
                    "dataType": text(p.dataType),
                    "variant": text(p.variant),
                    "title": text(p.title ?? ""),
                    "hasTitle": p.title != nil,
                    "description": text(p.description),
                    "descriptionLines": lines(p.description, width: 92),
                    "hasDescription": !p.description.isEmpty,
                    "comma": text(comma(i, of: t.properties)),
                ]
            },
        ]
    }

    static func swiftSupport(access: String, namespace: String? = nil) -> [String: Any] {
        ["access": text(access), "namespace": text(namespace ?? ""), "hasNamespace": namespace != nil]
    }

    static func sqlCatalog(_ c: SQLCatalogModel) -> [String: Any] {
        [
            "tableCount": tableCount(c.tables.count),
            "needsHstore": c.needsHstore,
            "schemaNames": c.schemaNames.map { ["schemaName": text($0)] },
            "tables": c.tables.map { t -> [String: Any] in
                [
                    "tableID": text(t.tableID),
                    "schemaName": text(t.schemaName),
                    "tableName": text(t.tableName),
                    "sqliteName": text(t.sqliteName),
                    "title": text(t.title),
                    "summary": text(t.summary),
                    "hasSummary": !t.summary.isEmpty,
                    "deprecated": t.deprecated,
                    "columns": t.columns.enumerated().map { i, col -> [String: Any] in
                        [
                            "column": text(col.column),
                            "dataType": text(col.dataType),
                            "postgresType": text(col.postgresType),
                            "sqliteType": text(col.sqliteType),
                            "sqliteCheck": text(col.sqliteCheck ?? ""),
                            "hasSQLiteCheck": col.sqliteCheck != nil,
                            "description": text(col.description),
                            "hasDescription": !col.description.isEmpty,
                            "notNull": col.notNull,
                            "comma": text(comma(i, of: t.columns)),
                        ]
                    },
                ]
            },
        ]
    }

    static func jsonSchemaTable(_ t: JSONSchemaTableModel) -> [String: Any] {
        [
            "tableID": text(t.tableID),
            "schemaID": text(t.schemaID),
            "title": text(t.title),
            "summary": text(t.summary),
            "deprecated": t.deprecated,
            "properties": t.properties.enumerated().map { i, p -> [String: Any] in
                ["column": text(p.column), "schema": text(p.schema), "comma": text(comma(i, of: t.properties))]
            },
            "hasRequired": !t.required.isEmpty,
            "required": t.required.enumerated().map { i, column -> [String: Any] in
                ["column": text(column), "separator": text(i < t.required.count - 1 ? ", " : "")]
            },
        ]
    }
}
