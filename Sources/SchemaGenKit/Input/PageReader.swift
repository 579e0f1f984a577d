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
enum PageReader {
    enum Failure: Error, Equatable {
        /// The file holds `size` bytes, more than allowed; nothing was read.
        case tooLarge(size: Int)
        case unreadable
    }

    static func read(path: String, maxBytes: Int) -> Result<[UInt8], Failure> {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            // Unreadable, but an oversized file is still reported as oversized.
            var info = stat()
            if lstat(path, &info) == 0, Int(info.st_size) > maxBytes { return .failure(.tooLarge(size: Int(info.st_size))) }
            return .failure(.unreadable)
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { return .failure(.unreadable) }
        let size = Int(info.st_size)
        if size > maxBytes { return .failure(.tooLarge(size: size)) }
        // Read to the end even past the size fstat gave: a file may grow, and some report 0.
        var bytes = [UInt8](repeating: 0, count: size + 1)
        var count = 0
        while true {
            if count == bytes.count { bytes.append(contentsOf: repeatElement(0, count: max(4096, bytes.count))) }
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
        bytes.removeSubrange(count...)
        return .success(bytes)
    }
}

/// The C library's `read`, which `PageReader.read` hides inside the enum.
private func readBytes(_ fd: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
    read(fd, buffer, count)
}
