import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Turns the user's INPUT arguments (files and directories) into a sorted list of page paths.
///
/// Directories are searched recursively for page extensions; hidden entries are skipped. A file named
/// directly is listed whatever its extension, so that one which is not a page is an error naming it
/// rather than silently skipped. The result is sorted so the pipeline sees pages in the same order on
/// every machine.
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
                    diagnostics.append(
                        .error(
                            "not a page: \(input) (expected .md, .markdown, .html or .htm)"))
                } else {
                    paths.append(input)
                }
                continue
            }
            let found = walk(directory: input, diagnostics: &diagnostics)
            if found.isEmpty {
                diagnostics.append(.warning("no pages (.md, .markdown, .html, .htm) under \(input)"))
            }
            paths.append(contentsOf: found)
        }
        // Deduplicate (the same file named twice, or via a directory and directly) and sort, by
        // bytes: String equality would merge NFC and NFD spellings, two different files on Linux.
        var seen = Set<ExactPath>()
        let unique = paths.filter { seen.insert(ExactPath($0)).inserted }.sortedByBytes()
        return Result(paths: unique, diagnostics: diagnostics)
    }

    /// Lists folders with `readdir` (see `DirectoryListing`): only links and entries of unknown
    /// type are `stat`ed, since 2,200 pages are found on every run, a no-op included.
    private static func walk(directory: String, diagnostics: inout [Diagnostic]) -> [String] {
        var result: [String] = []
        var pending = [directory]
        while let current = pending.popLast() {
            let entries: [DirectoryListing.Entry]
            switch DirectoryListing.entries(of: current) {
            case .success(let found): entries = found
            case .failure(let error):
                diagnostics.append(.error("cannot read directory \(current): \(error.message)"))
                continue
            }
            let prefix = current.hasSuffix("/") ? current : current + "/"
            for entry in entries where entry.name.utf8.first != UInt8(ascii: ".") {
                let path = prefix + entry.name
                switch entry.kind {
                case .directory:
                    pending.append(path)
                case .symlink, .unknown:
                    // Symlinked directories are not followed: a link loop must not hang the walk. A
                    // link to a page is a page, as when it is named directly.
                    var target = stat()
                    var link = stat()
                    guard stat(path, &target) == 0 else { continue }
                    if target.st_mode & S_IFMT == S_IFDIR {
                        if lstat(path, &link) == 0 && link.st_mode & S_IFMT == S_IFDIR { pending.append(path) }
                    } else if PageFormat(path: entry.name) != nil {
                        result.append(path)
                    }
                case .regularFile, .other:
                    if PageFormat(path: entry.name) != nil { result.append(path) }
                }
            }
        }
        return result
    }
}
