/// The list of files schemagen wrote into an output folder, kept in that folder.
///
/// It is what lets a later run replace or delete exactly its own files and never a user's: a file that
/// is not listed is not schemagen's, whatever its name. Plain text, one path per line, sorted, so it
/// diffs well when the output folder is committed.
struct OutputManifest: Hashable, Sendable {
    static let fileName = ".schemagen-manifest"
    static let formatVersion = 1
    static let headerPrefix = "# schemagen-manifest v"
    static var header: String {
        "\(headerPrefix)\(formatVersion) (files schemagen generated in this folder; do not edit)"
    }

    /// Relative paths, sorted by bytes, without duplicates.
    private(set) var paths: [String]

    init(paths: some Sequence<String>) {
        // Sorted first (a run's paths come sorted, which the sort finds in one pass), then equal
        // neighbours dropped: no set of 4,400 paths to hash.
        var unique: [String] = []
        for path in Array(paths).sortedByBytes() where unique.last.map({ ExactPath($0) != ExactPath(path) }) ?? true {
            unique.append(path)
        }
        self.paths = unique
    }

    var bytes: [UInt8] {
        var out = Array((Self.header + "\n").utf8)
        out.reserveCapacity(out.count + paths.reduce(0) { $0 + $1.utf8.count + 1 })
        for path in paths {
            out.append(contentsOf: path.utf8)
            out.append(UInt8(ascii: "\n"))
        }
        return out
    }

    /// Why a manifest could not be read; `line` is 1-based.
    struct ParseError: Error, Hashable, Sendable {
        var line: Int
        var reason: String

        var description: String { "line \(line): \(reason)" }
    }

    /// Reads a manifest strictly: an entry that is not a safe relative path is refused rather than
    /// skipped, because a run trusts the list to decide what it may delete.
    init(parsing data: [UInt8]) throws(ParseError) {
        var lines = data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        if lines.last?.isEmpty == true { lines.removeLast() }
        guard let headerLine = lines.first else {
            throw ParseError(
                line: 1, reason: "the file is empty (expected `\(Self.headerPrefix)\(Self.formatVersion)`)")
        }
        guard let header = String(validating: headerLine, as: UTF8.self), header.hasPrefix(Self.headerPrefix) else {
            throw ParseError(line: 1, reason: "missing the `\(Self.headerPrefix)\(Self.formatVersion)` header")
        }
        let digits = header.dropFirst(Self.headerPrefix.count).prefix { $0.isASCII && $0.isNumber }
        guard let version = Int(digits) else {
            throw ParseError(line: 1, reason: "the header has no format version")
        }
        guard version == Self.formatVersion else {
            throw ParseError(
                line: 1,
                reason:
                    "format version \(version) is not supported (this schemagen reads version \(Self.formatVersion))")
        }
        var paths: [String] = []
        for (offset, line) in lines.enumerated().dropFirst() {
            guard let path = String(validating: line, as: UTF8.self) else {
                throw ParseError(line: offset + 1, reason: "not valid UTF-8")
            }
            if let problem = OutputPathCheck.problem(with: path) {
                throw ParseError(line: offset + 1, reason: "path \(String(reflecting: path)) \(problem)")
            }
            paths.append(path)
        }
        self.init(paths: paths)
    }
}

extension OutputManifest {
    /// The files the manifest in `directory` lists; nil when there is none or it does not read.
    static func listedFiles(in directory: String) -> [String]? {
        guard let data = try? OutputFileSystem.readFile(at: OutputFileSystem.join(directory, fileName)),
            let manifest = try? OutputManifest(parsing: data)
        else { return nil }
        return manifest.paths
    }
}
