/// A path's folder and last component, as `dirname`/`basename` give them.
///
/// Not `NSString.deletingLastPathComponent`: in swift-corelibs-foundation (Swift 6.3) it traps on a
/// one-character path such as `--out o`.
enum PathSplit {
    /// `a/b` → (`a`, `b`); `b` → (``, `b`); `/b` → (`/`, `b`). Trailing slashes are ignored.
    static func split(_ path: String) -> (folder: String, name: String) {
        var path = path
        return path.withUTF8 { bytes in
            var end = bytes.count
            while end > 1 && bytes[end - 1] == UInt8(ascii: "/") { end -= 1 }
            let trimmed = UnsafeBufferPointer(rebasing: bytes[..<end])
            guard let slash = trimmed.lastIndex(of: UInt8(ascii: "/")) else {
                return ("", String(decoding: trimmed, as: UTF8.self))
            }
            let name = String(decoding: UnsafeBufferPointer(rebasing: trimmed[(slash + 1)...]), as: UTF8.self)
            var folderEnd = slash
            while folderEnd > 1 && trimmed[folderEnd - 1] == UInt8(ascii: "/") { folderEnd -= 1 }
            let folder = UnsafeBufferPointer(rebasing: trimmed[..<folderEnd])
            return (folder.isEmpty ? "/" : String(decoding: folder, as: UTF8.self), name)
        }
    }
}
