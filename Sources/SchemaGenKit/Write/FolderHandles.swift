#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Open descriptors of the output folder and the folders inside it, each opened relative to its parent
/// with `O_NOFOLLOW`: a write places, removes and creates everything relative to these, so a folder
/// swapped for a link while a run writes makes the run fail instead of writing where the link points.
struct FolderHandles: ~Copyable {
    typealias Failure = OutputWriter.Failure

    /// The output folder as the user named it (joined with relative paths in messages).
    let directory: String
    let root: Int32
    private var handles: [String: Int32] = [:]

    /// Opens the output folder (following a link there: the user named it) and checks it is the folder
    /// the plan was made for.
    init(directory: String, expected: FileIdentity?) throws(Failure) {
        self.directory = directory
        let fd = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw OutputFileSystem.failure(directory, "cannot open the output folder") }
        if let expected, FileIdentity(descriptor: fd) != expected {
            close(fd)
            throw .folderChanged(directory)
        }
        root = fd
    }

    deinit {
        for fd in handles.values { close(fd) }
        close(root)
    }

    func full(_ relative: String) -> String { OutputFileSystem.join(directory, relative) }

    /// The descriptor of folder `relative` ("" for the output folder), opened one component at a time.
    mutating func folder(_ relative: String) throws(Failure) -> Int32 {
        if relative.isEmpty { return root }
        if let fd = handles[relative] { return fd }
        let (parent, name) = PathSplit.split(relative)
        let parentFD = try folder(parent)
        let fd = openat(parentFD, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard fd >= 0 else {
            let code = errno
            if code == ELOOP || code == ENOTDIR { throw .folderChanged(full(relative)) }
            throw OutputFileSystem.failure(full(relative), "cannot open folder", code)
        }
        handles[relative] = fd
        return fd
    }

    /// The descriptor of the folder holding `relative`, and the entry's name in it.
    mutating func parent(of relative: String) throws(Failure) -> (Int32, String) {
        let (folder, name) = PathSplit.split(relative)
        return (try self.folder(folder), name)
    }

    /// Forgets a folder's descriptor (before removing the folder).
    mutating func forget(_ relative: String) {
        if let fd = handles.removeValue(forKey: relative) { close(fd) }
    }
}

/// The device and inode of a file or folder: what it is, whatever path leads to it.
struct FileIdentity: Hashable, Sendable {
    var device: UInt64
    var inode: UInt64

    init?(descriptor: Int32) {
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { return nil }
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
    }

    init?(followingPath path: String) {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
    }
}
