import Foundation

/// The generation cache around one run's stages, for one output folder: what the last successful run
/// recorded, checked against the pages and outputs as they are now.
///
/// It wraps stages without entering them: `parse` hands the stage only the pages whose parse is not
/// recorded; `render` hands the stage only the planned files it cannot keep; `record` writes down what
/// the run read and wrote. A cached run gives the same bytes and diagnostics as a run without cache.
struct GenerationCache: Sendable {
    let store: CacheStore
    let outputDirectory: String
    let key: ContentHash
    /// What decides a page's parse besides its bytes (see `ParseRecord`).
    let parseKey: ContentHash
    let pages: [String]
    /// The pages' stamps before anything was read, so a page edited during the run is noticed.
    let pageStamps: [FileStamp?]
    /// When `pageStamps` were taken: what a page stamp is racy relative to (see `FileStamp.isRacy`).
    let stampedAt: Int64
    /// What the record says about this run, looked up when the cache is opened.
    let lookup: Lookup
    /// The digest of each table taken from the parse record, by id, for the render keys.
    private let recordedDigests = LockedValue<[String: TableDigests.Known]>([:])
    /// The parse record to write, made by `parse`. After an edit it is started once the render stage is
    /// done, and written while the run plans and carries out its write, which leave a core free.
    private let pendingParseRecord = LockedValue<(@Sendable () -> Void)?>(nil)
    private let writes = BackgroundWork()

    /// What the record says about this run before it does any work.
    struct Lookup: Sendable {
        /// The recorded run, when nothing changed.
        var unchangedRun: RunRecord? = nil
        /// Each page found as recorded, by index, with its size and digest.
        var unchangedPages: [Int: (size: Int, hash: ContentHash)] = [:]
        /// Each output found as recorded, by path, with the stamp the lookup saw (empty unless the run
        /// key is the same).
        var unchangedOutputs: [String: RunRecord.Entry] = [:]
        /// The bytes of each output made of blocks that the lookup read to compare, by path: the render
        /// stage cuts kept blocks from them.
        var outputBytes: [String: [UInt8]] = [:]
    }

    init(store: CacheStore, request: GenerationRequest, templates: TemplateSet, pages: [String]) {
        self.store = store
        outputDirectory = request.outputDirectory
        self.pages = pages
        key = RunKey.make(request: request, templates: templates, pages: pages)
        parseKey = ParseRecord.key(limits: request.limits)
        stampedAt = FileStamp.now()
        pageStamps = pages.parallelMap(FileStamp.of)
        lookup = Self.lookUp(
            store: store, key: key, outputDirectory: outputDirectory, pages: pages, stamps: pageStamps,
            lookedAt: stampedAt)
    }

    /// The recorded run, when the key matches and every page and output is as it left them.
    var unchangedRun: RunRecord? { lookup.unchangedRun }

    private static func lookUp(
        store: CacheStore, key: ContentHash, outputDirectory: String, pages: [String], stamps: [FileStamp?],
        lookedAt: Int64
    ) -> Lookup {
        guard let record = store.loadRun(forOutput: outputDirectory), record.key == key,
            record.pages.map(\.path) == pages
        else { return Lookup() }
        let pageResults = Array(record.pages.indices).parallelMap { i in
            isUnchanged(pages[i], stamp: stamps[i], record.pages[i], savedAt: record.pagesStampedAt)
        }
        // Each output found as recorded, with the stamp it has now (which the record may not have, when
        // its bytes had to be compared). A stamp changed just before or while the lookup looked could stay
        // the same through a further change within the file system's clock tick: such a file is recorded
        // with a stamp no file has, so the next run compares its bytes again.
        let outputResults = record.outputs.parallelMap { entry -> (RunRecord.Entry, [UInt8]?)? in
            let path = OutputFileSystem.join(outputDirectory, entry.path)
            let stamp = FileStamp.of(path)
            if let stamp, stamp == entry.stamp, !entry.stamp.isRacy(relativeTo: record.savedAt) { return (entry, nil) }
            // Compared by content: the bytes of a file made of blocks are kept for the render stage.
            guard let bytes = try? OutputFileSystem.readFile(at: path), let stamp,
                Int64(bytes.count) == entry.stamp.size, ContentHash(bytes) == entry.hash
            else { return nil }
            var seen = entry
            seen.stamp = stamp.isRacy(relativeTo: lookedAt) ? stamp.neverMatching : stamp
            return (seen, entry.blocks != nil ? bytes : nil)
        }
        if pageResults.allSatisfy({ $0 }) && outputResults.allSatisfy({ $0 != nil }) {
            return Lookup(unchangedRun: record)
        }
        var lookup = Lookup()
        lookup.unchangedOutputs.reserveCapacity(outputResults.count)
        for case (let entry, let bytes)? in outputResults {
            lookup.unchangedOutputs[entry.path] = entry
            if let bytes { lookup.outputBytes[entry.path] = bytes }
        }
        for i in pageResults.indices where pageResults[i] {
            lookup.unchangedPages[i] = (Int(record.pages[i].stamp.size), record.pages[i].hash)
        }
        return lookup
    }

    // MARK: Around the parse stage

    /// Takes the recorded parse of each page whose stamp is as recorded and hands the rest to `parse`;
    /// records the result for the next run, each page stamped as it was before this run read it. The
    /// record is written on another thread (`finishWrites` waits for it).
    func parse(_ paths: [String], with parse: ([String]) -> [ParsedPage]) -> [ParsedPage] {
        var stamps: [String: FileStamp] = [:]
        for (i, path) in pages.enumerated() { stamps[path] = pageStamps[i] }
        let record = store.loadParses(forOutput: outputDirectory)
        let reusable = record.map { $0.key == parseKey ? $0.reusable(stamps: stamps) : [:] } ?? [:]
        let missing = paths.filter { reusable[$0] == nil }
        var fresh: [String: ParsedPage] = [:]
        for page in parse(missing) { fresh[page.path] = page }
        var known: [String: TableDigests.Known] = [:]
        let parsed = paths.map { path in
            if let page = fresh[path] { return page }
            let entry = record!.entries[reusable[path]!]
            if let table = entry.table, let digest = entry.tableDigest {
                known[table.id] = TableDigests.Known(source: table.source, digest: digest)
            }
            return ParsedPage(path: path, table: entry.table, diagnostics: entry.diagnostics)
        }
        recordedDigests.value = known
        if !missing.isEmpty || record?.entries.count != paths.count {
            let (store, outputDirectory, parseKey, stampedAt) = (store, outputDirectory, parseKey, stampedAt)
            pendingParseRecord.value = { [stamps, fresh] in
                var entries: [ParseRecord.Entry] = []
                var sealed: [ArraySlice<UInt8>?] = []
                for page in parsed {
                    guard let stamp = stamps[page.path] else { continue }
                    entries.append(
                        ParseRecord.Entry(
                            path: page.path, stamp: stamp, table: page.table, diagnostics: page.diagnostics))
                    // A reused entry's stamp is the one recorded: its bytes as read are its bytes now.
                    sealed.append(fresh[page.path] == nil ? reusable[page.path].flatMap { record?.sealed[$0] } : nil)
                }
                store.saveParses(
                    ParseRecord(key: parseKey, savedAt: stampedAt, entries: entries, sealed: sealed),
                    forOutput: outputDirectory)
            }
            // Entries taken from the record are written back from the bytes already read; pages parsed in this
            // run are encoded anew. Many of those (a first run) are written right away, so their bytes are freed
            // before the render stage makes every file.
            if missing.count > paths.count / 8 { startWrites() }
        }
        return parsed
    }

    /// Starts writing the parse record `parse` made, if it is not being written yet.
    private func startWrites() {
        let work = pendingParseRecord.take()
        if let work { writes.start(work) }
    }

    /// Writes what is left and waits for the records being written in the background: before the output
    /// folder's lock is released, so the next run reads them whole.
    func finishWrites() {
        startWrites()
        writes.wait()
    }

    // MARK: Around the render stage

    /// Keeps each planned per-table file whose render key is the recorded one and which is still on
    /// disk as recorded, and hands the rest to `render`. A file made of blocks (a SQL script) is kept
    /// whole when every block's key is the recorded one; otherwise it is handed to `render` as a file
    /// joined from the blocks whose keys are recorded, cut from the file on disk, and the others rendered.
    func render(_ planned: [PlannedFile], with render: ([PlannedFile]) -> [OutputFile]) -> RenderedFiles {
        let digests = TableDigests(planned, known: recordedDigests.value)
        let keys = planned.parallelMap(chunk: 16) { file in
            file.sources.map { RenderKey.make($0, tableDigest: digests.digest) }
        }
        var result = RenderedFiles(files: [])
        var pending: [PlannedFile] = []
        var joined: [(path: String, keys: [ContentHash], lengths: BlockLengths)] = []
        for (file, key) in zip(planned, keys) {
            if let blocks = file.blocks {
                let shared = RenderKey.make(blocks.shared, tableDigest: digests.digest)
                let blockKeys = blocks.items.parallelMap(chunk: 64) {
                    RenderKey.make($0.sources, shared: shared, tableDigest: digests.digest)
                }
                let recorded = lookup.unchangedOutputs[file.path]
                if let recorded, let recordedBlocks = recorded.blocks, recordedBlocks.map(\.key) == blockKeys {
                    result.kept.append((file.path, recorded.hash))
                    result.blocks[file.path] = recordedBlocks
                    continue
                }
                let kept = recorded.flatMap { keptBlocks(of: file.path, recorded: $0) } ?? [:]
                let parts = zip(blocks.items, blockKeys).map { block, key in kept[key] ?? .rendered(block.make) }
                result.keptBlockCounts[file.path] = parts.count { if case .kept = $0 { true } else { false } }
                let lengths = BlockLengths()
                pending.append(PlannedFile(path: file.path, sources: nil) { Self.join(parts, lengths: lengths) })
                joined.append((file.path, blockKeys, lengths))
                continue
            }
            guard let key else {
                pending.append(file)
                continue
            }
            result.renderKeys[file.path] = key
            if let recorded = lookup.unchangedOutputs[file.path], recorded.renderKey == key {
                result.kept.append((file.path, recorded.hash))
            } else {
                pending.append(file)
            }
        }
        result.files = render(pending)
        startWrites()
        for (path, keys, lengths) in joined {
            result.blocks[path] = zip(keys, lengths.values).map { RunRecord.Block(key: $0, length: $1) }
        }
        return result
    }

    /// A block of a file being joined: bytes cut from the file on disk, or a block to render.
    private enum BlockPart: Sendable {
        case kept(ArraySlice<UInt8>)
        case rendered(@Sendable () -> [UInt8])
    }

    /// The byte count of each block of a joined file, noted as the render stage joins it (on whichever
    /// core renders the file), for the run record.
    private final class BlockLengths: @unchecked Sendable {
        private let lock = NSLock()
        private var noted: [Int] = []

        var values: [Int] { lock.withLock { noted } }

        func note(_ lengths: [Int]) { lock.withLock { noted = lengths } }
    }

    /// A file's bytes from its parts in order, one block rendered at a time.
    private static func join(_ parts: [BlockPart], lengths: BlockLengths) -> [UInt8] {
        var bytes: [UInt8] = []
        var counts: [Int] = []
        counts.reserveCapacity(parts.count)
        bytes.reserveCapacity(parts.reduce(0) { if case .kept(let kept) = $1 { $0 + kept.count } else { $0 } } + 4096)
        for part in parts {
            let start = bytes.count
            switch part {
            case .kept(let kept): bytes += kept
            case .rendered(let make): bytes += make()
            }
            counts.append(bytes.count - start)
        }
        lengths.note(counts)
        return bytes
    }

    /// The recorded blocks of an output, by render key, cut from the file: only when the file still
    /// holds the bytes recorded, block lengths and all.
    private func keptBlocks(of path: String, recorded: RunRecord.Entry) -> [ContentHash: BlockPart]? {
        guard let blocks = recorded.blocks,
            let bytes = lookup.outputBytes[path]
                ?? (try? OutputFileSystem.readFile(at: OutputFileSystem.join(outputDirectory, path))).flatMap({
                    ContentHash($0) == recorded.hash ? $0 : nil
                }),
            bytes.count == blocks.reduce(0, { $0 + $1.length })
        else { return nil }
        var found: [ContentHash: BlockPart] = [:]
        var start = 0
        for block in blocks {
            if found[block.key] == nil { found[block.key] = .kept(bytes[start..<(start + block.length)]) }
            start += block.length
        }
        return found
    }

    // MARK: After the write

    /// Records a successful run: its pages with the stamps they had before it read them (so one edited
    /// since differs from its record), the outputs it wrote with their stamps as written, the others with
    /// the stamps the lookup saw.
    func record(
        _ rendered: RenderedFiles, parsed: [ParsedPage], placed: [String: FileStamp], diagnostics: [Diagnostic]
    ) {
        TestPause.at("record")
        let readDigests = Dictionary(
            uniqueKeysWithValues: parsed.compactMap { page in page.read.map { (page.path, $0) } })
        let pageEntries = Array(pages.indices).parallelMap { i -> RunRecord.Entry? in
            guard let before = pageStamps[i] else { return nil }
            if let (size, hash) = readDigests[pages[i]] ?? lookup.unchangedPages[i] {
                return Int64(size) == before.size ? RunRecord.Entry(path: pages[i], stamp: before, hash: hash) : nil
            }
            // A page whose parse came from the parse record: read it now, and only if still as stamped.
            guard let (size, hash) = ContentHash.ofFile(at: pages[i]), FileStamp.of(pages[i]) == before,
                Int64(size) == before.size
            else { return nil }
            return RunRecord.Entry(path: pages[i], stamp: before, hash: hash)
        }
        let hashes = rendered.files.parallelMap(chunk: 32) { ContentHash($0.bytes) }
        var outputs =
            zip(rendered.files.map(\.path), hashes).map { ($0, $1) } + rendered.kept.map { ($0.path, $0.hash) }
        outputs.sort { String.precedesByBytes($0.0, $1.0) }
        let manifest = OutputFileSystem.join(outputDirectory, OutputManifest.fileName)
        guard let (_, manifestHash) = ContentHash.ofFile(at: manifest) else { return forget() }
        outputs.append((OutputManifest.fileName, manifestHash))
        let outputEntries = outputs.parallelMap { path, hash -> RunRecord.Entry? in
            let (renderKey, blocks) = (rendered.renderKeys[path], rendered.blocks[path])
            // A file this run did not place, found by the lookup as recorded and with the same bytes, keeps
            // the stamp the lookup saw: a change since then changes the stamp, which the next run notices.
            if placed[path] == nil, let seen = lookup.unchangedOutputs[path], seen.hash == hash {
                return RunRecord.Entry(path: path, stamp: seen.stamp, hash: hash, renderKey: renderKey, blocks: blocks)
            }
            // A file the writer placed must still be the one it placed.
            guard let now = FileStamp.of(OutputFileSystem.join(outputDirectory, path)), (placed[path] ?? now) == now
            else { return nil }
            return RunRecord.Entry(path: path, stamp: now, hash: hash, renderKey: renderKey, blocks: blocks)
        }
        let savedAt = FileStamp.now()
        guard pageEntries.allSatisfy({ $0 != nil }), outputEntries.allSatisfy({ $0 != nil }) else { return forget() }
        store.saveRun(
            RunRecord(
                key: key, savedAt: savedAt, pagesStampedAt: stampedAt, pages: pageEntries.map { $0! },
                outputs: outputEntries.map { $0! }, diagnostics: diagnostics),
            forOutput: outputDirectory)
    }

    /// Forgets the run record (after a failed run, whose output folder it no longer describes).
    func forget() {
        store.remove(forOutput: outputDirectory)
    }

    /// Unchanged when the stamp is the recorded one and not racy; otherwise when the bytes are.
    private static func isUnchanged(_ path: String, stamp: FileStamp?, _ entry: RunRecord.Entry, savedAt: Int64) -> Bool
    {
        if let stamp, stamp == entry.stamp, !entry.stamp.isRacy(relativeTo: savedAt) { return true }
        guard let (size, hash) = ContentHash.ofFile(at: path) else { return false }
        return Int64(size) == entry.stamp.size && hash == entry.hash
    }
}
