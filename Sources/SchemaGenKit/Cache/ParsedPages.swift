/// What each page parsed to on the last run into an output folder, so that a run after one page was
/// edited parses that page alone and takes the others' tables from here.
///
/// A page's entry is used only when the page's stamp is the recorded one and was not racy when
/// recorded; `key` covers what else decides a parse (schemagen's build, the limits). Anything
/// unexpected in the file is a miss: the page is parsed again.
///
/// The record is a base file and a delta beside it (`CacheStore`): a run that parsed a few pages
/// writes only their entries, to the delta, instead of 2,200 entries to the base. An entry of
/// either vouches for itself by its stamp, so a delta paired with another base is only less useful.
struct ParsedPages: Sendable {
    static let magic = Array("schemagen-pages v3\n".utf8)

    struct Entry: Sendable {
        var path: String
        var stamp: FileStamp
        var table: Table?
        var diagnostics: [Diagnostic]
        /// The entry's bytes in the record it was read from: written back as they are while the page
        /// is unchanged, so a one-page run encodes one entry, not 2,200.
        var encoded: ArraySlice<UInt8>? = nil
        /// When the record it was read from was saved (its stamp is racy relative to that).
        var recordedAt: Int64? = nil
        /// Read from the base record: a run that changes few entries leaves the base as it is.
        var inBase = false
        /// The table's `RenderKey.digest`, recorded with it: a one-page run then hashes one table, not
        /// 2,200. Made when the entry is written, if not given.
        var tableDigest: ContentHash? = nil
    }

    var key: ContentHash
    /// When the run that made the record took the pages' stamps (nanoseconds, wall clock): stamps
    /// changed close to it are racy.
    var savedAt: Int64
    var entries: [Entry]

    /// The entries of unchanged pages, by path.
    func reusable(stamps: [String: FileStamp]) -> [String: Entry] {
        var found: [String: Entry] = [:]
        found.reserveCapacity(entries.count)
        for entry in entries {
            guard let stamp = stamps[entry.path], stamp == entry.stamp,
                !stamp.isRacy(relativeTo: entry.recordedAt ?? savedAt)
            else {
                continue
            }
            found[entry.path] = entry
        }
        return found
    }

    /// This record with `delta`'s entries in place of its own for the same pages, and added for
    /// other pages.
    func overlaid(with delta: ParsedPages) -> ParsedPages {
        var index: [String: Int] = [:]
        for (i, entry) in entries.enumerated() { index[entry.path] = i }
        var merged = self
        for entry in delta.entries {
            if let i = index[entry.path] { merged.entries[i] = entry } else { merged.entries.append(entry) }
        }
        return merged
    }

    /// Everything that decides what a page parses to besides its bytes and path.
    static func key(limits: ParseLimits) -> ContentHash {
        ContentHash(Array(
            "schemagen-pages v3\u{0}\(RunKey.executableIdentity)\u{0}\(limits.maxPageBytes) \(limits.maxTableRows)".utf8))
    }
}

// MARK: Binary form

/// Each entry's length comes before the entries, so both writing and reading (2,200 tables on a
/// one-page run) are spread over all cores.
extension ParsedPages {
    var bytes: [UInt8] {
        let encoded = entries.parallelMap(chunk: 64) { entry -> ArraySlice<UInt8> in
            if let encoded = entry.encoded { return encoded }
            var w = ByteWriter()
            w.text(entry.path)
            w.stamp(entry.stamp)
            w.bool(entry.table != nil)
            if let table = entry.table {
                w.table(table)
                w.integer64(Int64(bitPattern: (entry.tableDigest ?? RenderKey.digest(table)).value))
            }
            w.diagnostics(entry.diagnostics)
            return w.bytes[...]
        }
        var w = ByteWriter(prefix: Self.magic)
        w.integer64(Int64(bitPattern: key.value))
        w.integer64(savedAt)
        w.integer(encoded.count)
        for entry in encoded { w.integer(entry.count) }
        var bytes = w.bytes
        bytes.reserveCapacity(bytes.count + encoded.reduce(0) { $0 + $1.count })
        for entry in encoded { bytes += entry }
        return bytes
    }

    init?(parsing data: [UInt8]) {
        var r = ByteReader(data)
        guard r.skip(Self.magic), let key = r.integer64(), let savedAt = r.integer64(), let count = r.integer(),
            count >= 0, count <= data.count
        else { return nil }
        // The entries follow the lengths; their total must be exactly what is left of the file.
        var lengths: [Int] = []
        lengths.reserveCapacity(count)
        var total = 0
        for _ in 0..<count {
            guard let length = r.integer(), length >= 0, length <= data.count - total else { return nil }
            lengths.append(length)
            total += length
        }
        guard r.offset + total == data.count else { return nil }
        var ranges: [Range<Int>] = []
        ranges.reserveCapacity(count)
        var start = r.offset
        for length in lengths {
            ranges.append(start..<(start + length))
            start += length
        }
        let entries = ranges.parallelChunks(chunk: 64) { run -> [Entry?] in
            var types = DataTypeSpellings()
            return run.map { range -> Entry? in
                var r = ByteReader(data, from: range.lowerBound)
                guard let path = r.text(), let stamp = r.stamp(), let hasTable = r.bool() else { return nil }
                var table: Table? = nil, digest: ContentHash? = nil
                if hasTable {
                    guard let read = r.table(types: &types), let value = r.integer64() else { return nil }
                    table = read
                    digest = ContentHash(value: UInt64(bitPattern: value))
                }
                guard let diagnostics = r.diagnostics(), r.offset == range.upperBound else { return nil }
                return Entry(
                    path: path, stamp: stamp, table: table, diagnostics: diagnostics, encoded: data[range],
                    recordedAt: savedAt, tableDigest: digest)
            }
        }
        guard entries.allSatisfy({ $0 != nil }) else { return nil }
        self.init(key: ContentHash(value: UInt64(bitPattern: key)), savedAt: savedAt, entries: entries.map { $0! })
    }
}

extension ByteWriter {
    mutating func table(_ t: Table) {
        text(t.id)
        text(t.title)
        text(t.summary)
        bool(t.deprecated)
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
    /// A table; `types` holds the data types already parsed. Its fields are checked here and
    /// decoded when first read: a one-page run reads few of them.
    mutating func table(types: inout DataTypeSpellings) -> Table? {
        guard let id = text(), let title = text(), let summary = text(), let deprecated = bool(),
            let source = location(), let fieldCount = integer(), fieldCount >= 0
        else { return nil }
        let fieldsStart = self
        var baseTypes = FieldList.BaseTypes()
        for _ in 0..<fieldCount {
            guard skipText(), skipOptionalText(), skipText(), let type = dataTypeIndex(types: &types), skipText(),
                integer() != nil
            else { return nil }
            baseTypes.formUnion(types.baseTypes(type))
        }
        let fieldList = FieldList(count: fieldCount, baseTypes: baseTypes) {
            var r = fieldsStart
            guard let fields = r.fields(count: fieldCount) else {
                preconditionFailure("fields checked when the parse record was read no longer decode")
            }
            return fields
        }
        guard let parameterCount = integer(), parameterCount >= 0 else { return nil }
        var parameters: [QueryParameter] = []
        for _ in 0..<parameterCount {
            guard let name = text(), let type = text(), let required = bool(), let description = text(),
                let line = integer()
            else { return nil }
            parameters.append(QueryParameter(name: name, type: type, required: required, description: description, line: line))
        }
        return Table(
            id: id, title: title, summary: summary, deprecated: deprecated, source: source, fieldList: fieldList,
            queryParameters: parameters)
    }

    /// What `ByteWriter.table` wrote for `count` fields.
    private mutating func fields(count: Int) -> [Field]? {
        var types = DataTypeSpellings()
        var fields: [Field] = []
        fields.reserveCapacity(min(count, 100_000))
        for _ in 0..<count {
            guard let name = text(), let fieldTitle = optionalText(), let variant = text(),
                let type = dataTypeIndex(types: &types), let description = text(), let line = integer()
            else { return nil }
            fields.append(Field(
                name: name, title: fieldTitle, variant: variant, dataType: types[type], description: description,
                line: line))
        }
        return fields
    }

    /// A data type's spelling, as its place in `types`, which parses each spelling once.
    private mutating func dataTypeIndex(types: inout DataTypeSpellings) -> Int? {
        withTextBytes { types.index(spelledBy: $0) } ?? nil
    }
}
