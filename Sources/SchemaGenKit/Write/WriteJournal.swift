import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The intent journal of a write in progress: one line per step, written before the step is taken, in
/// the staging folder inside the output folder. A run killed while moving files into place (SIGKILL, a
/// power cut of the process) leaves the journal behind; the next run into the folder, holding its lock,
/// reads it and undoes every step that happened, newest first, then removes the staging folder. A
/// journal that ends with `committed` needs nothing undone: the write was complete.
///
/// Each undo is safe to apply whether or not its step happened: a new file is removed only if it is
/// still the very file staged (same inode), a file set aside is put back only if it is in the staging
/// folder, a folder is removed only if empty.
struct WriteJournal: ~Copyable {
    static let fileName = "journal"
    private static let committedLine = "committed"

    enum Step: Equatable, Sendable {
        /// A new file hard-linked into place from the staged file `staged`.
        case placedNew(String, staged: String)
        /// A file moved (or linked) into the staging folder as `backup`, before being replaced or deleted.
        case setAside(String, backup: String)
        case createdFolder(String)
        case removedFolder(String, mode: mode_t)
    }

    private let descriptor: Int32

    /// Starts the journal in the staging folder.
    init(in staging: Int32, reportedAs path: String) throws(OutputWriter.Failure) {
        let fd = openat(staging, Self.fileName, O_WRONLY | O_CREAT | O_EXCL | O_APPEND | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw OutputFileSystem.failure(path, "cannot start the write journal") }
        descriptor = fd
    }

    deinit { close(descriptor) }

    func note(_ step: Step, reportedAs path: String) throws(OutputWriter.Failure) {
        try append(Self.line(step), reportedAs: path)
    }

    /// The write is complete: a later run must not undo it.
    func commit(reportedAs path: String) throws(OutputWriter.Failure) {
        try append(Self.committedLine, reportedAs: path)
    }

    private func append(_ line: String, reportedAs path: String) throws(OutputWriter.Failure) {
        let bytes = Array((line + "\n").utf8)
        let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress!, $0.count) }
        guard written == bytes.count else { throw OutputFileSystem.failure(path, "cannot write the write journal") }
    }

    // MARK: The line format

    /// Fields separated by tabs; `%`, tab and newline in paths percent-encoded.
    static func line(_ step: Step) -> String {
        switch step {
        case .placedNew(let path, let staged): "new\t\(encode(path))\t\(encode(staged))"
        case .setAside(let path, let backup): "aside\t\(encode(path))\t\(encode(backup))"
        case .createdFolder(let path): "mkdir\t\(encode(path))"
        case .removedFolder(let path, let mode): "rmdir\t\(encode(path))\t\(mode)"
        }
    }

    static func parse(_ line: Substring) -> Step? {
        let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map { decode($0) }
        guard let kind = fields.first, fields.dropFirst().allSatisfy({ $0 != nil }) else { return nil }
        let values = fields.dropFirst().map { $0! }
        switch (kind, values.count) {
        case ("new", 2): return .placedNew(values[0], staged: values[1])
        case ("aside", 2): return .setAside(values[0], backup: values[1])
        case ("mkdir", 1): return .createdFolder(values[0])
        case ("rmdir", 2): return mode_t(values[1]).map { .removedFolder(values[0], mode: $0) }
        default: return nil
        }
    }

    private static func encode(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "%": out += "%25"
            case "\t": out += "%09"
            case "\n": out += "%0A"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    private static func decode(_ text: Substring) -> String? {
        guard text.contains("%") else { return String(text) }
        var out = ""
        var i = text.startIndex
        while i < text.endIndex {
            if text[i] == "%" {
                let end = text.index(i, offsetBy: 3, limitedBy: text.endIndex) ?? text.endIndex
                switch text[i..<end] {
                case "%25": out += "%"
                case "%09": out += "\t"
                case "%0A": out += "\n"
                default: return nil
                }
                i = end
            } else {
                out.append(text[i])
                i = text.index(after: i)
            }
        }
        return out
    }

    // MARK: Recovery

    /// Undoes what interrupted writes left in `directory` and removes every staging folder there and
    /// beside it. Called with the folder's lock held, before the folder is planned.
    static func recover(_ directory: String) throws(OutputWriter.Failure) {
        var trimmed = directory
        while trimmed.utf8.count > 1 && trimmed.hasSuffix("/") { trimmed.removeLast() }
        let (parent, name) = PathSplit.split(trimmed)
        // A first write builds the folder beside it and renames it into place in one step: what is left
        // of one that never got there is only a staging folder.
        let parentPath = parent.isEmpty ? "." : parent
        if let entries = try? FileManager.default.contentsOfDirectory(atPath: parentPath) {
            for entry in entries where entry.hasPrefix("." + name + WriteTransaction.stagingPrefix) {
                try? FileManager.default.removeItem(atPath: parentPath + "/" + entry)
            }
        }
        guard case .directory = try OutputFileSystem.followedNode(at: trimmed) else { return }
        let staging = try OutputFileSystem.entries(ofDirectory: trimmed).filter {
            $0.hasPrefix(WriteTransaction.stagingPrefix)
        }
        guard !staging.isEmpty else { return }
        var handles = try FolderHandles(directory: trimmed, expected: nil)
        for folder in staging.sorted() {
            try undo(folder, in: &handles)
            do {
                try FileManager.default.removeItem(atPath: OutputFileSystem.join(trimmed, folder))
            } catch {
                throw .io(
                    OutputFileSystem.join(trimmed, folder), message: "cannot remove an interrupted run's staging folder"
                )
            }
        }
    }

    /// Undoes the journal in staging folder `folder`, unless it says the write completed.
    private static func undo(_ folder: String, in handles: inout FolderHandles) throws(OutputWriter.Failure) {
        let stagingFD = openat(handles.root, folder, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard stagingFD >= 0 else { return }
        defer { close(stagingFD) }
        let journalPath = handles.full(folder + "/" + fileName)
        guard let data = FileManager.default.contents(atPath: journalPath),
            let text = String(data: data, encoding: .utf8)
        else { return }
        let lines = text.split(separator: "\n")
        if lines.last == Substring(committedLine) { return }
        for line in lines.reversed() {
            guard let step = parse(line) else { continue }
            try undo(step, staging: stagingFD, in: &handles)
        }
    }

    /// Undoes one step if it happened; a step that did not is left alone.
    static func undo(_ step: Step, staging: Int32, in handles: inout FolderHandles) throws(OutputWriter.Failure) {
        switch step {
        case .placedNew(let path, let staged):
            guard let (folder, name) = try? handles.parent(of: path) else { return }
            var placed = stat()
            var original = stat()
            guard fstatat(folder, name, &placed, AT_SYMLINK_NOFOLLOW) == 0,
                fstatat(staging, staged, &original, AT_SYMLINK_NOFOLLOW) == 0,
                placed.st_ino == original.st_ino, placed.st_dev == original.st_dev
            else { return }
            if unlinkat(folder, name, 0) != 0 && errno != ENOENT {
                throw OutputFileSystem.failure(handles.full(path), "cannot undo an interrupted write")
            }
        case .setAside(let path, let backup):
            var info = stat()
            guard fstatat(staging, backup, &info, AT_SYMLINK_NOFOLLOW) == 0 else { return }
            let (folder, name) = try handles.parent(of: path)
            if renameat(staging, backup, folder, name) != 0 {
                throw OutputFileSystem.failure(handles.full(path), "cannot put back the old version")
            }
        case .createdFolder(let path):
            handles.forget(path)
            guard let (folder, name) = try? handles.parent(of: path) else { return }
            _ = unlinkat(folder, name, AT_REMOVEDIR)
        case .removedFolder(let path, let mode):
            let (folder, name) = try handles.parent(of: path)
            if mkdirat(folder, name, 0o700) == 0 {
                _ = fchmodat(folder, name, mode, 0)
            } else if errno != EEXIST {
                throw OutputFileSystem.failure(handles.full(path), "cannot put back a removed folder")
            }
        }
    }
}
