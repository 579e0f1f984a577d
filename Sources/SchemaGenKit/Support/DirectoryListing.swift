#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// A folder's entries with the type `readdir` reports for each: finding 2,200 pages, or checking that
/// 2,200 kept outputs are still in their folder, then costs one listing instead of a `stat` per file.
enum DirectoryListing {
    enum Kind: Equatable, Sendable {
        case regularFile, directory, symlink, other
        /// The file system does not say (some do not fill in `d_type`): `lstat` the entry to know.
        case unknown
    }

    struct Entry: Sendable {
        var name: String
        var kind: Kind
    }

    /// The entries of `path` other than `.` and `..`, in the order the file system gives them; on
    /// failure, `errno`.
    static func entries(of path: String) -> Result<[Entry], ListingError> {
        guard let folder = opendir(path) else { return .failure(ListingError(code: errno)) }
        defer { closedir(folder) }
        var entries: [Entry] = []
        while let entry = readdir(folder) {
            let name = withUnsafePointer(to: &entry.pointee.d_name) {
                String(cString: UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self))
            }
            if name == "." || name == ".." { continue }
            let kind: Kind
            switch Int32(entry.pointee.d_type) {
            case Int32(DT_REG): kind = .regularFile
            case Int32(DT_DIR): kind = .directory
            case Int32(DT_LNK): kind = .symlink
            case Int32(DT_UNKNOWN): kind = .unknown
            default: kind = .other
            }
            entries.append(Entry(name: name, kind: kind))
        }
        return .success(entries)
    }

    struct ListingError: Error, Sendable {
        var code: Int32
        var message: String { String(cString: strerror(code)) }
    }
}
