import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// An exclusive advisory lock on one folder schemagen writes (an output folder or a `fetch` folder),
/// held from planning to recording so that two runs into the same folder never interleave.
///
/// The lock is taken with `flock` on the folder's parent: the folder itself may not exist yet (a first
/// run builds it beside and renames it into place), and a lock file would be one more file in a folder
/// the user commits. Runs into sibling folders therefore wait for each other too, which costs a moment
/// and never mixes anything. The kernel drops the lock when the process ends, however it ends.
public final class FolderLock: @unchecked Sendable {
    public struct Failure: Error, CustomStringConvertible, Sendable {
        public var description: String
    }

    private var descriptor: Int32

    /// Takes the lock for `folder`, waiting up to `timeout` for another run to finish; `waiting` is
    /// called once, with a message naming the folder, if it has to wait.
    public static func acquire(
        for folder: String, timeout: Duration = .seconds(120), waiting: (String) -> Void = { _ in }
    ) throws(Failure) -> FolderLock {
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: timeout)
        var warned = false
        while true {
            // The parent may not exist yet (the writer makes it): lock the nearest folder that does,
            // and start again deeper if the parent appeared while this run waited.
            let parent = parentFolder(of: folder)
            let (fd, locked) = try openNearest(parent, for: folder)
            if !locked {
                if flock(fd, LOCK_EX | LOCK_NB) != 0 {
                    guard errno == EWOULDBLOCK else {
                        let message = String(cString: strerror(errno))
                        close(fd)
                        throw Failure(description: "cannot lock \(folder): \(message)")
                    }
                    if !warned {
                        waiting("waiting for another schemagen run on \(folder) to finish…")
                        warned = true
                    }
                    close(fd)
                    guard clock.now < deadline else {
                        throw Failure(
                            description: "another schemagen run has been working on \(folder) for over "
                                + "\(timeout.components.seconds) s; gave up waiting for it")
                    }
                    usleep(20_000)
                    continue
                }
            }
            return FolderLock(descriptor: fd)
        }
    }

    /// Opens `parent`, or its nearest ancestor that exists; `locked` is false when it is `parent` itself
    /// or an ancestor locked and checked to still be the nearest.
    private static func openNearest(_ parent: String, for folder: String) throws(Failure) -> (Int32, locked: Bool) {
        var path = parent
        while true {
            let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
            if fd >= 0 {
                if path == parent { return (fd, false) }
                // An ancestor: lock it, then make sure no folder below it on the way appeared meanwhile.
                guard flock(fd, LOCK_EX | LOCK_NB) == 0 else { return (fd, false) }
                var below = parent
                var appeared = false
                while below != path {
                    var info = stat()
                    if stat(below, &info) == 0 {
                        appeared = true
                        break
                    }
                    below = parentFolder(of: below)
                }
                if appeared {
                    close(fd)
                    return try openNearest(parent, for: folder)
                }
                return (fd, true)
            }
            guard errno == ENOENT, path != "/", path != "." else {
                throw Failure(
                    description: "cannot lock \(folder): cannot open \(path): \(String(cString: strerror(errno)))")
            }
            path = parentFolder(of: path)
        }
    }

    private init(descriptor: Int32) { self.descriptor = descriptor }

    /// Gives the lock up; also done when the lock is released from memory.
    public func release() {
        guard descriptor >= 0 else { return }
        close(descriptor)
        descriptor = -1
    }

    deinit { release() }

    /// The folder the lock is taken on: the parent of `folder`, as written (`.` for a bare name).
    static func parentFolder(of folder: String) -> String {
        var path = folder
        while path.count > 1 && path.hasSuffix("/") { path.removeLast() }
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }
}
