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
        var files: [OutputFile] = []
        var diagnostics: [Diagnostic] = []
        if targets.contains(.swift) {
            let (built, naming) = SwiftModelBuilder.build(schema, options: options)
            diagnostics += naming
            // By file, then table id: tables sharing a file (`--swift-file-names service`) follow
            // each other in id order, whatever order the pages were read in.
            let models = built.sorted { ($0.fileName, $0.tableID) < ($1.fileName, $1.tableID) }
            let rendered = renderEach(models) { model in
                OutputFile(
                    path: model.fileName,
                    bytes: templates.render(
                        .swiftTable, TemplateContext.swiftTable(model, access: options.access, mutable: options.mutable)))
            }
            files += Self.joiningSamePath(rendered)
            files.append(OutputFile(
                path: "swift/JSONValue.swift",
                bytes: templates.render(
                    .swiftSupport, TemplateContext.swiftSupport(access: options.access, namespace: options.namespace))))
        }
        let dialects = [(OutputTarget.postgres, TemplateSet.Name.postgres, "sql/postgres.sql"),
                        (.sqlite, .sqlite, "sql/sqlite.sql")].filter { targets.contains($0.0) }
        if !dialects.isEmpty {
            // The two scripts each cover the catalog: rendered side by side from one lazily made context.
            let catalog = TemplateContext.sqlCatalog(SQLModelBuilder.build(schema, options: options))
            files += renderEach(dialects) { _, template, path in
                OutputFile(path: path, bytes: templates.render(template, catalog))
            }
        }
        if targets.contains(.jsonschema) {
            let (models, naming) = JSONSchemaModelBuilder.build(schema, options: options)
            diagnostics += naming
            files += renderEach(models) { model in
                OutputFile(
                    path: model.fileName,
                    bytes: templates.render(.jsonSchemaTable, TemplateContext.jsonSchemaTable(model)))
            }
        }
        return (files.sorted { $0.path < $1.path }, diagnostics)
    }

    /// One file per path: files sharing a path, which follow each other, joined by a blank line.
    static func joiningSamePath(_ files: [OutputFile]) -> [OutputFile] {
        var joined: [OutputFile] = []
        for file in files {
            if let last = joined.last, last.path == file.path {
                joined[joined.count - 1].bytes += [UInt8(ascii: "\n")] + file.bytes
            } else {
                joined.append(file)
            }
        }
        return joined
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
