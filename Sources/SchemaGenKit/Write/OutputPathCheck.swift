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
        path.lowercased()
    }

    /// The first pair (in the given order) of paths that cannot coexist: the same file up to case, a file
    /// that another path needs as a folder, or one folder spelled two ways.
    static func firstCollision(in paths: [String]) -> (String, String)? {
        var files: [String: String] = [:]
        // Folded folder key -> (spelling, a path that uses it).
        var folders: [String: (spelling: String, user: String)] = [:]
        for path in paths {
            let key = foldedKey(path)
            if let other = files[key] { return (other, path) }
            if let folder = folders[key] { return (folder.user, path) }
            var prefixEnd = path.startIndex
            while let slash = path[prefixEnd...].firstIndex(of: "/") {
                let prefix = String(path[..<slash])
                let prefixKey = foldedKey(prefix)
                if let file = files[prefixKey] { return (file, path) }
                if let folder = folders[prefixKey] {
                    if !folder.spelling.utf8.elementsEqual(prefix.utf8) { return (folder.user, path) }
                } else {
                    folders[prefixKey] = (prefix, path)
                }
                prefixEnd = path.index(after: slash)
            }
            files[key] = path
        }
        return nil
    }

    /// The folders a path lives in, outermost first (`a/b/c` gives `a`, `a/b`).
    static func parentFolders(of path: String) -> [String] {
        var result: [String] = []
        var index = path.startIndex
        while let slash = path[index...].firstIndex(of: "/") {
            result.append(String(path[..<slash]))
            index = path.index(after: slash)
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
        lhs.path.utf8.count == rhs.path.utf8.count && lhs.path.utf8.elementsEqual(rhs.path.utf8)
    }

    func hash(into hasher: inout Hasher) {
        var path = path
        path.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }
}

extension Array where Element == String {
    /// Sorted by UTF-8 bytes (C locale order): the same on every machine and every Swift version.
    func sortedByBytes() -> [String] {
        sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }
}
