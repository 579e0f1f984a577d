/// The files of the last run into the output folder that are still on disk exactly as it wrote
/// them, each with the key of what it was rendered from. A file whose key comes out the same in this
/// run is kept as it is: not rendered, not read back and compared, not written.
///
/// Keys (`RenderKey`) are only comparable between runs with the same `RunKey`: the caller offers
/// reuse only then.
struct RenderReuse: Sendable {
    struct File: Sendable {
        var renderKey: ContentHash
        /// The digest of the file's bytes, recorded again for the next run.
        var hash: ContentHash
    }

    var files: [String: File] = [:]
    /// What the last run's render stage memoized, by key: rendered blocks of keyed lists (see
    /// `FragmentMemo`), and an empty block for each table whose Swift properties were named without
    /// a warning.
    var fragments: [ContentHash: Fragment] = [:]
    /// Table digests (`RenderKey.digest`) the cache recorded with the tables, by table id.
    var tableDigests: [String: ContentHash] = [:]

    /// The digest of the file at `path` if it can be kept: rendered last time from `key`.
    func keptHash(_ path: String, key: ContentHash) -> ContentHash? {
        guard let file = files[path], file.renderKey == key else { return nil }
        return file.hash
    }
}

/// What the render stage produced when asked to reuse: the files it rendered, the files it kept from
/// the last run, and every per-table file's render key for the next run's record.
struct IncrementalRender: Sendable {
    var files: [OutputFile]
    /// Kept files by path, with the digest of their bytes.
    var kept: [String: ContentHash]
    var renderKeys: [String: ContentHash]
    /// Everything this render memoized or used from the memo, for the next run (`RenderReuse.fragments`).
    var fragments: [ContentHash: Fragment]
    var diagnostics: [Diagnostic]
    /// The keys of the `fragments` that are slices of each rendered file, by path: the cache records
    /// where in that file each block is instead of a copy of it. The rest are empty markers.
    var fragmentFiles: [String: [ContentHash]] = [:]
}

/// What a per-table file is rendered from, as one digest. The run key already covers the templates
/// and every option, so what is left is the table as parsed and the names decided across tables
/// (a Swift type name or file name another table claimed first).
///
/// That a model depends on nothing else is what `IncrementalRunTests.keysThatStayTheSameMeanTheSameBytes` checks: tables whose keys are
/// unchanged after an edit elsewhere render to the same bytes.
enum RenderKey {
    /// Each table's digest, by id (ids are unique in a schema); those in `known` are taken from there.
    static func tableDigests(_ schema: Schema, known: [String: ContentHash] = [:]) -> [String: ContentHash] {
        let values = schema.tables.parallelMap { known[$0.id] ?? digest($0) }
        var digests: [String: ContentHash] = [:]
        digests.reserveCapacity(values.count)
        for (i, digest) in values.enumerated() { digests[schema.tables[i].id] = digest }
        return digests
    }

    /// Everything a page's table holds, each count before its items.
    static func digest(_ table: Table) -> ContentHash {
        var h = ContentHasher()
        for text in [table.id, table.namespace, table.name, table.title, table.summary, table.source.file] { h.combine(text) }
        h.combine(table.deprecated)
        h.combine(table.source.line)
        h.combine(table.source.column)
        h.combine(table.fields.count)
        for f in table.fields {
            h.combine(f.name)
            h.combine(f.title != nil)
            if let title = f.title { h.combine(title) }
            h.combine(f.variant)
            h.combine(f.dataType.spelling)
            h.combine(f.description)
            h.combine(f.line)
        }
        h.combine(table.queryParameters.count)
        for p in table.queryParameters {
            h.combine(p.name)
            h.combine(p.type)
            h.combine(p.required)
            h.combine(p.description)
            h.combine(p.line)
        }
        return h.digest
    }

    /// The memo key that marks a table (by digest) whose Swift properties were named without a warning.
    static func quietProperties(_ table: ContentHash) -> ContentHash {
        make("swift-properties", tables: [table], names: [])
    }

    /// The marker that the table's columns are distinct to SQLite (`SQLiteNames`).
    static func quietSQLiteColumns(_ table: ContentHash) -> ContentHash {
        make("sqlite-columns", tables: [table], names: [])
    }

    /// The key of a file made from `tables` (digests, in file order) with the names in `names`.
    static func make(_ kind: String, tables: [ContentHash], names: [String]) -> ContentHash {
        var h = ContentHasher()
        h.combine(kind)
        h.combine(tables.count)
        for t in tables { h.combine(t.value) }
        h.combine(names.count)
        for n in names { h.combine(n) }
        return h.digest
    }
}
