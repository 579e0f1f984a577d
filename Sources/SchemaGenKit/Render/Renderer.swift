import Dispatch

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

    /// Every file of every target, planned but not rendered, in path order. The targets are planned
    /// side by side: each names its files across tables on its own.
    public func plan(_ schema: Schema) -> (files: [PlannedFile], diagnostics: [Diagnostic]) {
        let planners: [@Sendable () -> (files: [PlannedFile], diagnostics: [Diagnostic])] = [
            { planSwift(schema) }, { planSQL(schema) }, { planJSONSchema(schema) },
        ]
        let slots = ResultSlots<(files: [PlannedFile], diagnostics: [Diagnostic])>(count: planners.count)
        DispatchQueue.concurrentPerform(iterations: planners.count) { slots[$0] = planners[$0]() }
        var files = slots.values.flatMap(\.files)
        files.sort { $0.path < $1.path }
        return (files, slots.values.flatMap(\.diagnostics))
    }

    /// The Swift files: one per table (or per page or service), and the support file.
    private func planSwift(_ schema: Schema) -> (files: [PlannedFile], diagnostics: [Diagnostic]) {
        guard targets.contains(.swift) else { return ([], []) }
        let (templates, options) = (templates, options)
        var files: [PlannedFile] = []
        let (named, diagnostics) = SwiftModelBuilder.names(schema, options: options)
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
        return (files, diagnostics)
    }

    /// The SQL scripts, each made of a head, one block per table and a tail.
    private func planSQL(_ schema: Schema) -> (files: [PlannedFile], diagnostics: [Diagnostic]) {
        let dialects: [(OutputTarget, TemplateSet.Name, String)] = [
            (.postgres, .postgres, "sql/postgres.sql"), (.sqlite, .sqlite, "sql/sqlite.sql"),
        ].filter { targets.contains($0.0) }
        guard !dialects.isEmpty else { return ([], []) }
        let templates = templates
        // Both scripts read one catalog, whose table models are made as a script first reaches them.
        let sqliteNames = SQLiteNames(schema)
        let catalog = SQLModelBuilder.catalog(schema, options: options, sqliteNames: sqliteNames)
        let files = dialects.map { target, template, path in
            let blocks = templates.compiled(template).split(around: .tables).map {
                Self.blocks(of: $0, kind: target.rawValue, catalog: catalog, schema: schema, sqliteNames: sqliteNames)
            }
            return PlannedFile(path: path, sources: nil, blocks: blocks) {
                templates.render(template, TemplateContexts.sqlCatalog(catalog))
            }
        }
        return (files, targets.contains(.sqlite) ? sqliteNames.diagnostics : [])
    }

    /// The JSON Schema files, one per table.
    private func planJSONSchema(_ schema: Schema) -> (files: [PlannedFile], diagnostics: [Diagnostic]) {
        guard targets.contains(.jsonschema) else { return ([], []) }
        let (templates, options) = (templates, options)
        let (named, diagnostics) = JSONSchemaModelBuilder.fileNames(schema)
        let files = named.map { item in
            PlannedFile(
                path: item.fileName,
                sources: PlannedFile.Sources(kind: "jsonschema", tables: [item.table], names: [item.fileName])
            ) {
                let model = JSONSchemaModelBuilder.model(of: item.table, fileName: item.fileName, options: options)
                return templates.render(.jsonSchemaTable, TemplateContexts.jsonSchemaTable(model))
            }
        }
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
