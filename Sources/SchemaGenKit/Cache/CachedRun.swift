import Foundation

/// The generation cache as one run uses it: before doing any work, ask whether the last run's
/// record still holds; after a successful run, record what it read and wrote.
struct CachedRun: Sendable {
    let store: CacheStore
    let outputDirectory: String
    let key: ContentHash
    /// What decides a page's parse besides its bytes (see `ParsedPages`).
    let parseKey: ContentHash
    let pages: [String]
    /// The pages' stamps before anything was read, so a page edited during the run is noticed.
    let pageStamps: [FileStamp?]
    /// When `pageStamps` were taken: what a page stamp is racy relative to (see `FileStamp.isRacy`).
    let stampedAt: Int64
    /// The parse record, read and decoded on another core while the lookup checks the outputs.
    private let parsedPages = Prefetch<ParsedPages?>()
    /// The memoized template blocks, likewise read ahead once a page is known to have changed.
    private let fragments = Prefetch<[ContentHash: Fragment]>()

    init(store: CacheStore, request: GenerationRequest, templates: TemplateSet, pages: [String]) {
        self.store = store
        outputDirectory = request.outputDirectory
        self.pages = pages
        key = RunKey.make(request: request, templates: templates, pages: pages)
        parseKey = ParsedPages.key(limits: request.limits)
        stampedAt = FileStamp.now()
        pageStamps = pages.parallelMap(FileStamp.of)
    }

    /// The recorded run, when the key matches and every page and output is as it left them.
    func upToDate() -> GenerationCache? { lookUp().hit }

    /// What the record says about this run before it does any work.
    struct Lookup: Sendable {
        /// The recorded run, when nothing changed.
        var hit: GenerationCache? = nil
        /// Otherwise the outputs still as the recorded run left them, for the renderer to keep
        /// (empty unless the key is the same). With caching on, never nil on a miss, so the renderer
        /// computes the keys the next run needs.
        var reuse: RenderReuse? = RenderReuse()
        /// The size and digest of each page found as recorded (by stamp, or by content where the
        /// stamp was racy), by index: `record` need not read them again.
        var pageDigests: [Int: SchemaLoader.PageDigest] = [:]
        /// The stamp of each output found as recorded, by path: `record` takes a kept file's stamp
        /// from here rather than `lstat` it again.
        var outputStamps: [String: FileStamp] = [:]
    }

    func lookUp() -> Lookup {
        PhaseTrace.mark("lookup: stamps pages")
        guard let cache = store.load(forOutput: outputDirectory), cache.key == key else { return Lookup() }
        PhaseTrace.mark("lookup: load record")
        let samePages = cache.pages.map(\.path) == pages
        // Pages first: their stamps are taken, so this is mostly comparing. A changed page means a
        // run that needs the parse record, which is then read on another core meanwhile.
        let pageResults = !samePages ? [] : Array(cache.pages.indices).parallelMap { i in
            Self.isUnchanged(pages[i], stamp: pageStamps[i], cache.pages[i], savedAt: cache.pagesStampedAt)
        }
        let pagesUnchanged = samePages && pageResults.allSatisfy { $0 }
        // The files the memoized blocks may be read from: the record's own (made only when needed, as
        // an unchanged run stops before).
        let outputs = { Set(cache.outputs.map(\.path)) }
        if !pagesUnchanged { prefetch(outputs: outputs()) }
        let outputResults = cache.outputs.parallelMap { entry in
            let path = OutputFileSystem.join(outputDirectory, entry.path)
            return Self.isUnchanged(path, stamp: FileStamp.of(path), entry, savedAt: cache.savedAt)
        }
        if pagesUnchanged && outputResults.allSatisfy({ $0 }) {
            return Lookup(hit: cache, reuse: nil)
        }
        PhaseTrace.mark("lookup: check stamps")
        let blocks = fragments.take() ?? store.loadFragments(forOutput: outputDirectory, key: key, outputs: outputs())
        var lookup = Lookup(reuse: RenderReuse(fragments: blocks))
        PhaseTrace.mark("lookup: fragments")
        // Sized up front: growing three 4,400-entry maps one insert at a time rehashes them often.
        lookup.outputStamps.reserveCapacity(cache.outputs.count)
        lookup.reuse?.files.reserveCapacity(cache.outputs.count)
        lookup.pageDigests.reserveCapacity(pageResults.count)
        for (i, entry) in cache.outputs.enumerated() where outputResults[i] {
            lookup.outputStamps[entry.path] = entry.stamp
            if let renderKey = entry.renderKey {
                lookup.reuse?.files[entry.path] = RenderReuse.File(renderKey: renderKey, hash: entry.hash)
            }
        }
        for i in pageResults.indices where pageResults[i] {
            lookup.pageDigests[i] = (Int(cache.pages[i].stamp.size), cache.pages[i].hash)
        }
        return lookup
    }

    /// Records a successful run. Pages are recorded with their stamps from the start of the run, so
    /// one edited since differs from its record; written only when every output is in place, so the
    /// record never vouches for something the run did not see.
    /// `rendered` is what the render stage made: the files it wrote, those it kept, each per-table
    /// file's render key and the memoized blocks; `lookup` is what the run started from,
    /// `pageDigests` the size and digest of the pages this run read.
    func record(
        _ rendered: IncrementalRender, lookup: Lookup = Lookup(), pageDigests: [Int: SchemaLoader.PageDigest] = [:],
        diagnostics: [Diagnostic]
    ) {
        let (files, kept, renderKeys) = (rendered.files, rendered.kept, rendered.renderKeys)
        let (fragments, fragmentFiles) = (rendered.fragments, rendered.fragmentFiles)
        let pageEntries = Array(pages.indices).parallelMap { i -> GenerationCache.Entry? in
            guard let before = pageStamps[i] else { return nil }
            // A page the lookup found as recorded, or this run read, has its digest already: the
            // stamp recorded with it is from before the run, so an edit since changes the stamp the
            // next run sees. The others are read again, and must still have that stamp.
            if let (size, hash) = pageDigests[i] ?? lookup.pageDigests[i] {
                return Int64(size) == before.size ? GenerationCache.Entry(path: pages[i], stamp: before, hash: hash) : nil
            }
            guard let (size, hash) = ContentHash.ofFile(at: pages[i]), FileStamp.of(pages[i]) == before,
                Int64(size) == before.size
            else { return nil }
            return GenerationCache.Entry(path: pages[i], stamp: before, hash: hash)
        }
        PhaseTrace.mark("record: pages")
        let hashes = files.parallelMap(chunk: 32) { ContentHash($0.bytes) }
        if !fragments.isEmpty {
            let places = files.indices.compactMap { i in
                fragmentFiles[files[i].path].map {
                    CacheStore.FragmentFile(path: files[i].path, bytes: files[i].bytes, hash: hashes[i], keys: $0)
                }
            }
            store.saveFragments(fragments, in: places, forOutput: outputDirectory, key: key)
        }
        var outputs = zip(files.map(\.path), hashes).map { ($0, $1) } + kept.map { ($0.key, $0.value) }
        outputs.sort { String.precedesByBytes($0.0, $1.0) }
        let manifest = OutputFileSystem.join(outputDirectory, GenerationManifest.fileName)
        guard let (_, manifestHash) = ContentHash.ofFile(at: manifest) else { return }
        outputs.append((GenerationManifest.fileName, manifestHash))
        let outputEntries = outputs.parallelMap { path, hash -> GenerationCache.Entry? in
            // A kept file was not touched since the lookup found it with its recorded stamp.
            let keptStamp = kept[path] != nil ? lookup.outputStamps[path] : nil
            return (keptStamp ?? FileStamp.of(OutputFileSystem.join(outputDirectory, path))).map {
                GenerationCache.Entry(path: path, stamp: $0, hash: hash, renderKey: renderKeys[path])
            }
        }
        PhaseTrace.mark("record: outputs")
        let savedAt = FileStamp.now()
        guard pageEntries.allSatisfy({ $0 != nil }), outputEntries.allSatisfy({ $0 != nil }) else {
            store.remove(forOutput: outputDirectory)
            return
        }
        store.save(
            GenerationCache(
                key: key, savedAt: savedAt, pagesStampedAt: stampedAt, pages: pageEntries.map { $0! },
                outputs: outputEntries.map { $0! }, diagnostics: diagnostics),
            forOutput: outputDirectory)
    }

    /// The last run's record of every page that has not changed since, by path.
    func reusableParses() -> [String: ParsedPages.Entry] {
        let parsed = parsedPages.take() ?? store.loadParsedPages(forOutput: outputDirectory)
        guard let parsed, parsed.key == parseKey else { return [:] }
        var stamps: [String: FileStamp] = [:]
        stamps.reserveCapacity(pages.count)
        for (i, page) in pages.enumerated() { stamps[page] = pageStamps[i] }
        return parsed.reusable(stamps: stamps)
    }

    /// Keeps what each page parsed to, stamped as the page was before it was read, so an edit made
    /// while this run was reading makes the next run parse the page again. Pages whose parse came
    /// from `reused` keep their recorded entry. Returns every recorded table's digest by id
    /// (`RenderKey.digest`), made here once for the new entries, for the render keys.
    @discardableResult
    func recordParses(
        _ extractions: [SchemaLoader.PageExtraction], reused: [String: ParsedPages.Entry] = [:]
    ) -> [String: ContentHash] {
        guard extractions.count == pages.count else { return [:] }
        var entries: [ParsedPages.Entry] = []
        entries.reserveCapacity(pages.count)
        for (i, extraction) in extractions.enumerated() {
            guard let stamp = pageStamps[i] else { continue }
            if let entry = reused[pages[i]], entry.stamp == stamp {
                entries.append(entry)
                continue
            }
            entries.append(ParsedPages.Entry(
                path: pages[i], stamp: stamp, table: extraction.table, diagnostics: extraction.diagnostics))
        }
        let undigested = entries.indices.filter { entries[$0].table != nil && entries[$0].tableDigest == nil }
        let made = undigested.map { entries[$0].table! }.parallelMap(RenderKey.digest)
        for (i, digest) in zip(undigested, made) { entries[i].tableDigest = digest }
        store.saveParsedPages(
            ParsedPages(key: parseKey, savedAt: stampedAt, entries: entries), forOutput: outputDirectory)
        var digests: [String: ContentHash] = [:]
        digests.reserveCapacity(entries.count)
        for entry in entries {
            if let table = entry.table, let digest = entry.tableDigest { digests[table.id] = digest }
        }
        return digests
    }

    /// Starts reading the parse record and the memoized blocks (from `outputs`, the recorded run's
    /// files) on other cores.
    private func prefetch(outputs: Set<String>) {
        parsedPages.start { [store, outputDirectory] in store.loadParsedPages(forOutput: outputDirectory) }
        fragments.start { [store, outputDirectory, key] in
            store.loadFragments(forOutput: outputDirectory, key: key, outputs: outputs)
        }
    }

    /// Forgets the record (after a failed run, whose output folder the record no longer describes).
    func forget() {
        store.remove(forOutput: outputDirectory)
    }

    /// Unchanged when the stamp is the recorded one and not racy; otherwise when the bytes are.
    private static func isUnchanged(
        _ path: String, stamp: FileStamp?, _ entry: GenerationCache.Entry, savedAt: Int64
    ) -> Bool {
        if let stamp, stamp == entry.stamp, !entry.stamp.isRacy(relativeTo: savedAt) { return true }
        guard let (size, hash) = ContentHash.ofFile(at: path) else { return false }
        return Int64(size) == entry.stamp.size && hash == entry.hash
    }
}
