/// A path's folder and last component, as `dirname`/`basename` give them.
///
/// Not `NSString.deletingLastPathComponent`: in swift-corelibs-foundation (Swift 6.3) it traps on a
/// one-character path such as `--out o`.
enum PathSplit {
    /// `a/b` → (`a`, `b`); `b` → (``, `b`); `/b` → (`/`, `b`). Trailing slashes are ignored.
    static func split(_ path: String) -> (folder: String, name: String) {
        var utf8 = Array(path.utf8)
        while utf8.count > 1 && utf8.last == UInt8(ascii: "/") { utf8.removeLast() }
        guard let slash = utf8.lastIndex(of: UInt8(ascii: "/")) else {
            return ("", String(decoding: utf8, as: UTF8.self))
        }
        let name = String(decoding: utf8[(slash + 1)...], as: UTF8.self)
        var folder = Array(utf8[..<slash])
        while folder.count > 1 && folder.last == UInt8(ascii: "/") { folder.removeLast() }
        return (folder.isEmpty ? "/" : String(decoding: folder, as: UTF8.self), name)
    }
}
