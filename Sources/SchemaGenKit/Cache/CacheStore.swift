import Foundation

/// Where generation caches live: one file per output folder, in a folder of the user's cache
/// (`$SCHEMAGEN_CACHE_DIR`, else `$XDG_CACHE_HOME/schemagen`, else `~/.cache/schemagen`), never
/// in the output folder, which users commit: the stamps it holds differ on every machine.
///
/// A cache that cannot be read or written is no error; the run is only slower.
public struct CacheStore: Sendable {
    public var folder: String

    public init(folder: String) {
        self.folder = folder
    }

    /// The default place, or nil when the environment names none.
    public static func standard(environment: [String: String] = ProcessInfo.processInfo.environment) -> CacheStore? {
        if let folder = environment["SCHEMAGEN_CACHE_DIR"], !folder.isEmpty { return CacheStore(folder: folder) }
        if let base = environment["XDG_CACHE_HOME"], base.hasPrefix("/") { return CacheStore(folder: base + "/schemagen") }
        if let home = environment["HOME"], home.hasPrefix("/") { return CacheStore(folder: home + "/.cache/schemagen") }
        return nil
    }

    /// The cache file for an output folder: named by a digest of its absolute path.
    func path(forOutput directory: String) -> String {
        var absolute = directory.hasPrefix("/") ? directory : FileManager.default.currentDirectoryPath + "/" + directory
        while absolute.count > 1 && absolute.hasSuffix("/") { absolute.removeLast() }
        return folder + "/" + ContentHash(Array(absolute.utf8)).description + ".cache"
    }

    func load(forOutput directory: String) -> GenerationCache? {
        guard let data = read(path(forOutput: directory)) else { return nil }
        return GenerationCache(parsing: data)
    }

    /// Writes the record atomically (a complete new file renamed over the old one); failures are ignored.
    func save(_ cache: GenerationCache, forOutput directory: String) {
        write(cache.bytes, to: path(forOutput: directory))
    }

    /// Written from the buffer as it is: cache files reach several megabytes, and every copy of one
    /// counts against the run's peak memory.
    private func write(_ bytes: [UInt8], to target: String) {
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let temporary = target + ".\(ProcessInfo.processInfo.processIdentifier).tmp"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { return }
        var done = 0
        let complete = bytes.withUnsafeBytes { buffer -> Bool in
            while done < buffer.count {
                let count = posixWrite(descriptor, buffer.baseAddress! + done, buffer.count - done)
                if count < 0 && errno == EINTR { continue }
                guard count > 0 else { return false }
                done += count
            }
            return true
        }
        guard close(descriptor) == 0, complete, rename(temporary, target) == 0 else {
            unlink(temporary)
            return
        }
    }

    private func read(_ path: String) -> [UInt8]? {
        try? OutputFileSystem.readFile(at: path)
    }

    func remove(forOutput directory: String) {
        unlink(path(forOutput: directory))
    }

    /// The pages' parse results for an output folder, beside its record (see `ParsedPages`).
    func parsedPagesPath(forOutput directory: String) -> String {
        String(path(forOutput: directory).dropLast(".cache".count)) + ".pages"
    }

    /// The base record with its delta laid over it (see `ParsedPages`).
    func loadParsedPages(forOutput directory: String) -> ParsedPages? {
        guard let data = read(parsedPagesPath(forOutput: directory)), var base = ParsedPages(parsing: data) else {
            return nil
        }
        for i in base.entries.indices { base.entries[i].inBase = true }
        guard let deltaData = read(parsedPagesDeltaPath(forOutput: directory)),
            let delta = ParsedPages(parsing: deltaData), delta.key == base.key
        else { return base }
        return base.overlaid(with: delta)
    }

    private func parsedPagesDeltaPath(forOutput directory: String) -> String {
        parsedPagesPath(forOutput: directory) + "-delta"
    }

    /// An output file the memoized blocks lie in, as the run that recorded them wrote it.
    struct FragmentFile: Sendable {
        var path: String
        /// Its content as written: the blocks are slices of these bytes.
        var bytes: [UInt8]
        var hash: ContentHash
        /// The blocks that lie in it.
        var keys: [ContentHash]
    }

    /// Memoized template blocks (`FragmentMemo`) for an output folder, valid for runs with `key`:
    /// read from the output files they were rendered into, of which only those in `outputs` (the
    /// run record's, which the writer checked) are read. A file no longer as recorded (edited,
    /// replaced, gone, not a regular file) gives no blocks; the others still do. A damaged record
    /// gives none.
    func loadFragments(forOutput directory: String, key: ContentHash, outputs: Set<String>) -> [ContentHash: Fragment] {
        guard let data = read(fragmentsPath(forOutput: directory)), var r = ByteReader(sealed: data),
            r.skip(Self.fragmentsMagic), let recordedKey = r.integer64(), UInt64(bitPattern: recordedKey) == key.value,
            let fileCount = r.integer(), fileCount >= 0, fileCount <= outputs.count
        else { return [:] }
        var fragments: [ContentHash: Fragment] = [:]
        var previousPath: String?
        for _ in 0..<fileCount {
            guard let path = r.text(), outputs.contains(path),
                previousPath.map({ String.precedesByBytes($0, path) }) ?? true,
                let size = r.integer(), let hash = r.integer64(), let count = r.integer(), count >= 0, count <= data.count
            else { return [:] }
            previousPath = path
            let bytes = count == 0 ? nil : Self.readAsRecorded(OutputFileSystem.join(directory, path), size: size, hash: hash)
            fragments.reserveCapacity(fragments.count + (bytes == nil ? 0 : count))
            for _ in 0..<count {
                guard let itemKey = r.integer64(), let offset = r.integer(), let length = r.integer() else { return [:] }
                // A file not as recorded is skipped whole, its entries still read past.
                guard let bytes else { continue }
                guard offset >= 0, length >= 0, offset <= bytes.count - length else { return [:] }
                fragments[ContentHash(value: UInt64(bitPattern: itemKey))] = bytes[offset..<(offset + length)]
            }
        }
        guard let markerCount = r.integer(), markerCount >= 0, markerCount <= data.count else { return [:] }
        fragments.reserveCapacity(fragments.count + markerCount)
        for _ in 0..<markerCount {
            guard let itemKey = r.integer64() else { return [:] }
            fragments[ContentHash(value: UInt64(bitPattern: itemKey))] = []
        }
        return r.isAtEnd ? fragments : [:]
    }

    /// The file's bytes if it is a regular file of `size` bytes with digest `hash`; its size is
    /// checked before it is read, so nothing larger than recorded is read.
    private static func readAsRecorded(_ path: String, size: Int, hash: Int64) -> [UInt8]? {
        guard let stamp = FileStamp.of(path), stamp.size == Int64(size),
            let bytes = try? OutputFileSystem.readFile(at: path),
            bytes.count == size, ContentHash(bytes).value == UInt64(bitPattern: hash)
        else { return nil }
        return bytes
    }

    /// Records where each block is: its offset and length in one of `files`, or nothing for an empty
    /// marker. A block is recorded only where it is exactly those bytes of its file (normally a
    /// slice of the file's own buffer): a few bytes a block instead of a copy of the catalog's SQL,
    /// written again on every run.
    func saveFragments(
        _ fragments: [ContentHash: Fragment], in files: [FragmentFile], forOutput directory: String, key: ContentHash
    ) {
        var w = ByteWriter(prefix: Self.fragmentsMagic)
        w.reserve(64 + files.reduce(0) { $0 + $1.path.utf8.count + 16 * $1.keys.count } + 10 * fragments.count)
        w.integer64(Int64(bitPattern: key.value))
        // Files by path and blocks by key, so the same run writes the same record.
        var placed = Set<ContentHash>()
        let files = files.sorted { String.precedesByBytes($0.path, $1.path) }
        w.integer(files.count)
        for file in files {
            let blocks = file.keys.compactMap { key in
                fragments[key].flatMap { Self.lies($0, in: file.bytes) ? (key, $0) : nil }
            }.sorted { $0.0.value < $1.0.value }
            w.text(file.path)
            w.integer(file.bytes.count)
            w.integer64(Int64(bitPattern: file.hash.value))
            w.integer(blocks.count)
            for (key, block) in blocks {
                w.integer64(Int64(bitPattern: key.value))
                w.integer(block.startIndex)
                w.integer(block.count)
                placed.insert(key)
            }
        }
        let markers = fragments.filter { $0.value.isEmpty && !placed.contains($0.key) }.keys.sorted { $0.value < $1.value }
        w.integer(markers.count)
        for marker in markers { w.integer64(Int64(bitPattern: marker.value)) }
        write(w.seal(), to: fragmentsPath(forOutput: directory))
    }

    /// Whether `block` is the bytes of `file` at its indices: at once when it is a slice of the
    /// file's own buffer, otherwise by comparing them.
    private static func lies(_ block: Fragment, in file: [UInt8]) -> Bool {
        let start = block.startIndex
        guard start >= 0, block.endIndex <= file.count else { return false }
        return file.withUnsafeBufferPointer { file in
            block.withUnsafeBufferPointer { block in
                guard let blockBase = block.baseAddress, let fileBase = file.baseAddress else { return true }
                return fileBase + start == blockBase || memcmp(fileBase + start, blockBase, block.count) == 0
            }
        }
    }

    private static let fragmentsMagic = Array("schemagen-fragments v3\n".utf8)

    private func fragmentsPath(forOutput directory: String) -> String {
        String(path(forOutput: directory).dropLast(".cache".count)) + ".fragments"
    }

    /// Saves the entries that are not in the base as the delta, when they are few (at most one in
    /// 16, or 64); otherwise rewrites the base and drops the delta.
    func saveParsedPages(_ pages: ParsedPages, forOutput directory: String) {
        var delta = pages
        delta.entries = pages.entries.filter { !$0.inBase }
        if delta.entries.count < pages.entries.count, delta.entries.count <= max(64, pages.entries.count / 16) {
            write(delta.bytes, to: parsedPagesDeltaPath(forOutput: directory))
        } else {
            write(pages.bytes, to: parsedPagesPath(forOutput: directory))
            unlink(parsedPagesDeltaPath(forOutput: directory))
        }
    }
}

/// `write(2)`, named apart from `CacheStore.write`.
private func posixWrite(_ descriptor: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
    write(descriptor, buffer, count)
}
