import Foundation

/// What the last successful `fetch` into a folder learned from the site: the index's links and, per
/// page, its URL, the server's validators (ETag, Last-Modified) and the size and digest of the file
/// written. A rerun asks "changed since?" only for files still exactly as recorded, so an unchanged
/// site costs one 304 per page and no download.
///
/// Kept beside the generation cache (never in the folder, which users commit: validators are the
/// site's bookkeeping, not content). Sealed with a digest: a damaged record is no record, and the run
/// then downloads every page unconditionally, which is slower but never wrong.
struct FetchRecord: Codable, Hashable, Sendable {
    static let formatVersion = 1

    var version = Self.formatVersion
    var index: Index?
    var pages: [String: Page] = [:]

    struct Index: Codable, Hashable, Sendable {
        var url: String
        var validators: PageRequest.Validators
        var links: [Link]
    }

    struct Link: Codable, Hashable, Sendable {
        var set: String
        var href: String
    }

    /// One fetched file, by its name in the folder.
    struct Page: Codable, Hashable, Sendable {
        var url: String
        var validators: PageRequest.Validators
        var size: Int
        /// `ContentHash` of the bytes written, in hex.
        var digest: String
    }

    static func digest(_ bytes: [UInt8]) -> String { digest(hash: ContentHash(bytes)) }

    static func digest(hash: ContentHash) -> String { String(hash.value, radix: 16) }

    /// The record's file for fetch folder `directory` in `store`.
    static func path(in store: CacheStore, forFolder directory: String) -> String {
        String(store.path(forOutput: directory).dropLast(".cache".count)) + ".fetch"
    }

    static func load(from store: CacheStore, forFolder directory: String) -> FetchRecord? {
        guard let data = FileManager.default.contents(atPath: path(in: store, forFolder: directory)) else { return nil }
        let bytes = [UInt8](data)
        // JSON, a line feed, then the digest of the JSON in hex.
        guard let newline = bytes.lastIndex(of: UInt8(ascii: "\n")) else { return nil }
        let body = Array(bytes[..<newline])
        guard String(decoding: bytes[(newline + 1)...], as: UTF8.self) == digest(body),
            let record = try? JSONDecoder().decode(FetchRecord.self, from: Data(body)),
            record.version == formatVersion
        else { return nil }
        return record
    }

    /// Saved atomically (a new file renamed over the old); a failure only makes the next run slower.
    func save(to store: CacheStore, forFolder directory: String) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        guard let json = try? encoder.encode(self) else { return }
        let body = [UInt8](json)
        store.write(body + Array(("\n" + Self.digest(body)).utf8), to: Self.path(in: store, forFolder: directory))
    }
}
