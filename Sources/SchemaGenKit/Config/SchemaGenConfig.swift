/// The contents of a `schemagen.yml`, checked: every key known, every value of the right kind.
///
/// Paths are already resolved against the config file's folder, so the value means the same thing
/// whatever the current directory. Anything the file does not say is nil (or the default), so the
/// command line can tell "not set" from "set to the default" and override only what it is given.
public struct SchemaGenConfig: Sendable, Hashable {
    /// The config file, as the user named it (for messages).
    public var file: String
    /// `inputs`: pages or folders of pages.
    public var inputs: [String]?
    /// `output`: the output folder.
    public var output: String?
    /// `targets`: what to generate.
    public var targets: Set<OutputTarget>?
    /// `templates`: a folder of `<name>.mustache` overrides.
    public var templates: String?
    /// `tables`: the table ids and patterns to generate (nil: every table), each with its line.
    public var tables: TableSelection?
    /// `unknownColumns`, when the file sets it (`options.unknownColumns` holds it too).
    public var unknownColumns: UnknownColumns?
    /// `swift.access`, when the file sets it.
    public var access: String?
    /// Everything under `swift:` and `required:`, with `access` at its default when not set.
    public var options: RenderOptions
    /// Every table and column the file names, with where, so names no page defines can be reported.
    public var references: [ConfigReference]
    /// `fetch`: where `schemagen fetch` gets pages from.
    public var fetch: FetchConfig?

    public init(file: String) {
        self.file = file
        options = RenderOptions()
        references = []
    }

    /// The file name schemagen looks for in the current folder when `--config` is not given.
    public static let defaultFileName = "schemagen.yml"

    /// Every key a config file may have, by section, for messages and Documentation/Configuration.md.
    public static let topLevelKeys = [
        "inputs", "output", "targets", "tables", "templates", "swift", "required", "unknownColumns", "fetch",
    ]
    public static let swiftKeys = [
        "access", "typePrefix", "namespace", "mutable", "client", "fileNames", "typeNames", "propertyNames", "types",
        "columnTypes",
    ]
}

/// A table (and maybe a column) named in a config file, and where.
public struct ConfigReference: Sendable, Hashable {
    /// The key path it was found under: `swift.propertyNames`, `required`, ...
    public var key: String
    public var table: String
    public var column: String?
    public var location: SourceLocation

    public init(key: String, table: String, column: String? = nil, location: SourceLocation) {
        self.key = key
        self.table = table
        self.column = column
        self.location = location
    }

    /// Warnings for references to tables no input defines, or to columns their table does not have.
    /// Warnings, not errors: one config can serve several sets of pages.
    public static func check(_ references: [ConfigReference], against schema: Schema) -> [Diagnostic] {
        guard !references.isEmpty else { return [] }
        // The columns of the tables referenced, not of the whole catalog.
        let referenced = Set(references.map(\.table))
        var columnsByTable: [String: Set<String>] = [:]
        for table in schema.tables where referenced.contains(table.id) {
            columnsByTable[table.id] = Set(table.fields.map(\.name))
        }
        return references.compactMap { ref in
            guard let columns = columnsByTable[ref.table] else {
                // Said once, at the table's key, not again for each of its columns.
                if ref.column != nil { return nil }
                return .warning("`\(ref.key)` names table `\(ref.table)`, which no input defines", at: ref.location)
            }
            if let column = ref.column, !columns.contains(column) {
                return .warning(
                    "`\(ref.key)` names column `\(column)`, which table `\(ref.table)` does not have",
                    at: ref.location)
            }
            return nil
        }
    }
}
