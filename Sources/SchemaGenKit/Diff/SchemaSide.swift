import Foundation

/// One side of a comparison (`schemagen diff OLD NEW`, `sql-migrate OLD NEW`): pages, a folder of
/// pages, or a schema JSON written by `schemagen dump`, so a team can commit a snapshot and compare
/// fresh pages against it without keeping the old pages around.
public enum SchemaSide {
    /// The schema, or nil when it could not be read; errors say where (`path:line:col`).
    public static func load(_ path: String) -> (schema: Schema?, diagnostics: [Diagnostic]) {
        guard path.lowercased().hasSuffix(".json") else {
            let loaded = SchemaLoader.load(inputs: [path])
            return (loaded.diagnostics.hasErrors ? nil : loaded.schema, loaded.diagnostics)
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            return (nil, [.error("no such file or directory: \(path)")])
        }
        guard !isDirectory.boolValue, let data = FileManager.default.contents(atPath: path) else {
            return (nil, [.error("cannot read \(path)")])
        }
        do {
            return (try SchemaJSON.decode([UInt8](data)), [])
        } catch {
            return (nil, [.error(error.description, at: SourceLocation(file: path, line: 1))])
        }
    }
}
