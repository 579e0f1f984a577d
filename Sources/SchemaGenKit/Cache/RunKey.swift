import Foundation

/// Everything besides the pages' bytes that decides what a run generates, as one digest: the
/// schemagen build itself, the targets, the templates' text, every option, the limits, what the
/// config refers to, and the list of pages (their paths appear in output and diagnostics).
///
/// A new field on `GenerationRequest` or `RenderOptions` that changes output must be added here.
enum RunKey {
    static func make(request: GenerationRequest, templates: TemplateSet, pages: [String]) -> ContentHash {
        var parts: [String] = ["schemagen-run v1", executableIdentity]
        parts.append("targets " + request.targets.sorted().map(\.rawValue).joined(separator: ","))
        parts.append("templates \(templates.digest)")
        let o = request.options
        parts.append("access \(o.access)")
        parts.append("typePrefix \(o.typePrefix)")
        parts.append("namespace \(o.namespace ?? "-") \(o.namespace == nil ? 0 : 1)")
        parts.append("swiftFileNames \(o.swiftFileNames.rawValue)")
        parts.append("mutable \(o.mutable)")
        parts.append("unknownColumns \(o.unknownColumns.rawValue)")
        parts.append("client \(o.client)")
        parts += o.typeNames.sorted(by: <).map { "typeName \($0.key) \($0.value)" }
        parts += o.swiftTypes.sorted(by: <).map { "swiftType \($0.key) \($0.value)" }
        for (table, columns) in o.propertyNames.sorted(by: { $0.key < $1.key }) {
            parts += columns.sorted(by: <).map { "propertyName \(table) \($0.key) \($0.value)" }
        }
        for (table, columns) in o.columnSwiftTypes.sorted(by: { $0.key < $1.key }) {
            parts += columns.sorted(by: <).map { "columnSwiftType \(table) \($0.key) \($0.value)" }
        }
        for (table, columns) in o.requiredColumns.sorted(by: { $0.key < $1.key }) {
            parts += columns.sorted().map { "required \(table) \($0)" }
        }
        parts.append("limits \(request.limits.maxPageBytes) \(request.limits.maxTableRows)")
        if let selection = request.tables {
            // Entries in order, with where they were written: messages quote both.
            parts.append("tables \(selection.origin)")
            parts += selection.entries.map { "table \($0.text) \($0.location?.description ?? "-")" }
        }
        parts += request.configReferences.map {
            "reference \($0.key) \($0.table) \($0.column ?? "-") \($0.column == nil ? 0 : 1) \($0.location.description)"
        }.sorted()
        parts += pages.map { "page " + $0 }
        return ContentHash(Array(parts.joined(separator: "\u{0}").utf8))
    }

    /// The running executable's stamp: a rebuilt schemagen never trusts an older build's cache.
    static let executableIdentity: String = {
        guard let path = Bundle.main.executablePath,
            let resolved = realpath(path, nil)
        else { return "executable unknown" }
        defer { free(resolved) }
        guard let stamp = FileStamp.of(String(cString: resolved)) else { return "executable unknown" }
        return "executable \(stamp.size) \(stamp.modified) \(stamp.inode) \(stamp.device)"
    }()
}
