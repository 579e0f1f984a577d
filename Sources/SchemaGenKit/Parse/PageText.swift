/// A page's bytes checked as UTF-8 and cut into lines, without decoding the page into a `String`:
/// the markdown parser looks for a few ASCII marks on each line and makes Strings only of what it
/// keeps (title, summary, table id, cells).
struct PageText {
    /// The page as read, byte-order mark included (lines start after it).
    let bytes: [UInt8]
    /// Each line's byte range in `bytes`, without its terminator (`\n`, `\r\n` or a lone `\r`).
    let lines: [Range<Int>]

    enum DecodeError: Error {
        /// 1-based line and column (in Unicode scalars) of the first byte that is not UTF-8.
        case invalidUTF8(line: Int, column: Int, byte: UInt8)
    }

    /// Checks the page is UTF-8 and finds its lines; a leading byte-order mark is not part of line 1.
    init(validating bytes: [UInt8]) throws(DecodeError) {
        try Self.validate(bytes)
        self.bytes = bytes
        lines = bytes.withUnsafeBufferPointer { Self.lineRanges($0, from: Self.hasBOM(bytes) ? 3 : 0) }
    }

    /// Throws the position of the first byte that is not UTF-8, if any.
    static func validate(_ bytes: [UInt8]) throws(DecodeError) {
        let start = hasBOM(bytes) ? 3 : 0
        let invalid = bytes.withUnsafeBufferPointer { firstInvalidUTF8Offset($0, from: start) }
        guard let bad = invalid else { return }
        let prefix = bytes[start..<bad]
        let lineStart =
            prefix.lastIndex(where: { $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\r") })
            .map { $0 + 1 } ?? start
        let line =
            1 + prefix.reduce(0) { n, b in n + (b == UInt8(ascii: "\n") ? 1 : 0) }
            + crOnlyLineBreaks(prefix)
        let column = 1 + String(decoding: bytes[lineStart..<bad], as: UTF8.self).unicodeScalars.count
        throw .invalidUTF8(line: line, column: column, byte: bytes[bad])
    }

    static func hasBOM(_ bytes: [UInt8]) -> Bool {
        bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF
    }

    /// Line ranges from `start` on. Scans bytes, not Characters: "\r\n" is one Character and would
    /// hide the break, and a break byte never occurs inside a multi-byte UTF-8 sequence.
    static func lineRanges(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> [Range<Int>] {
        var lines: [Range<Int>] = []
        var lineStart = start
        var i = start
        let end = bytes.count
        guard let base = bytes.baseAddress else { return [start..<end] }
        let raw = UnsafeRawPointer(base)
        while i < end {
            // Eight bytes at a time while none of them is below 0x0E, so none is `\n` or `\r`
            // (the classic word test for "a byte less than n").
            if i + 8 <= end {
                let word = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                if (word &- 0x0E0E_0E0E_0E0E_0E0E) & ~word & 0x8080_8080_8080_8080 == 0 {
                    i += 8
                    continue
                }
            }
            let b = bytes[i]
            // One comparison rejects all but the few control bytes below `\r`.
            if b > UInt8(ascii: "\r") || (b != UInt8(ascii: "\n") && b != UInt8(ascii: "\r")) {
                i += 1
                continue
            }
            lines.append(lineStart..<i)
            i += (b == UInt8(ascii: "\r") && i + 1 < end && bytes[i + 1] == UInt8(ascii: "\n")) ? 2 : 1
            lineStart = i
        }
        lines.append(lineStart..<end)
        return lines
    }

    /// Byte offset of the first byte that does not start or continue a valid UTF-8 sequence.
    /// ASCII runs, nearly the whole of a real page, are skipped eight bytes at a time.
    static func firstInvalidUTF8Offset(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int = 0) -> Int? {
        guard let base = bytes.baseAddress else { return nil }
        let raw = UnsafeRawPointer(base)
        var i = start
        let end = bytes.count
        while i < end {
            if i + 8 <= end, raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                i += 8
                continue
            }
            let b = bytes[i]
            if b < 0x80 {
                i += 1
                continue
            }
            let length: Int
            var minSecond: UInt8 = 0x80
            var maxSecond: UInt8 = 0xBF
            switch b {
            case 0xC2...0xDF: length = 2
            case 0xE0:
                length = 3
                minSecond = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED:
                length = 3
                maxSecond = 0x9F
            case 0xF0:
                length = 4
                minSecond = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4:
                length = 4
                maxSecond = 0x8F
            default: return i
            }
            guard i + length <= end else { return i }
            let second = bytes[i + 1]
            guard second >= minSecond, second <= maxSecond else { return i }
            for k in 2..<max(2, length) where bytes[i + k] & 0xC0 != 0x80 { return i }
            i += length
        }
        return nil
    }

    /// Counts `\r` line breaks not followed by `\n` (old Mac line endings) for line numbering.
    private static func crOnlyLineBreaks(_ bytes: ArraySlice<UInt8>) -> Int {
        var count = 0
        var i = bytes.startIndex
        while i < bytes.endIndex {
            if bytes[i] == UInt8(ascii: "\r") {
                let next = i + 1
                if next >= bytes.endIndex || bytes[next] != UInt8(ascii: "\n") { count += 1 }
            }
            i += 1
        }
        return count
    }
}

extension PageText.DecodeError {
    func diagnostic(file: String) -> Diagnostic {
        switch self {
        case .invalidUTF8(let line, let column, let byte):
            .error(
                "the page is not valid UTF-8 (byte 0x\(String(byte, radix: 16, uppercase: true)))",
                at: SourceLocation(file: file, line: line, column: column))
        }
    }
}
