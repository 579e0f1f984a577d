/// The render stage: a schema in, the files to generate out, nothing written to disk.
///
/// `plan` decides every file's path and what it is made from, and names everything that must be
/// unique across tables (Swift types and files, JSON Schema files), reporting collisions; rendering a
/// planned file reads only its own tables. The output is sorted by path, so it is byte-identical
/// whatever order the pages were read in.
public struct Renderer: Sendable {
    public var targets: Set<OutputTarget>
    public var templates: TemplateSet
    /// The user's choices: access level, names, types, required columns (`schemagen.yml`).
    public var options: RenderOptions

    public init(
        targets: Set<OutputTarget> = Set(OutputTarget.allCases), templates: TemplateSet = .bundled,
        swiftAccess: String = "public"
    ) {
        self.init(targets: targets, templates: templates, options: RenderOptions(access: swiftAccess))
    }

    public init(targets: Set<OutputTarget>, templates: TemplateSet, options: RenderOptions) {
        self.targets = targets
        self.templates = templates
        self.options = options
    }

    /// Every file of every target, rendered.
    public func render(_ schema: Schema) -> (files: [OutputFile], diagnostics: [Diagnostic]) {
        let planned = plan(schema)
        return (planned.files.renderAll(), planned.diagnostics)
    }

    /// Every file of every target, planned but not rendered, in path order.
    public func plan(_ schema: Schema) -> (files: [PlannedFile], diagnostics: [Diagnostic]) {
        var files: [PlannedFile] = []
        var diagnostics: [Diagnostic] = []
        let (templates, options) = (templates, options)
        if targets.contains(.swift) {
            let (named, naming) = SwiftModelBuilder.names(schema, options: options)
            diagnostics += naming
            // By file, then table id: tables sharing a file follow each other in id order, whatever
            // order the pages were read in.
            let sorted = named.sorted { ($0.fileName, $0.table.id) < ($1.fileName, $1.table.id) }
            for group in Self.groupedByPath(sorted, path: \.fileName) {
                let sources = PlannedFile.Sources(
                    kind: "swift", tables: group.models.map(\.table),
                    names: group.models.flatMap { [$0.typeName, $0.fileName] })
                files.append(
                    PlannedFile(path: group.path, sources: sources) {
                        // Tables sharing a file (`--swift-file-names service`) are joined by a blank line.
                        Array(
                            group.models.map { names in
                                let model = SwiftModelBuilder.model(names, options: options)
                                return templates.render(
                                    .swiftTable,
                                    TemplateContexts.swiftTable(model, access: options.access, mutable: options.mutable)
                                )
                            }.joined(separator: [UInt8(ascii: "\n")]))
                    })
            }
            files.append(
                PlannedFile(path: "swift/JSONValue.swift", sources: nil) {
                    templates.render(
                        .swiftSupport,
                        TemplateContexts.swiftSupport(
                            access: options.access, namespace: options.namespace, client: options.client))
                })
        }
        let dialects: [(OutputTarget, TemplateSet.Name, String)] = [
            (.postgres, .postgres, "sql/postgres.sql"), (.sqlite, .sqlite, "sql/sqlite.sql"),
        ].filter { targets.contains($0.0) }
        if !dialects.isEmpty {
            // Both scripts read one catalog, whose table models are made as a script first reaches them.
            let sqliteNames = SQLiteNames(schema)
            if targets.contains(.sqlite) { diagnostics += sqliteNames.diagnostics }
            let catalog = SQLModelBuilder.catalog(schema, options: options, sqliteNames: sqliteNames)
            for (target, template, path) in dialects {
                let blocks = templates.compiled(template).split(around: .tables).map {
                    Self.blocks(
                        of: $0, kind: target.rawValue, catalog: catalog, schema: schema, sqliteNames: sqliteNames)
                }
                files.append(
                    PlannedFile(path: path, sources: nil, blocks: blocks) {
                        templates.render(template, TemplateContexts.sqlCatalog(catalog))
                    })
            }
        }
        if targets.contains(.jsonschema) {
            let (named, naming) = JSONSchemaModelBuilder.fileNames(schema)
            diagnostics += naming
            for item in named {
                let sources = PlannedFile.Sources(kind: "jsonschema", tables: [item.table], names: [item.fileName])
                files.append(
                    PlannedFile(path: item.fileName, sources: sources) {
                        let model = JSONSchemaModelBuilder.model(
                            of: item.table, fileName: item.fileName, options: options)
                        return templates.render(.jsonSchemaTable, TemplateContexts.jsonSchemaTable(model))
                    })
            }
        }
        files.sort { $0.path < $1.path }
        return (files, diagnostics)
    }

    /// A SQL script as its head, one block per table and its tail. A table's block reads its table, its
    /// SQLite names and the catalog-wide values (`shared`: the table count, the schemas, `needsHstore`).
    static func blocks(
        of split: TemplateSplit, kind: String, catalog: SQLCatalogSource, schema: Schema, sqliteNames: SQLiteNames
    ) -> PlannedFile.Blocks {
        let root = TemplateContexts.sqlCatalog(catalog)
        let shared = PlannedFile.Sources(
            kind: kind, tables: [],
            names: ["\(catalog.tableCount)", catalog.needsHstore ? "hstore" : ""] + catalog.schemaNames)
        var items = [
            PlannedFile.Block(sources: .init(kind: kind + " head", tables: [], names: [])) {
                split.head.render(root)
            }
        ]
        for (i, table) in schema.tables.enumerated() {
            let names = [sqliteNames.tableNames[i]] + (sqliteNames.columnNames[i] ?? [])
            items.append(
                PlannedFile.Block(sources: .init(kind: kind + " table", tables: [table], names: names)) {
                    split.body.render(TemplateContexts.sqlTable(catalog.table(i)), under: root)
                })
        }
        items.append(
            PlannedFile.Block(sources: .init(kind: kind + " tail", tables: [], names: [])) {
                split.tail.render(root)
            })
        return PlannedFile.Blocks(shared: shared, items: items)
    }

    /// Models in runs of the same path, in order (the models are sorted by path).
    static func groupedByPath<Model>(_ models: [Model], path: (Model) -> String) -> [(path: String, models: [Model])] {
        var groups: [(path: String, models: [Model])] = []
        for model in models {
            let p = path(model)
            if let last = groups.last, last.path == p {
                groups[groups.count - 1].models.append(model)
            } else {
                groups.append((p, [model]))
            }
        }
        return groups
    }
}
