/// What each page parsed to on the last run into an output folder, so that a run after one page was
/// edited parses that page alone and takes the other tables from here.
///
/// An entry is used only when its page's stamp is the recorded one and was not racy when recorded, and
/// when the entry's own digest holds: a damaged entry is a miss for that page (it is parsed again),
/// never a changed table. `key` covers what else decides a parse (schemagen's build, the limits).
struct ParseRecord: Sendable {
    static let magic = Array("schemagen-pages v5\n".utf8)

    struct Entry: Sendable, Equatable {
        var path: String
        var stamp: FileStamp
        var table: Table?
        var diagnostics: [Diagnostic]
        /// The table's digest (`RenderKey.digest`), made from its bytes when read from a record.
        var tableDigest: ContentHash? = nil
    }

    var key: ContentHash
    /// When the run that made the record took the pages' stamps (nanoseconds, wall clock): stamps
    /// changed close to it are racy.
    var savedAt: Int64
    var entries: [Entry]
    /// Beside each entry, its bytes as read from a record (digest included), or nil for an entry made
    /// in this run: an entry carried over to the next record is written back as it was read, never
    /// encoded and digested again.
    var sealed: [ArraySlice<UInt8>?]

    init(key: ContentHash, savedAt: Int64, entries: [Entry], sealed: [ArraySlice<UInt8>?]? = nil) {
        self.key = key
        self.savedAt = savedAt
        self.entries = entries
        self.sealed = sealed ?? Array(repeating: nil, count: entries.count)
    }

    /// The index of each entry whose page's stamp is as recorded, by path.
    func reusable(stamps: [String: FileStamp]) -> [String: Int] {
        var found: [String: Int] = [:]
        found.reserveCapacity(entries.count)
        for (i, entry) in entries.enumerated() {
            guard let stamp = stamps[entry.path], stamp == entry.stamp, !stamp.isRacy(relativeTo: savedAt) else {
                continue
            }
            found[entry.path] = i
        }
        return found
    }

    /// Everything that decides what a page parses to besides its bytes and path.
    static func key(limits: ParseLimits) -> ContentHash {
        ContentHash(
            Array(
                "schemagen-pages v5\u{0}\(RunKey.executableIdentity)\u{0}\(limits.maxPageBytes) \(limits.maxTableRows)"
                    .utf8))
    }
}

// MARK: Binary form

/// The header, then each entry as its length, its bytes and a digest of them: one damaged entry costs
/// only its page's parse, and the entries are encoded and decoded on all cores. An entry read from a
/// record is written back as its bytes were read: the same entry, the same bytes.
extension ParseRecord {
    var bytes: [UInt8] {
        Array(parts.joined())
    }

    /// The record's bytes in order, the sealed header and then each entry's bytes, written one after the
    /// other without joining them first: a 2,200-page record is megabytes.
    var parts: [ArraySlice<UInt8>] {
        let encoded = Array(entries.indices).parallelMap(chunk: 64) { i -> ArraySlice<UInt8> in
            if let bytes = sealed[i] { return bytes }
            let entry = entries[i]
            var w = ByteWriter()
            w.text(entry.path)
            w.stamp(entry.stamp)
            w.bool(entry.table != nil)
            if let table = entry.table { w.table(table) }
            w.diagnostics(entry.diagnostics)
            return ArraySlice(w.seal())
        }
        var w = ByteWriter(prefix: Self.magic)
        w.integer64(Int64(bitPattern: key.value))
        w.integer64(savedAt)
        w.integer(encoded.count)
        for entry in encoded { w.integer(entry.count) }
        return [ArraySlice(w.seal())] + encoded
    }

    /// Reads a record; nil when its header is damaged, and without each entry whose digest fails.
    init?(parsing data: [UInt8]) {
        var header = ByteReader(data)
        guard header.skip(Self.magic), header.integer64() != nil, header.integer64() != nil,
            let count = header.integer(), count >= 0, count <= data.count
        else { return nil }
        var lengths: [Int] = []
        var total = 0
        for _ in 0..<count {
            guard let length = header.integer(), length >= 8, length <= data.count - total else { return nil }
            lengths.append(length)
            total += length
        }
        // The header is sealed too: a damaged length would shift every entry after it.
        let headerEnd = header.offset + 8
        guard headerEnd + total == data.count, var r = ByteReader(sealed: data, in: 0..<headerEnd),
            r.skip(Self.magic), let key = r.integer64(), let savedAt = r.integer64()
        else { return nil }
        var ranges: [Range<Int>] = []
        var start = headerEnd
        for length in lengths {
            ranges.append(start..<(start + length))
            start += length
        }
        let entries = ranges.parallelChunks(chunk: 64) { run -> [(Entry, ArraySlice<UInt8>)?] in
            // Tables of one record share a handful of type spellings: each is parsed once per run of entries.
            var types: [String: DataType] = [:]
            return run.map { range -> (Entry, ArraySlice<UInt8>)? in
                guard var r = ByteReader(sealed: data, in: range), let path = r.text(), let stamp = r.stamp(),
                    let hasTable = r.bool()
                else { return nil }
                var table: Table? = nil
                var digest: ContentHash? = nil
                if hasTable {
                    let start = r.offset
                    guard let read = r.table(types: &types) else { return nil }
                    table = read
                    digest = data.withUnsafeBytes {
                        RenderKey.digest(encoded: UnsafeRawBufferPointer(rebasing: $0[start..<r.offset]), of: read)
                    }
                }
                guard let diagnostics = r.diagnostics(), r.isAtEnd else { return nil }
                let entry = Entry(
                    path: path, stamp: stamp, table: table, diagnostics: diagnostics, tableDigest: digest)
                return (entry, data[range])
            }
        }
        let read = entries.compactMap { $0 }
        self.init(
            key: ContentHash(value: UInt64(bitPattern: key)), savedAt: savedAt, entries: read.map(\.0),
            sealed: read.map(\.1))
    }
}

extension ByteWriter {
    mutating func table(_ t: Table) {
        text(t.id)
        text(t.title)
        text(t.summary)
        bool(t.deprecated)
        optionalText(t.deprecationNotice)
        location(t.source)
        integer(t.fields.count)
        for f in t.fields {
            text(f.name)
            optionalText(f.title)
            text(f.variant)
            text(f.dataType.spelling)
            text(f.description)
            integer(f.line)
        }
        integer(t.queryParameters.count)
        for p in t.queryParameters {
            text(p.name)
            text(p.type)
            bool(p.required)
            text(p.description)
            integer(p.line)
        }
    }
}

extension ByteReader {
    /// What `ByteWriter.table` wrote; nil for anything else. `types` holds the data types already
    /// parsed from their spellings.
    mutating func table(types: inout [String: DataType]) -> Table? {
        guard let id = text(), let title = text(), let summary = text(), let deprecated = bool(),
            let notice = optionalText(), let source = location(), let fieldCount = integer(), fieldCount >= 0
        else { return nil }
        var fields: [Field] = []
        fields.reserveCapacity(Swift.min(fieldCount, 1024))
        for _ in 0..<fieldCount {
            guard let name = text(), let fieldTitle = optionalText(), let variant = text(), let spelling = text(),
                let description = text(), let line = integer()
            else { return nil }
            let type: DataType
            if let known = types[spelling] {
                type = known
            } else {
                guard let parsed = DataType(parsing: spelling) else { return nil }
                type = parsed
                types[spelling] = parsed
            }
            fields.append(
                Field(
                    name: name, title: fieldTitle, variant: variant, dataType: type, description: description,
                    line: line))
        }
        guard let parameterCount = integer(), parameterCount >= 0 else { return nil }
        var parameters: [QueryParameter] = []
        for _ in 0..<parameterCount {
            guard let name = text(), let type = text(), let required = bool(), let description = text(),
                let line = integer()
            else { return nil }
            parameters.append(
                QueryParameter(name: name, type: type, required: required, description: description, line: line))
        }
        return Table(
            id: id, title: title, summary: summary, deprecated: deprecated, source: source, fields: fields,
            queryParameters: parameters, deprecationNotice: notice)
    }
}
