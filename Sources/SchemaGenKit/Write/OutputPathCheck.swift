#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The rules a relative output path must follow before anything touches the disk.
///
/// Paths come from table ids found on web pages, so they are untrusted: a path that could climb out
/// of the output folder (`../`), be read differently on another platform (`a\b`), or collapse into
/// another file on a case-insensitive file system (macOS) is refused rather than written.
enum OutputPathCheck {
    /// Longest file or folder name most file systems accept (`NAME_MAX`), in bytes; checked up front so
    /// the failure is a clear message instead of `File name too long` halfway through a write.
    static let longestName = 255

    /// Top-level names schemagen keeps for its own bookkeeping (manifest, staging folders).
    static let reservedPrefix = ".schemagen-"

    /// Why `path` is not a safe relative output path, or nil when it is. Checked on the UTF-8 bytes
    /// (every rule is about ASCII bytes), since a catalog has thousands of paths.
    static func problem(with path: String) -> String? {
        var path = path
        return path.withUTF8(problem)
    }

    private static func problem(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        if bytes.isEmpty { return "is empty" }
        if bytes.contains(0) { return "contains a NUL byte" }
        if bytes.contains(where: { $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\r") }) {
            return "contains a line break"
        }
        if bytes.contains(UInt8(ascii: "\\")) { return "contains a backslash" }
        if bytes.first == UInt8(ascii: "/") { return "is absolute" }
        let dot = UInt8(ascii: ".")
        var start = 0
        var firstEnd: Int?
        while start <= bytes.count {
            var end = start
            while end < bytes.count && bytes[end] != UInt8(ascii: "/") { end += 1 }
            if firstEnd == nil { firstEnd = end }
            let length = end - start
            if length == 0 { return "has an empty component (`//` or a trailing `/`)" }
            if length == 1 && bytes[start] == dot { return "has a `.` component" }
            if length == 2 && bytes[start] == dot && bytes[start + 1] == dot { return "has a `..` component" }
            if length > longestName { return "has a name longer than \(longestName) bytes" }
            start = end + 1
        }
        // Compared without regard to ASCII case (the prefix is ASCII).
        let prefix = Array(reservedPrefix.utf8)
        if let firstEnd, firstEnd >= prefix.count,
            zip(bytes[0..<prefix.count], prefix).allSatisfy({ ASCII.lowercased($0) == $1 })
        {
            return "uses a name starting with `\(reservedPrefix)`, which schemagen reserves for itself"
        }
        return nil
    }

    /// The form under which two paths name the same entry on a case-insensitive, normalization-insensitive
    /// file system (APFS, HFS+): Swift string equality already ignores Unicode normalization.
    static func foldedKey(_ path: some StringProtocol) -> String {
        // Paths are nearly always ASCII, whose case folding is a byte operation (and a path with no
        // capital is its own key).
        var text = String(path)
        let fold = text.withUTF8 { bytes -> ASCIIFold in
            var capitals = false
            for byte in bytes {
                if byte >= 0x80 { return .unicode }
                if byte >= 0x41 && byte <= 0x5A { capitals = true }
            }
            guard capitals else { return .unchanged }
            return .folded(
                String(unsafeUninitializedCapacity: bytes.count) { out in
                    for i in bytes.indices { out[i] = ASCII.lowercased(bytes[i]) }
                    return bytes.count
                })
        }
        switch fold {
        case .unchanged: return text
        case .folded(let folded): return folded
        case .unicode: return text.lowercased()
        }
    }

    private enum ASCIIFold {
        case unchanged
        case folded(String)
        case unicode
    }

    /// The first pair (in the given order) of paths that cannot coexist: the same file up to case, a file
    /// that another path needs as a folder, or one folder spelled two ways.
    static func firstCollision(in paths: [String]) -> (String, String)? {
        var files: [String: String] = [:]
        // Folded folder key -> (spelling, a path that uses it).
        var folders: [String: (spelling: String, user: String)] = [:]
        // The folder (with its `/`) of the last ASCII path, whose folders were all checked: a path
        // in the same folder has the same folders, still fine, since no key of one of them has
        // been added as a file since (ASCII keys of different lengths differ). Saves two strings
        // and four lookups per path when paths come sorted.
        var checkedFolder: String? = nil
        for path in paths {
            let key = foldedKey(path)
            if let other = files[key] { return (other, path) }
            if let folder = folders[key] { return (folder.user, path) }
            // ASCII folds byte for byte, so a folder's key is a prefix of the path's key.
            let ascii = ASCII.isASCII(path.utf8)
            let utf8 = path.utf8
            if ascii, let checkedFolder, Self.isInFolder(path, checkedFolder) {
                files[key] = path
                continue
            }
            checkedFolder = ascii ? utf8.lastIndex(of: UInt8(ascii: "/")).map { String(path[...$0]) } : nil
            var prefixEnd = utf8.startIndex
            while let slash = utf8[prefixEnd...].firstIndex(of: UInt8(ascii: "/")) {
                let prefix = String(path[..<slash])
                let prefixKey =
                    ascii
                    ? String(key.utf8.prefix(utf8.distance(from: utf8.startIndex, to: slash)))!
                    : foldedKey(prefix)
                if let file = files[prefixKey] { return (file, path) }
                if let folder = folders[prefixKey] {
                    if !folder.spelling.utf8.elementsEqual(prefix.utf8) { return (folder.user, path) }
                } else {
                    folders[prefixKey] = (prefix, path)
                }
                prefixEnd = utf8.index(after: slash)
            }
            files[key] = path
        }
        return nil
    }

    /// Whether `path` is directly in `folder` (which ends in `/`), compared by bytes.
    static func isInFolder(_ path: String, _ folder: String) -> Bool {
        var path = path
        var folder = folder
        return path.withUTF8 { p in
            folder.withUTF8 { f in
                p.count > f.count && memcmp(p.baseAddress!, f.baseAddress!, f.count) == 0
                    && !p[f.count...].contains(UInt8(ascii: "/"))
            }
        }
    }

    /// The folders a path lives in, outermost first (`a/b/c` gives `a`, `a/b`).
    static func parentFolders(of path: String) -> [String] {
        // `/` is one byte in UTF-8 and never part of another character: split on the bytes.
        var result: [String] = []
        let utf8 = path.utf8
        var index = utf8.startIndex
        while let slash = utf8[index...].firstIndex(of: UInt8(ascii: "/")) {
            result.append(String(path[..<slash]))
            index = utf8.index(after: slash)
        }
        return result
    }
}

/// A path compared by its bytes: Swift string equality ignores Unicode normalization, but Linux file
/// systems do not, so `é` written two ways is two different files there.
struct ExactPath: Hashable, Sendable {
    /// Kept as the string itself (no copy of its bytes), compared and hashed by its UTF-8 bytes.
    let path: String

    init(_ path: some StringProtocol) {
        self.path = String(path)
    }

    static func == (lhs: ExactPath, rhs: ExactPath) -> Bool {
        guard lhs.path.utf8.count == rhs.path.utf8.count else { return false }
        let fast = lhs.path.utf8.withContiguousStorageIfAvailable { a in
            rhs.path.utf8.withContiguousStorageIfAvailable { b in
                a.isEmpty || memcmp(a.baseAddress!, b.baseAddress!, a.count) == 0
            }
        }
        if let fast, let answer = fast { return answer }
        return lhs.path.utf8.elementsEqual(rhs.path.utf8)
    }

    func hash(into hasher: inout Hasher) {
        var path = path
        path.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }
}

extension Array where Element == String {
    /// Sorted by UTF-8 bytes (C locale order): the same on every machine and every Swift version.
    func sortedByBytes() -> [String] {
        sorted(by: String.precedesByBytes)
    }
}

extension String {
    /// Byte order of the UTF-8 forms, compared with `memcmp` where both are contiguous.
    static func precedesByBytes(_ lhs: String, _ rhs: String) -> Bool {
        let fast = lhs.utf8.withContiguousStorageIfAvailable { a in
            rhs.utf8.withContiguousStorageIfAvailable { b -> Bool in
                let common = Swift.min(a.count, b.count)
                let order = common == 0 ? 0 : memcmp(a.baseAddress!, b.baseAddress!, common)
                return order != 0 ? order < 0 : a.count < b.count
            }
        }
        if let fast, let answer = fast { return answer }
        return lhs.utf8.lexicographicallyPrecedes(rhs.utf8)
    }
}
