/// What a per-table file is rendered from, as one digest: the kind of file, the tables it is made from
/// as parsed, and the names decided across tables that it uses (`PlannedFile.Sources`). The run key
/// covers everything else that goes into it (templates, options, schemagen's build), so two runs with
/// the same run key and the same render key for a file render the same bytes.
///
/// That a file depends on nothing else is what `IncrementalRunTests.keysThatStayTheSameMeanTheSameBytes`
/// checks: files whose keys are unchanged after an edit elsewhere render to the same bytes.
enum RenderKey {
    /// `shared` is the key of what every block of a file reads besides its own sources
    /// (`PlannedFile.Blocks.shared`); nil for a whole file.
    static func make(
        _ sources: PlannedFile.Sources, shared: ContentHash? = nil, tableDigest: (Table) -> ContentHash
    ) -> ContentHash {
        var h = ContentHasher()
        h.combine(shared != nil)
        if let shared { h.combine(shared.value) }
        h.combine(sources.kind)
        h.combine(sources.tables.count)
        for table in sources.tables { h.combine(tableDigest(table).value) }
        h.combine(sources.names.count)
        for name in sources.names { h.combine(name) }
        return h.digest
    }

    /// Everything a page's table holds, each count before its items.
    static func digest(_ table: Table) -> ContentHash {
        var h = ContentHasher()
        for text in [table.id, table.namespace, table.name, table.title, table.summary, table.source.file] {
            h.combine(text)
        }
        h.combine(table.deprecated)
        h.combine(table.deprecationNotice != nil)
        if let notice = table.deprecationNotice { h.combine(notice) }
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
}

/// Each table's digest, made once per run although a table feeds several files (its Swift file, its
/// JSON Schema, its block of each SQL script). The files of one plan come from one schema, where a
/// table id names one table; a table whose id is known from another place is digested on its own.
struct TableDigests: Sendable {
    private let byID: [String: (source: SourceLocation, digest: ContentHash)]

    init(_ planned: [PlannedFile]) {
        var seen = Set<String>()
        var tables: [Table] = []
        func add(_ sources: PlannedFile.Sources) {
            for table in sources.tables where seen.insert(table.id).inserted { tables.append(table) }
        }
        for file in planned {
            if let sources = file.sources { add(sources) }
            for block in file.blocks?.items ?? [] { add(block.sources) }
        }
        let digests = tables.parallelMap(chunk: 32) { RenderKey.digest($0) }
        var byID: [String: (source: SourceLocation, digest: ContentHash)] = [:]
        byID.reserveCapacity(tables.count)
        for (table, digest) in zip(tables, digests) { byID[table.id] = (table.source, digest) }
        self.byID = byID
    }

    func digest(_ table: Table) -> ContentHash {
        if let known = byID[table.id], known.source == table.source { return known.digest }
        return RenderKey.digest(table)
    }
}
