import Foundation

/// Turns the user's INPUT arguments (files and directories) into a sorted list of page paths.
///
/// Directories are searched recursively for page extensions; hidden entries are skipped. A file named
/// directly is taken whatever its extension, since the user asked for it. The result is sorted so the
/// pipeline sees pages in the same order on every machine.
public enum PageFinder {
    public struct Result: Sendable {
        public var paths: [String]
        public var diagnostics: [Diagnostic]
    }

    public static func find(_ inputs: [String]) -> Result {
        var paths: [String] = []
        var diagnostics: [Diagnostic] = []
        let fm = FileManager.default
        for input in inputs {
            var isDirectory: ObjCBool = false
            guard fm.fileExists(atPath: input, isDirectory: &isDirectory) else {
                diagnostics.append(.error("no such file or directory: \(input)"))
                continue
            }
            if !isDirectory.boolValue {
                if PageFormat(path: input) == nil {
                    diagnostics.append(.error(
                        "not a page: \(input) (expected .md, .markdown, .html or .htm)"))
                } else {
                    paths.append(input)
                }
                continue
            }
            let found = walk(directory: input, fileManager: fm, diagnostics: &diagnostics)
            if found.isEmpty {
                diagnostics.append(.warning("no pages (.md, .markdown, .html, .htm) under \(input)"))
            }
            paths.append(contentsOf: found)
        }
        // Deduplicate (the same file named twice, or via a directory and directly) and sort, by
        // bytes: String equality would merge NFC and NFD spellings, two different files on Linux.
        // Each path's bytes are taken once, not once per comparison.
        var seen = Set<[UInt8]>()
        let unique = paths.map { (bytes: Array($0.utf8), path: $0) }.filter { seen.insert($0.bytes).inserted }
            .sorted { $0.bytes.lexicographicallyPrecedes($1.bytes) }
        return Result(paths: unique.map(\.path), diagnostics: diagnostics)
    }

    private static func walk(
        directory: String, fileManager fm: FileManager, diagnostics: inout [Diagnostic]
    ) -> [String] {
        var result: [String] = []
        var pending = [directory]
        while let current = pending.popLast() {
            let entries: [String]
            do {
                entries = try fm.contentsOfDirectory(atPath: current)
            } catch {
                diagnostics.append(.error("cannot read directory \(current): \(error.localizedDescription)"))
                continue
            }
            for name in entries where !name.hasPrefix(".") {
                let path = current.hasSuffix("/") ? current + name : current + "/" + name
                var isDirectory: ObjCBool = false
                guard fm.fileExists(atPath: path, isDirectory: &isDirectory) else { continue }
                if isDirectory.boolValue {
                    // Symlinked directories are not followed: a link loop must not hang the walk.
                    let type = (try? fm.attributesOfItem(atPath: path))?[.type] as? FileAttributeType
                    if type != .typeSymbolicLink { pending.append(path) }
                } else if PageFormat(path: name) != nil {
                    result.append(path)
                }
            }
        }
        return result
    }
}
