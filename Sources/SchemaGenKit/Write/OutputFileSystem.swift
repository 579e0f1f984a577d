import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// What `lstat` found at a path, reduced to what the writer decides on. Links are never followed, so
/// a link is always reported as a link, whatever it points to.
enum OutputNode: Equatable, Sendable {
    case missing
    case directory
    case regularFile(size: Int, mode: mode_t, device: UInt64, inode: UInt64)
    case symlink
    /// A FIFO, socket or device: never opened (opening a FIFO would hang the run).
    case other
}

/// The few POSIX calls the writer makes, each turning `errno` into a `Failure` that names the path.
/// POSIX rather than FileManager because the writer needs `lstat`, `O_NOFOLLOW`, `O_EXCL`, `link` and
/// `rename` semantics exactly.
enum OutputFileSystem {
    typealias Failure = OutputWriter.Failure

    static func systemMessage(_ code: Int32) -> String {
        String(cString: strerror(code))
    }

    static func failure(_ path: String, _ action: String, _ code: Int32 = errno) -> Failure {
        .io(path, message: "\(action): \(systemMessage(code))")
    }

    /// `lstat`; a missing entry is a value, not an error.
    static func node(at path: String) throws(Failure) -> OutputNode {
        var info = stat()
        guard lstat(path, &info) == 0 else {
            let code = errno
            if code == ENOENT { return .missing }
            throw failure(path, "cannot inspect", code)
        }
        return node(from: info)
    }

    /// `stat` (following links): used only for the output folder itself, which the user named and may
    /// well be a link to somewhere else on purpose.
    static func followedNode(at path: String) throws(Failure) -> OutputNode {
        var info = stat()
        guard stat(path, &info) == 0 else {
            let code = errno
            if code == ENOENT { return .missing }
            throw failure(path, "cannot inspect", code)
        }
        return node(from: info)
    }

    private static func node(from info: stat) -> OutputNode {
        switch info.st_mode & S_IFMT {
        case S_IFDIR: return .directory
        case S_IFLNK: return .symlink
        case S_IFREG:
            return .regularFile(
                size: Int(info.st_size), mode: info.st_mode & 0o7777,
                device: UInt64(info.st_dev), inode: UInt64(info.st_ino))
        default: return .other
        }
    }

    /// Whether the regular file at `path` holds exactly `bytes`, read once in chunks and compared as it
    /// goes; a size mismatch answers without reading at all.
    static func contents(at path: String, size: Int, equal bytes: [UInt8]) throws(Failure) -> Bool {
        guard size == bytes.count else { return false }
        let descriptor = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK)
        guard descriptor >= 0 else { throw failure(path, "cannot open to compare") }
        defer { close(descriptor) }
        let chunkSize = 1 << 16
        var buffer = [UInt8](repeating: 0, count: chunkSize)
        var offset = 0
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, chunkSize) }
            if count < 0 {
                if errno == EINTR { continue }
                throw failure(path, "cannot read to compare")
            }
            if count == 0 { return offset == bytes.count }
            if offset + count > bytes.count { return false }
            let same = buffer.withUnsafeBytes { chunk in
                bytes.withUnsafeBytes { expected in
                    memcmp(chunk.baseAddress!, expected.baseAddress! + offset, count) == 0
                }
            }
            if !same { return false }
            offset += count
        }
    }

    /// Reads a whole regular file without following a link at its last component.
    static func readFile(at path: String) throws(Failure) -> [UInt8] {
        let descriptor = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK)
        guard descriptor >= 0 else { throw failure(path, "cannot open") }
        defer { close(descriptor) }
        // Read straight into an uninitialized buffer of the size `fstat` gives (cache records are
        // megabytes, not worth zeroing first), then on in chunks if the file grew.
        var info = stat()
        let expected = fstat(descriptor, &info) == 0 ? max(0, Int(info.st_size)) : 0
        var failedWith: Int32 = 0
        var result = [UInt8](unsafeUninitializedCapacity: expected + 1) { buffer, initialized in
            initialized = 0
            while initialized < buffer.count {
                let count = read(descriptor, buffer.baseAddress! + initialized, buffer.count - initialized)
                if count < 0 && errno == EINTR { continue }
                if count < 0 { failedWith = errno }
                if count <= 0 { return }
                initialized += count
            }
        }
        if failedWith != 0 { throw failure(path, "cannot read", failedWith) }
        guard result.count == expected + 1 else { return result }
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress!, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw failure(path, "cannot read")
            }
            if count == 0 { return result }
            result += chunk[..<count]
        }
    }

    /// Creates a new file (never replacing one) holding `bytes`; `mode` keeps the permissions of the file
    /// it will replace (an executable generated script stays executable), otherwise the umask decides.
    /// Errors name `reportedPath` (the file the user knows) rather than the staging path written to.
    static func createFile(
        at path: String, bytes: [UInt8], mode: mode_t?, reportedAs reportedPath: String
    ) throws(Failure) {
        try createFile(in: AT_FDCWD, named: path, bytes: bytes, mode: mode, reportedAs: reportedPath)
    }

    /// `createFile`, relative to the folder open as `folder`.
    static func createFile(
        in folder: Int32, named name: String, bytes: [UInt8], mode: mode_t?, reportedAs reportedPath: String
    ) throws(Failure) {
        let descriptor = openat(folder, name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o666)
        guard descriptor >= 0 else { throw failure(reportedPath, "cannot stage the new content") }
        var closed = false
        defer { if !closed { close(descriptor) } }
        var written = 0
        while written < bytes.count {
            let count = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress! + written, $0.count - written) }
            if count < 0 {
                if errno == EINTR { continue }
                throw failure(reportedPath, "cannot stage the new content")
            }
            written += count
        }
        if let mode, fchmod(descriptor, mode) != 0 { throw failure(reportedPath, "cannot set permissions") }
        closed = true
        if close(descriptor) != 0 { throw failure(reportedPath, "cannot stage the new content") }
    }

    /// Makes one folder; true when it was created, false when a real folder (not a link) was already there.
    @discardableResult
    static func makeDirectory(at path: String, mode: mode_t = 0o777) throws(Failure) -> Bool {
        if mkdir(path, mode) == 0 { return true }
        let code = errno
        if code == EEXIST {
            switch try node(at: path) {
            case .directory: return false
            case .symlink: throw Failure.symlinkInOutput(path)
            default: throw failure(path, "cannot create folder", code)
            }
        }
        throw failure(path, "cannot create folder", code)
    }

    /// `rename`; the error names `reportedPath` (the output file concerned) and says what was attempted.
    static func move(
        _ source: String, to destination: String, reportedAs reportedPath: String, _ action: String
    ) throws(Failure) {
        if rename(source, destination) != 0 { throw failure(reportedPath, action) }
    }

    /// Hard-links `source` at `destination`: 0, or the `errno` for the caller to judge (`EEXIST` means
    /// something is there; `EPERM`, `ENOTSUP` and friends mean the file system has no hard links).
    static func hardLink(_ source: String, to destination: String) -> Int32 {
        link(source, destination) == 0 ? 0 : errno
    }

    /// Whether `errno` from `hardLink` only says this file system cannot make hard links.
    static func linksUnsupported(_ code: Int32) -> Bool {
        code == EPERM || code == ENOTSUP || code == EOPNOTSUPP || code == EMLINK || code == EXDEV
            || code == ENOSYS
    }

    /// The permission bits of a folder, to recreate it as it was when a write is undone.
    static func permissions(at path: String) -> mode_t? {
        var info = stat()
        return lstat(path, &info) == 0 ? info.st_mode & 0o7777 : nil
    }

    /// Removes an empty folder; false (and nothing removed) when it is not empty.
    static func removeEmptyDirectory(_ path: String) throws(Failure) -> Bool {
        if rmdir(path) == 0 { return true }
        let code = errno
        if code == ENOTEMPTY || code == EEXIST { return false }
        throw failure(path, "cannot remove folder", code)
    }

    static func entries(ofDirectory path: String) throws(Failure) -> [String] {
        do {
            return try FileManager.default.contentsOfDirectory(atPath: path)
        } catch {
            throw .io(path, message: "cannot list folder: \(error.localizedDescription)")
        }
    }

    static func join(_ directory: String, _ relative: String) -> String {
        directory == "/" ? "/" + relative : directory + "/" + relative
    }
}
