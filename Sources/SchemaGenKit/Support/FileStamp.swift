#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// What `lstat` says about a regular file: enough to tell, without reading it, that it has not
/// changed since the stamp was taken — as git's index and make do.
///
/// The change time is what makes it trustworthy: any write, rename or `touch -d` sets it to the
/// current time, and no ordinary tool can set it back.
struct FileStamp: Hashable, Sendable {
    var size: Int64
    var modified: Int64
    var changed: Int64
    var inode: UInt64
    var device: UInt64

    /// The stamp of a regular file (links are not followed), nil for anything else.
    static func of(_ path: String) -> FileStamp? {
        var info = stat()
        guard lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
        #if canImport(Darwin)
            let modified = Int64(info.st_mtimespec.tv_sec) * 1_000_000_000 + Int64(info.st_mtimespec.tv_nsec)
            let changed = Int64(info.st_ctimespec.tv_sec) * 1_000_000_000 + Int64(info.st_ctimespec.tv_nsec)
        #else
            let modified = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
            let changed = Int64(info.st_ctim.tv_sec) * 1_000_000_000 + Int64(info.st_ctim.tv_nsec)
        #endif
        return FileStamp(
            size: Int64(info.st_size), modified: modified, changed: changed, inode: UInt64(info.st_ino),
            device: UInt64(info.st_dev))
    }

    /// Whether an edit made just after this stamp was taken could have left it unchanged: the file
    /// changed within the file system's timestamp resolution of `time`, so the next write may carry
    /// the same change time ("racy git"). Such files are compared by content instead.
    func isRacy(relativeTo time: Int64) -> Bool {
        // File systems with whole-second timestamps (no nanoseconds seen) get a wider margin.
        let margin: Int64 = changed % 1_000_000_000 == 0 ? 2_000_000_000 : 50_000_000
        return changed >= time - margin
    }

    /// This stamp with a change time no file has: recorded for a file whose stamp cannot be trusted, it
    /// makes the next run compare the file's bytes.
    var neverMatching: FileStamp {
        var stamp = self
        stamp.changed = -1
        return stamp
    }

    /// The current wall-clock time in nanoseconds, on the clock file systems stamp files with.
    static func now() -> Int64 {
        var time = timespec()
        clock_gettime(CLOCK_REALTIME, &time)
        return Int64(time.tv_sec) * 1_000_000_000 + Int64(time.tv_nsec)
    }
}
