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
        if let base = environment["XDG_CACHE_HOME"], base.hasPrefix("/") {
            return CacheStore(folder: base + "/schemagen")
        }
        if let home = environment["HOME"], home.hasPrefix("/") { return CacheStore(folder: home + "/.cache/schemagen") }
        return nil
    }

    /// The cache file for an output folder: named by a digest of its absolute path.
    func path(forOutput directory: String) -> String {
        var absolute = directory.hasPrefix("/") ? directory : FileManager.default.currentDirectoryPath + "/" + directory
        while absolute.count > 1 && absolute.hasSuffix("/") { absolute.removeLast() }
        return folder + "/" + ContentHash(Array(absolute.utf8)).description + ".cache"
    }

    func loadRun(forOutput directory: String) -> RunRecord? {
        read(path(forOutput: directory)).flatMap(RunRecord.init(parsing:))
    }

    /// Writes the record atomically (a complete new file renamed over the old one); failures are ignored.
    func saveRun(_ record: RunRecord, forOutput directory: String) {
        write(record.bytes, to: path(forOutput: directory))
    }

    func loadParses(forOutput directory: String) -> ParseRecord? {
        read(parseRecordPath(forOutput: directory)).flatMap(ParseRecord.init(parsing:))
    }

    func saveParses(_ record: ParseRecord, forOutput directory: String) {
        write(record.parts, to: parseRecordPath(forOutput: directory))
    }

    /// Forgets the output folder's run record (the parse record vouches for itself entry by entry).
    func remove(forOutput directory: String) {
        unlink(path(forOutput: directory))
    }

    /// The pages' parse results for an output folder, beside its run record.
    func parseRecordPath(forOutput directory: String) -> String {
        String(path(forOutput: directory).dropLast(".cache".count)) + ".pages"
    }

    /// Writes made so far by this process: each write's temporary file has a name of its own, as
    /// records may be written from several threads (the parse record is written in the background).
    private static let writeCount = LockedValue(0)

    /// A name beside `target` that no other write uses.
    private static func temporaryPath(for target: String) -> String {
        let count = writeCount.change { count in
            count += 1
            return count
        }
        return target + ".\(ProcessInfo.processInfo.processIdentifier).\(count).tmp"
    }

    /// Writes `bytes` as a complete new file renamed over `target` in the cache folder; failures are
    /// ignored (a cache that cannot be written only makes the next run slower). Every record uses it.
    func write(_ bytes: [UInt8], to target: String) {
        write([bytes[...]], to: target)
    }

    /// The same, for a file made of `parts` in order, joined a megabyte at a time rather than whole.
    func write(_ parts: [ArraySlice<UInt8>], to target: String) {
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let temporary = Self.temporaryPath(for: target)
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { return }
        var complete = true
        var buffer: [UInt8] = []
        buffer.reserveCapacity(1 << 20)
        for part in parts where complete {
            buffer += part
            if buffer.count >= 1 << 20 {
                complete = Self.writeAll(buffer, to: descriptor)
                buffer.removeAll(keepingCapacity: true)
            }
        }
        if complete { complete = Self.writeAll(buffer, to: descriptor) }
        guard close(descriptor) == 0, complete, rename(temporary, target) == 0 else {
            unlink(temporary)
            return
        }
    }

    private static func writeAll(_ bytes: [UInt8], to descriptor: Int32) -> Bool {
        bytes.withUnsafeBytes { buffer -> Bool in
            var done = 0
            while done < buffer.count {
                let count = posixWrite(descriptor, buffer.baseAddress! + done, buffer.count - done)
                if count < 0 && errno == EINTR { continue }
                guard count > 0 else { return false }
                done += count
            }
            return true
        }
    }

    private func read(_ path: String) -> [UInt8]? {
        try? OutputFileSystem.readFile(at: path)
    }
}

/// `write(2)`, named apart from `CacheStore.write`.
private func posixWrite(_ descriptor: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
    write(descriptor, buffer, count)
}
