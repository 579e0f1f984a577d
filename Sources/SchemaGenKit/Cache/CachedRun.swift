import Dispatch
import Foundation

/// The generation cache as one run uses it: before doing any work, ask whether the last run's
/// record still holds; after a successful run, record what it read and wrote.
struct CachedRun: Sendable {
    let store: CacheStore
    let outputDirectory: String
    let key: ContentHash
    let pages: [String]
    /// The pages' stamps before anything was read, so a page edited during the run is noticed.
    let pageStamps: [FileStamp?]

    init(store: CacheStore, request: GenerationRequest, templates: TemplateSet, pages: [String]) {
        self.store = store
        outputDirectory = request.outputDirectory
        self.pages = pages
        key = RunKey.make(request: request, templates: templates, pages: pages)
        pageStamps = Self.parallelMap(pages, FileStamp.of)
    }

    /// The recorded run, when the key matches and every page and output is as it left them.
    func upToDate() -> GenerationCache? {
        guard let cache = store.load(forOutput: outputDirectory), cache.key == key,
            cache.pages.map(\.path) == pages
        else { return nil }
        var checks: [(path: String, stamp: FileStamp?, entry: GenerationCache.Entry)] = []
        for (i, entry) in cache.pages.enumerated() { checks.append((pages[i], pageStamps[i], entry)) }
        for entry in cache.outputs {
            checks.append((OutputFileSystem.join(outputDirectory, entry.path), nil, entry))
        }
        let results = Self.parallelMap(checks) { check in
            Self.isUnchanged(check.path, stamp: check.stamp ?? FileStamp.of(check.path), check.entry, savedAt: cache.savedAt)
        }
        return results.allSatisfy { $0 } ? cache : nil
    }

    /// Records a successful run. Written only when every page is still as it was at the start and
    /// every output is in place, so the record never vouches for something the run did not see.
    func record(files: [OutputFile], diagnostics: [Diagnostic]) {
        let pageEntries = Self.parallelMap(Array(pages.indices)) { i -> GenerationCache.Entry? in
            guard let before = pageStamps[i], let (size, hash) = ContentHash.ofFile(at: pages[i]),
                FileStamp.of(pages[i]) == before, Int64(size) == before.size
            else { return nil }
            return GenerationCache.Entry(path: pages[i], stamp: before, hash: hash)
        }
        var outputs = files.map { ($0.path, ContentHash($0.bytes)) }
        let manifest = OutputFileSystem.join(outputDirectory, GenerationManifest.fileName)
        guard let (_, manifestHash) = ContentHash.ofFile(at: manifest) else { return }
        outputs.append((GenerationManifest.fileName, manifestHash))
        let outputEntries = Self.parallelMap(outputs) { path, hash -> GenerationCache.Entry? in
            FileStamp.of(OutputFileSystem.join(outputDirectory, path)).map { GenerationCache.Entry(path: path, stamp: $0, hash: hash) }
        }
        let savedAt = FileStamp.now()
        guard pageEntries.allSatisfy({ $0 != nil }), outputEntries.allSatisfy({ $0 != nil }) else {
            store.remove(forOutput: outputDirectory)
            return
        }
        store.save(
            GenerationCache(
                key: key, savedAt: savedAt, pages: pageEntries.map { $0! }, outputs: outputEntries.map { $0! },
                diagnostics: diagnostics),
            forOutput: outputDirectory)
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

    /// `map` on all cores, in chunks; results keep the input's order.
    private static func parallelMap<T: Sendable, R: Sendable>(_ items: [T], _ transform: @Sendable (T) -> R) -> [R] {
        let chunk = 64
        let chunks = (items.count + chunk - 1) / chunk
        let slots = ResultSlots<[R]>(count: chunks)
        DispatchQueue.concurrentPerform(iterations: chunks) { c in
            slots[c] = items[(c * chunk)..<min(items.count, (c + 1) * chunk)].map(transform)
        }
        return slots.values.flatMap { $0 }
    }
}
