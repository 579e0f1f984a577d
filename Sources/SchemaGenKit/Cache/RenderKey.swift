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
        // By index: binding each table would copy all its texts.
        for i in sources.tables.indices { h.combine(tableDigest(sources.tables[i]).value) }
        h.combine(sources.names.count)
        for name in sources.names { h.combine(name) }
        return h.digest
    }

    /// Everything a table holds: the digest of its binary form in the parse record (`ByteWriter.table`)
    /// and the parts of its id, which that form derives from the id.
    static func digest(_ table: Table) -> ContentHash {
        var w = ByteWriter()
        w.table(table)
        return w.bytes.withUnsafeBytes { digest(encoded: $0, of: table) }
    }

    /// The digest of `table`, whose binary form `encoded` already is (a parse record's entry).
    static func digest(encoded: UnsafeRawBufferPointer, of table: Table) -> ContentHash {
        var h = ContentHasher()
        h.combine(ContentHash(encoded).value)
        h.combine(table.namespace)
        h.combine(table.name)
        return h.digest
    }
}

/// Each table's digest, made once per run although a table feeds several files (its Swift file, its
/// JSON Schema, its block of each SQL script). The files of one plan come from one schema, where a
/// table id names one table; a table whose id is known from another place is digested on its own.
struct TableDigests: Sendable {
    /// A table's digest known before the plan (read with the table from the parse record), with where
    /// the table was read, which a table must share to take it: tables reach the plan as parsed.
    struct Known: Sendable {
        var source: SourceLocation
        var digest: ContentHash
    }

    private let byID: [String: Known]

    init(_ planned: [PlannedFile], known: [String: Known] = [:]) {
        var seen = Set<String>()
        var tables: [Table] = []
        func add(_ sources: PlannedFile.Sources) {
            // By index: binding each table would copy all its texts.
            for i in sources.tables.indices where seen.insert(sources.tables[i].id).inserted {
                if let digest = known[sources.tables[i].id], digest.source == sources.tables[i].source { continue }
                tables.append(sources.tables[i])
            }
        }
        for file in planned {
            if let sources = file.sources { add(sources) }
            for block in file.blocks?.items ?? [] { add(block.sources) }
        }
        let digests = tables.parallelMap(chunk: 32) { RenderKey.digest($0) }
        var byID = known
        byID.reserveCapacity(known.count + tables.count)
        for (table, digest) in zip(tables, digests) { byID[table.id] = Known(source: table.source, digest: digest) }
        self.byID = byID
    }

    func digest(_ table: Table) -> ContentHash {
        if let known = byID[table.id], known.source == table.source { return known.digest }
        return RenderKey.digest(table)
    }
}
