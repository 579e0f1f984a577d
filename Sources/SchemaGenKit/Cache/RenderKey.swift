/// What a per-table file is rendered from, as one digest: the kind of file, the tables it is made from
/// as parsed, and the names decided across tables that it uses (`PlannedFile.Sources`). The run key
/// covers everything else that goes into it (templates, options, schemagen's build), so two runs with
/// the same run key and the same render key for a file render the same bytes.
///
/// That a file depends on nothing else is what `IncrementalRunTests.keysThatStayTheSameMeanTheSameBytes`
/// checks: files whose keys are unchanged after an edit elsewhere render to the same bytes.
enum RenderKey {
    static func make(_ sources: PlannedFile.Sources, tableDigest: (Table) -> ContentHash) -> ContentHash {
        var h = ContentHasher()
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
