/// What the last successful run into an output folder read and wrote: every page and output with its
/// stamp and digest, each output's render key (or its blocks' keys), and the warnings it printed.
///
/// It is only ever a shortcut: `key` covers everything else that decides the output (schemagen's own
/// build, options, templates, the list of pages), every page and output is checked against its
/// recorded stamp or, when the stamp cannot be trusted, its content; anything else means a full run.
struct RunRecord: Sendable, Equatable {
    static let formatVersion = 6

    /// A file as it was when recorded.
    struct Entry: Sendable, Equatable {
        var path: String
        var stamp: FileStamp
        var hash: ContentHash
        /// For a per-table output, what it was rendered from (`RenderKey`); nil for pages and for
        /// outputs rendered every time.
        var renderKey: ContentHash? = nil
        /// For an output made of blocks (the SQL scripts), each block's render key and byte count, in
        /// file order: a later run keeps the blocks whose keys are unchanged, cut from the file.
        var blocks: [Block]? = nil
    }

    /// One block of an output: what it was rendered from (`RenderKey`) and how many bytes it is.
    struct Block: Sendable, Equatable {
        var key: ContentHash
        var length: Int
    }

    var key: ContentHash
    /// When the record was made (nanoseconds, wall clock): output stamps changed close to it are racy.
    var savedAt: Int64
    /// When the run took the pages' stamps: a page stamp changed close to it is racy, since an edit
    /// later in the same clock tick leaves the stamp as it was.
    var pagesStampedAt: Int64
    /// Pages in the order the run read them.
    var pages: [Entry]
    /// Output files relative to the output folder, the manifest included.
    var outputs: [Entry]
    /// What the run reported (warnings), shown again when a later run is skipped.
    var diagnostics: [Diagnostic]
}

// MARK: Binary form

extension RunRecord {
    private static var magic: [UInt8] { Array("schemagen-run v\(formatVersion)\n".utf8) }

    /// Sealed with a digest of the whole record, so a torn or damaged file is refused.
    var bytes: [UInt8] {
        var w = ByteWriter(prefix: Self.magic)
        w.integer64(Int64(bitPattern: key.value))
        w.integer64(savedAt)
        w.integer64(pagesStampedAt)
        for list in [pages, outputs] {
            w.integer(list.count)
            for entry in list {
                w.text(entry.path)
                w.stamp(entry.stamp)
                w.integer64(Int64(bitPattern: entry.hash.value))
                w.bool(entry.renderKey != nil)
                if let renderKey = entry.renderKey { w.integer64(Int64(bitPattern: renderKey.value)) }
                w.bool(entry.blocks != nil)
                if let blocks = entry.blocks {
                    w.integer(blocks.count)
                    for block in blocks {
                        w.integer64(Int64(bitPattern: block.key.value))
                        w.integer(block.length)
                    }
                }
            }
        }
        w.diagnostics(diagnostics)
        return w.seal()
    }

    /// Reads a record; nil for anything unexpected (an older format, a torn write, a damaged byte).
    init?(parsing data: [UInt8]) {
        guard var r = ByteReader(sealed: data), r.skip(Self.magic), let key = r.integer64(),
            let savedAt = r.integer64(), let pagesStampedAt = r.integer64()
        else { return nil }
        var lists: [[Entry]] = []
        for _ in 0..<2 {
            guard let count = r.integer(), count >= 0, count <= data.count else { return nil }
            var list: [Entry] = []
            list.reserveCapacity(count)
            for _ in 0..<count {
                guard let path = r.text(), let stamp = r.stamp(), let hash = r.integer64(), let hasKey = r.bool()
                else { return nil }
                var renderKey: ContentHash? = nil
                if hasKey {
                    guard let value = r.integer64() else { return nil }
                    renderKey = ContentHash(value: UInt64(bitPattern: value))
                }
                guard let hasBlocks = r.bool() else { return nil }
                var blocks: [Block]? = nil
                if hasBlocks {
                    guard let count = r.integer(), count >= 0, count <= data.count else { return nil }
                    var read: [Block] = []
                    read.reserveCapacity(count)
                    for _ in 0..<count {
                        guard let key = r.integer64(), let length = r.integer(), length >= 0 else { return nil }
                        read.append(Block(key: ContentHash(value: UInt64(bitPattern: key)), length: length))
                    }
                    blocks = read
                }
                list.append(
                    Entry(
                        path: path, stamp: stamp, hash: ContentHash(value: UInt64(bitPattern: hash)),
                        renderKey: renderKey,
                        blocks: blocks))
            }
            lists.append(list)
        }
        guard let diagnostics = r.diagnostics(), r.isAtEnd else { return nil }
        self.init(
            key: ContentHash(value: UInt64(bitPattern: key)), savedAt: savedAt, pagesStampedAt: pagesStampedAt,
            pages: lists[0], outputs: lists[1], diagnostics: diagnostics)
    }
}
