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
        guard let data = FileManager.default.contents(atPath: path(forOutput: directory)) else { return nil }
        return GenerationCache(parsing: [UInt8](data))
    }

    /// Writes the record atomically (a complete new file renamed over the old one); failures are ignored.
    func save(_ cache: GenerationCache, forOutput directory: String) {
        let target = path(forOutput: directory)
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let temporary = target + ".\(ProcessInfo.processInfo.processIdentifier).tmp"
        guard FileManager.default.createFile(atPath: temporary, contents: Data(cache.bytes)) else { return }
        if rename(temporary, target) != 0 { unlink(temporary) }
    }

    func remove(forOutput directory: String) {
        unlink(path(forOutput: directory))
    }
}
