/// The binary form of cache records that hold whole parsed tables: variable-length integers and
/// length-prefixed UTF-8 text. A 2,200-page record is read on every run with an edited page, and
/// decoding it this way takes milliseconds where JSON would take longer than parsing the pages.
struct ByteWriter {
    private(set) var bytes: [UInt8] = []

    init() {}

    /// Starts with `prefix` (a file's magic line), so the file needs no second buffer.
    init(prefix: [UInt8]) { bytes = prefix }

    /// Room for `count` more bytes, so a large record is not copied as it grows.
    mutating func reserve(_ count: Int) { bytes.reserveCapacity(bytes.count + count) }

    mutating func integer(_ value: Int) {
        // Zig-zag, so small negative numbers stay short too.
        var v = UInt64(bitPattern: Int64(value) << 1 ^ Int64(value) >> 63)
        while v >= 0x80 {
            bytes.append(UInt8(v & 0x7F) | 0x80)
            v >>= 7
        }
        bytes.append(UInt8(v))
    }

    mutating func integer64(_ value: Int64) { integer(Int(value)) }

    mutating func bool(_ value: Bool) { bytes.append(value ? 1 : 0) }

    mutating func text(_ value: String) {
        var value = value
        value.withUTF8 { utf8 in
            integer(utf8.count)
            bytes.append(contentsOf: utf8)
        }
    }

    mutating func optionalText(_ value: String?) {
        bool(value != nil)
        if let value { text(value) }
    }

    /// Ends the bytes with a digest of them and returns them, so a torn or damaged file is refused
    /// when it is read back (`ByteReader(sealed:)`). Nothing may be written after.
    mutating func seal() -> [UInt8] {
        let digest = ContentHash(bytes).value
        for shift in stride(from: 0, to: 64, by: 8) { bytes.append(UInt8(truncatingIfNeeded: digest >> UInt64(shift))) }
        return bytes
    }
}

/// Reads what `ByteWriter` wrote; every read returns nil past the end or on malformed input, so a
/// torn or foreign file is only a cache miss.
struct ByteReader {
    private let bytes: [UInt8]
    private(set) var offset = 0
    /// Where the reader's bytes end: reads never pass it.
    private let end: Int

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
        end = bytes.count
    }

    /// A reader of what `ByteWriter.seal` wrote, without the digest; nil when the digest is
    /// not that of the bytes before it.
    init?(sealed data: [UInt8]) {
        self.init(sealed: data, in: data.startIndex..<data.endIndex)
    }

    /// The same, for what `ByteWriter.seal` wrote at `range` of `data`, read in place (not copied).
    init?(sealed data: [UInt8], in range: Range<Int>) {
        guard range.count >= 8, range.lowerBound >= 0, range.upperBound <= data.count else { return nil }
        let bodyEnd = range.upperBound - 8
        var digest: UInt64 = 0
        for i in 0..<8 { digest |= UInt64(data[bodyEnd + i]) << UInt64(8 * i) }
        let actual = data.withUnsafeBytes {
            ContentHash(UnsafeRawBufferPointer(rebasing: $0[range.lowerBound..<bodyEnd]))
        }
        guard actual.value == digest else { return nil }
        bytes = data
        offset = range.lowerBound
        end = bodyEnd
    }

    var isAtEnd: Bool { offset == end }

    /// Reads past `expected` if the bytes start with it (a file's magic line).
    mutating func skip(_ expected: [UInt8]) -> Bool {
        guard end - offset >= expected.count,
            bytes[offset..<(offset + expected.count)].elementsEqual(expected)
        else { return false }
        offset += expected.count
        return true
    }

    mutating func integer() -> Int? {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while offset < end, shift < 64 {
            let byte = bytes[offset]
            offset += 1
            value |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 {
                let decoded = Int64(bitPattern: value >> 1) ^ -Int64(bitPattern: value & 1)
                return Int(decoded)
            }
            shift += 7
        }
        return nil
    }

    mutating func integer64() -> Int64? { integer().map(Int64.init) }

    mutating func bool() -> Bool? {
        guard offset < end, bytes[offset] <= 1 else { return nil }
        defer { offset += 1 }
        return bytes[offset] == 1
    }

    mutating func text() -> String? {
        withTextBytes { Self.isText($0) ? String(decoding: $0, as: UTF8.self) : nil } ?? nil
    }

    /// What `text` would read, handed to `body` as bytes instead of made a string (not checked).
    mutating func withTextBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R? {
        guard let range = lengthPrefixedRange() else { return nil }
        return bytes.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[range])) }
    }

    /// Reads past what `text` would return, checking it the same way without making the string.
    mutating func skipText() -> Bool {
        withTextBytes(Self.isText) ?? false
    }

    mutating func skipOptionalText() -> Bool {
        guard let present = bool() else { return false }
        return !present || skipText()
    }

    /// Valid UTF-8, ASCII checked first (the common case): the one check of both `text` and
    /// `skipText`, so a text `skipText` passed always reads.
    private static func isText(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        if ASCII.isASCII(bytes) { return true }
        var parser = Unicode.UTF8.ForwardParser()
        var input = bytes.makeIterator()
        while true {
            switch parser.parseScalar(from: &input) {
            case .valid: continue
            case .emptyInput: return true
            case .error: return false
            }
        }
    }

    mutating func optionalText() -> String?? {
        guard let present = bool() else { return nil }
        guard present else { return .some(nil) }
        guard let value = text() else { return nil }
        return .some(value)
    }

    /// The bytes a length prefix says follow it, read past.
    private mutating func lengthPrefixedRange() -> Range<Int>? {
        guard let count = integer(), count >= 0, count <= end - offset else { return nil }
        defer { offset += count }
        return offset..<(offset + count)
    }
}

// MARK: Values both cache records hold

extension ByteWriter {
    mutating func stamp(_ s: FileStamp) {
        integer64(s.size)
        integer64(s.modified)
        integer64(s.changed)
        integer64(Int64(bitPattern: s.inode))
        integer64(Int64(bitPattern: s.device))
    }

    mutating func location(_ l: SourceLocation) {
        text(l.file)
        integer(l.line)
        integer(l.column)
    }

    mutating func diagnostics(_ list: [Diagnostic]) {
        integer(list.count)
        for d in list {
            text(d.severity.rawValue)
            text(d.message)
            bool(d.location != nil)
            if let l = d.location { location(l) }
        }
    }
}

extension ByteReader {
    mutating func stamp() -> FileStamp? {
        guard let size = integer64(), let modified = integer64(), let changed = integer64(),
            let inode = integer64(), let device = integer64()
        else { return nil }
        return FileStamp(
            size: size, modified: modified, changed: changed, inode: UInt64(bitPattern: inode),
            device: UInt64(bitPattern: device))
    }

    mutating func location() -> SourceLocation? {
        guard let file = text(), let line = integer(), let column = integer() else { return nil }
        return SourceLocation(file: file, line: line, column: column)
    }

    mutating func diagnostics() -> [Diagnostic]? {
        guard let count = integer(), count >= 0 else { return nil }
        var list: [Diagnostic] = []
        for _ in 0..<count {
            guard let raw = text(), let severity = Diagnostic.Severity(rawValue: raw), let message = text(),
                let hasLocation = bool()
            else { return nil }
            var location: SourceLocation? = nil
            if hasLocation {
                guard let read = self.location() else { return nil }
                location = read
            }
            list.append(Diagnostic(severity, message, at: location))
        }
        return list
    }
}
