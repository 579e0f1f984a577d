#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads a page file's bytes with `open`, `fstat` and `read`, checking its size first.
///
/// FileManager's `attributesOfItem` and `contents(atPath:)` cost about as much as parsing a small
/// page (an attribute dictionary with owner names and dates, a `Data` copied into an array).
///
/// Only regular files are pages. The file is opened non-blocking, so a FIFO (or a device) in the
/// pages folder cannot hang the open, then refused once `fstat` says what it is; a link is followed
/// (a link to a page is a page) but its target must be a regular file too, so `x.md -> /dev/zero`
/// is refused rather than read for ever. At most `maxBytes + 1` bytes are ever read, so a file that
/// grows past the limit after `fstat` is refused as too large instead of filling memory.
enum PageReader {
    enum Failure: Error, Equatable {
        /// The file holds `size` bytes, more than allowed; nothing was read.
        case tooLarge(size: Int)
        /// A FIFO, device, socket or folder where a page was expected; `kind` names it for the message.
        case notRegularFile(kind: String)
        case unreadable
    }

    static func read(path: String, maxBytes: Int) -> Result<[UInt8], Failure> {
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else {
            // Unreadable, but an oversized file is still reported as oversized.
            var info = stat()
            if stat(path, &info) == 0 {
                if let kind = nonRegularKind(info.st_mode) { return .failure(.notRegularFile(kind: kind)) }
                if Int(info.st_size) > maxBytes { return .failure(.tooLarge(size: Int(info.st_size))) }
            }
            return .failure(.unreadable)
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { return .failure(.unreadable) }
        if let kind = nonRegularKind(info.st_mode) { return .failure(.notRegularFile(kind: kind)) }
        let size = Int(info.st_size)
        if size > maxBytes { return .failure(.tooLarge(size: size)) }
        // Read to the end even past the size fstat gave (a file may grow), but never more than one byte
        // past the limit: that byte is enough to know the file is too large.
        let cap = maxBytes + 1
        var bytes = [UInt8](repeating: 0, count: min(size + 1, cap))
        var count = 0
        while true {
            if count == bytes.count {
                if count >= cap { break }
                bytes.append(contentsOf: repeatElement(0, count: min(max(4096, bytes.count), cap - count)))
            }
            let n = bytes.withUnsafeMutableBytes { buffer in
                readBytes(fd, buffer.baseAddress! + count, buffer.count - count)
            }
            if n > 0 {
                count += n
            } else if n == 0 {
                break
            } else if errno != EINTR {
                return .failure(.unreadable)
            }
        }
        if count > maxBytes { return .failure(.tooLarge(size: count)) }
        bytes.removeSubrange(count...)
        return .success(bytes)
    }

    /// What a file that is not a regular file is, in words; nil for a regular file.
    static func nonRegularKind(_ mode: mode_t) -> String? {
        switch mode & S_IFMT {
        case S_IFREG: return nil
        case S_IFIFO: return "a FIFO (named pipe)"
        case S_IFCHR: return "a character device"
        case S_IFBLK: return "a block device"
        case S_IFSOCK: return "a socket"
        case S_IFDIR: return "a folder"
        default: return "a special file"
        }
    }
}

/// The C library's `read`, which `PageReader.read` hides inside the enum.
private func readBytes(_ fd: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
    read(fd, buffer, count)
}
