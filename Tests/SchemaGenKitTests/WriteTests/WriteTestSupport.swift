import Foundation
import Testing

@testable import SchemaGenKit

/// One entry of a folder tree as `lstat` sees it: enough to tell whether anything was written, replaced
/// (new inode), touched (new modification time) or deleted.
struct TreeEntry: Hashable, CustomStringConvertible {
    var kind: FileAttributeType
    var bytes: [UInt8]?
    var linkTarget: String?
    var modified: Date?
    var inode: UInt64?
    var permissions: Int?

    var description: String {
        "\(kind.rawValue) \(bytes.map { String(decoding: $0, as: UTF8.self).debugDescription } ?? linkTarget ?? "") inode \(inode ?? 0) mtime \(modified?.timeIntervalSince1970 ?? 0) mode \(String(permissions ?? 0, radix: 8))"
    }
}

enum WriteTestSupport {
    /// Every entry under `root` (links not followed), by relative path. Files carry bytes, inode and
    /// modification time; folders only their permissions (their modification time changes whenever an
    /// entry is added and removed, which a failed write may legitimately do).
    static func snapshot(_ root: String) throws -> [String: TreeEntry] {
        let fm = FileManager.default
        var result: [String: TreeEntry] = [:]
        var pending = [""]
        while let relative = pending.popLast() {
            let folder = relative.isEmpty ? root : root + "/" + relative
            for name in try fm.contentsOfDirectory(atPath: folder) {
                let path = relative.isEmpty ? name : relative + "/" + name
                let full = root + "/" + path
                let attributes = try fm.attributesOfItem(atPath: full)
                let kind = attributes[.type] as! FileAttributeType
                var entry = TreeEntry(kind: kind, permissions: (attributes[.posixPermissions] as? NSNumber)?.intValue)
                switch kind {
                case .typeDirectory:
                    pending.append(path)
                case .typeSymbolicLink:
                    entry.linkTarget = try fm.destinationOfSymbolicLink(atPath: full)
                default:
                    entry.bytes = Array(try Data(contentsOf: URL(fileURLWithPath: full)))
                    entry.modified = attributes[.modificationDate] as? Date
                    entry.inode = (attributes[.systemFileNumber] as? NSNumber)?.uint64Value
                }
                result[path] = entry
            }
        }
        return result
    }

    static func files(_ pairs: KeyValuePairs<String, String>) -> [OutputFile] {
        pairs.map { OutputFile(path: $0.key, text: $0.value) }
    }

    static func text(_ path: String) throws -> String {
        String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self)
    }

    static func exists(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
            || (try? FileManager.default.destinationOfSymbolicLink(atPath: path)) != nil
    }

    static let longAgo = Date(timeIntervalSince1970: 1_000_000_000)

    /// Sets a modification time far in the past on every file under `root`, so a rewrite within the same
    /// second is still visible without sleeping.
    static func ageAllFiles(in root: String) throws {
        for (path, entry) in try snapshot(root) where entry.kind == .typeRegular {
            try FileManager.default.setAttributes([.modificationDate: longAgo], ofItemAtPath: root + "/" + path)
        }
    }

    static func modificationDate(_ path: String) throws -> Date? {
        try FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date
    }

    /// Leftover staging folders (there must never be any).
    static func stagingFolders(in root: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: root).filter { $0.hasPrefix(".schemagen-staging-") }
    }

    static func manifest(in root: String) throws -> String {
        try text(root + "/.schemagen-manifest")
    }

    static func manifestText(_ paths: [String]) -> String {
        (["# schemagen-manifest v1 (files schemagen generated in this folder; do not edit)"] + paths)
            .map { $0 + "\n" }.joined()
    }
}
