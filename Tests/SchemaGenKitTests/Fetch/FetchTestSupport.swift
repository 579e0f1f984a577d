import Foundation

@testable import SchemaGenKit

/// Folders and runs for the `fetch` tests.
enum FetchTestSupport {
    /// A copy of docs-input to serve as "upstream", editable per test.
    static func upstream(in dir: TemporaryDirectory, name: String = "upstream") throws -> String {
        let path = dir.path + "/" + name
        try FileManager.default.copyItem(atPath: Fixtures.docsInput, toPath: path)
        return path
    }

    /// `schemagen fetch` as a user runs it, with short retry waits so failing servers cost little time.
    static func fetch(
        _ folder: String, _ server: DocsSiteServer, _ extra: [String] = []
    ) throws -> CommandLineTool.Output {
        try CommandLineTool.run(
            ["fetch", folder, "--base-url", server.baseURL, "--retry-base-delay", "0.01"] + extra)
    }

    /// The page files of a folder (not the manifest), with their bytes.
    static func pages(in folder: String) throws -> [String: [UInt8]] {
        var result: [String: [UInt8]] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder) where !name.hasPrefix(".") {
            result[name] = [UInt8](try Data(contentsOf: URL(fileURLWithPath: folder + "/" + name)))
        }
        return result
    }

    /// Every entry under a folder (hidden ones included), with bytes and modification time, and the
    /// folder's own modification time: equal snapshots mean nothing was written, moved or touched.
    struct FolderState: Equatable, CustomStringConvertible {
        var entries: [String: Entry]
        var folderModified: Double?

        struct Entry: Equatable {
            var bytes: [UInt8]
            var modified: Double
        }

        init(_ folder: String) throws {
            entries = [:]
            let manager = FileManager.default
            folderModified = (try? manager.attributesOfItem(atPath: folder)[.modificationDate] as? Date)?
                .map { $0.timeIntervalSince1970 }
            guard folderModified != nil, let walker = manager.enumerator(atPath: folder) else { return }
            for case let relative as String in walker {
                let path = folder + "/" + relative
                let attributes = try manager.attributesOfItem(atPath: path)
                let modified = (attributes[.modificationDate] as! Date).timeIntervalSince1970
                let isFile = attributes[.type] as? FileAttributeType == .typeRegular
                entries[relative] = Entry(
                    bytes: isFile ? [UInt8](try Data(contentsOf: URL(fileURLWithPath: path))) : [], modified: modified)
            }
        }

        var description: String { entries.keys.sorted().joined(separator: ", ") }
    }

    /// Sets every entry's modification time (and the folder's) into the past, so a rewrite shows.
    static func age(_ folder: String) throws {
        let old = Date(timeIntervalSince1970: 1_000_000_000)
        let manager = FileManager.default
        for relative in try FolderState(folder).entries.keys {
            try manager.setAttributes([.modificationDate: old], ofItemAtPath: folder + "/" + relative)
        }
        try manager.setAttributes([.modificationDate: old], ofItemAtPath: folder)
    }

    /// Writes a page upstream and moves its modification time forward, so Last-Modified changes too.
    static func editUpstream(_ path: String, _ text: String) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(60)], ofItemAtPath: path)
    }

    /// The manifest's paths.
    static func manifest(of folder: String) throws -> [String] {
        let text = try String(contentsOfFile: folder + "/.schemagen-manifest", encoding: .utf8)
        return text.split(separator: "\n").dropFirst().map(String.init)
    }

    static func docsInputPages() throws -> [String: [UInt8]] {
        try pages(in: Fixtures.docsInput)
    }
}
