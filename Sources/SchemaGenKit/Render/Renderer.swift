import Dispatch
import Foundation

/// The render stage: schema in, generated files out, nothing written to disk.
///
/// Per-table files (Swift structs, JSON Schemas) are rendered in parallel on all cores; the two SQL
/// scripts each cover the whole catalog. The output is sorted by path, so it is byte-identical
/// whatever order the pages were read in.
public struct Renderer: Sendable {
    public var targets: Set<OutputTarget>
    public var templates: TemplateSet
    /// The user's choices: access level, names, types, required columns (`schemagen.yml`).
    public var options: RenderOptions
    public init(targets: Set<OutputTarget> = Set(OutputTarget.allCases), templates: TemplateSet = .bundled,
                swiftAccess: String = "public") {
        self.init(targets: targets, templates: templates, options: RenderOptions(access: swiftAccess))
    }

    public init(targets: Set<OutputTarget>, templates: TemplateSet, options: RenderOptions) {
        self.targets = targets
        self.templates = templates
        self.options = options
    }

    public func render(_ schema: Schema) -> (files: [OutputFile], diagnostics: [Diagnostic]) {
        let result = render(schema, reuse: nil)
        return (result.files, result.diagnostics)
    }

    /// Renders, keeping the files `reuse` vouches for whose render key is unchanged; with no
    /// `reuse`, renders everything and computes no keys.
    func render(_ schema: Schema, reuse: RenderReuse?) -> IncrementalRender {
        var out = IncrementalRender(files: [], kept: [:], renderKeys: [:], fragments: [:], diagnostics: [])
        let digests = reuse.map { RenderKey.tableDigests(schema, known: $0.tableDigests) } ?? [:]
        /// Renders the models whose file cannot be kept, each file's models together.
        func renderFiles<Model: Sendable>(
            _ kind: String, _ groups: [(path: String, models: [Model])], tableID: (Model) -> String,
            names: (Model) -> [String], _ render: @escaping @Sendable (Model) -> [UInt8]
        ) {
            var pending: [(path: String, models: [Model])] = []
            if reuse != nil {
                out.renderKeys.reserveCapacity(out.renderKeys.count + groups.count)
                out.kept.reserveCapacity(out.kept.count + groups.count)
            }
            for group in groups {
                if reuse != nil {
                    let key = RenderKey.make(
                        kind, tables: group.models.map { digests[tableID($0)]! }, names: group.models.flatMap(names))
                    out.renderKeys[group.path] = key
                    if let hash = reuse?.keptHash(group.path, key: key) {
                        out.kept[group.path] = hash
                        continue
                    }
                }
                pending.append(group)
            }
            out.files += renderEach(pending) { group in
                // Tables sharing a file (`--swift-file-names service`) are joined by a blank line.
                OutputFile(path: group.path, bytes: Array(group.models.map(render).joined(separator: [UInt8(ascii: "\n")])))
            }
        }
        PhaseTrace.mark("render: digests")
        if targets.contains(.swift) {
            // Names first, for the keys; the model of a table is made only if its file is rendered.
            // Property names are for the model and for their warnings: a table whose properties the
            // last run named without a warning (the same table under the same options, so the same
            // memo key) is named only if its file is rendered.
            let quietKeys = reuse == nil ? [] : schema.tables.map { RenderKey.quietProperties(digests[$0.id]!) }
            let quiet = reuse.map { reuse in quietKeys.map { reuse.fragments[$0] != nil } } ?? []
            let (named, naming) = SwiftModelBuilder.names(schema, options: options, quiet: quiet)
            out.diagnostics += naming
            for (key, names) in zip(quietKeys, named) where !names.propertiesCollided { out.fragments[key] = [] }
            // By file, then table id: tables sharing a file follow each other in id order, whatever
            // order the pages were read in.
            let sorted = named.sorted { ($0.fileName, $0.table.id) < ($1.fileName, $1.table.id) }
            let (options, templates) = (options, templates)
            renderFiles(
                "swift", Self.groupedByPath(sorted, path: \.fileName), tableID: \.table.id,
                names: { [$0.typeName, $0.fileName] }
            ) { names in
                let model = SwiftModelBuilder.model(names, options: options)
                return templates.render(
                    .swiftTable, TemplateContext.swiftTable(model, access: options.access, mutable: options.mutable))
            }
            out.files.append(OutputFile(
                path: "swift/JSONValue.swift",
                bytes: templates.render(
                    .swiftSupport, TemplateContext.swiftSupport(access: options.access, namespace: options.namespace))))
        }
        PhaseTrace.mark("render: swift")
        let dialects = [(OutputTarget.postgres, TemplateSet.Name.postgres, "sql/postgres.sql"),
                        (.sqlite, .sqlite, "sql/sqlite.sql")].filter { targets.contains($0.0) }
        if !dialects.isEmpty {
            // The two scripts each cover the catalog: rendered one after the other (each on all cores)
            // from one lazily made context.
            // A table's block is a function of the table alone (an SQL model reads no other table), so
            // with reuse each block is memoized under the table's key.
            // SQLite's names can depend on other tables (a clash ignoring case), so they are in the key.
            // Columns are checked, as Swift properties are named, only for tables the last run did not
            // find clash-free.
            let quietColumnKeys = reuse == nil ? [] : schema.tables.map { RenderKey.quietSQLiteColumns(digests[$0.id]!) }
            let sqliteNames = SQLiteNames(schema) { reuse?.fragments[quietColumnKeys[$0]] != nil }
            if targets.contains(.sqlite) { out.diagnostics += sqliteNames.diagnostics }
            if reuse != nil {
                for i in schema.tables.indices where sqliteNames.columnNames[i] == nil { out.fragments[quietColumnKeys[i]] = [] }
            }
            let tableKeys = reuse == nil ? nil : schema.tables.indices.map {
                RenderKey.make("sql", tables: [digests[schema.tables[$0].id]!], names: sqliteNames.keyNames(table: $0))
            }
            let catalog = TemplateContext.sqlCatalog(
                SQLModelBuilder.catalog(schema, options: options, sqliteNames: sqliteNames), tableKeys: tableKeys)
            let jobs = dialects.map { dialect in
                (dialect, reuse.map { FragmentMemo(template: dialect.1.rawValue, previous: $0.fragments) })
            }
            out.files += jobs.map { dialect, memo in
                OutputFile(path: dialect.2, bytes: templates.render(dialect.1, catalog, memo: memo))
            }
            for (dialect, memo) in jobs {
                guard let memo else { continue }
                out.fragments.merge(memo.recorded) { first, _ in first }
                out.fragmentFiles[dialect.2] = Array(memo.recorded.keys)
            }
        }
        PhaseTrace.mark("render: sql")
        if targets.contains(.jsonschema) {
            // Names first, for the keys; the model of a table is built only if its file is rendered.
            let (named, naming) = JSONSchemaModelBuilder.fileNames(schema)
            out.diagnostics += naming
            let (templates, options) = (templates, options)
            renderFiles(
                "jsonschema", named.map { ($0.fileName, [$0]) }, tableID: \.table.id, names: { [$0.fileName] }
            ) { item in
                let model = JSONSchemaModelBuilder.model(of: item.table, fileName: item.fileName, options: options)
                return templates.render(.jsonSchemaTable, TemplateContext.jsonSchemaTable(model))
            }
        }
        PhaseTrace.mark("render: jsonschema")
        out.files.sort { $0.path < $1.path }
        return out
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

    private func renderEach<Model: Sendable>(
        _ models: [Model], _ render: @Sendable (Model) -> OutputFile
    ) -> [OutputFile] {
        let slots = ResultSlots<OutputFile>(count: models.count)
        DispatchQueue.concurrentPerform(iterations: models.count) { i in
            slots[i] = render(models[i])
        }
        return slots.values
    }
}
