/// A page's bytes checked and decoded as UTF-8, split into lines, with the position of anything
/// that is not UTF-8 so the error can name its line and column.
struct PageText {
    /// Lines without their terminators (`\n`, `\r\n` or a lone `\r`), a leading BOM removed.
    var lines: [Substring]

    enum DecodeError: Error {
        /// 1-based line and column (in Unicode scalars) of the first byte that is not UTF-8.
        case invalidUTF8(line: Int, column: Int, byte: UInt8)
    }

    /// Decodes the page, dropping a UTF-8 byte-order mark.
    static func decode(_ bytes: [UInt8]) throws(DecodeError) -> String {
        try validate(bytes)
        let start = hasBOM(bytes) ? 3 : 0
        return String(decoding: bytes[start...], as: UTF8.self)
    }

    /// Throws the position of the first byte that is not UTF-8, if any.
    static func validate(_ bytes: [UInt8]) throws(DecodeError) {
        let start = hasBOM(bytes) ? 3 : 0
        guard let bad = firstInvalidUTF8Offset(bytes[start...]) else { return }
        let prefix = bytes[start..<bad]
        let lineStart = prefix.lastIndex(where: { $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\r") })
            .map { $0 + 1 } ?? start
        let line = 1 + prefix.reduce(0) { n, b in n + (b == UInt8(ascii: "\n") ? 1 : 0) }
            + crOnlyLineBreaks(prefix)
        let column = 1 + String(decoding: bytes[lineStart..<bad], as: UTF8.self).unicodeScalars.count
        throw .invalidUTF8(line: line, column: column, byte: bytes[bad])
    }

    static func hasBOM(_ bytes: [UInt8]) -> Bool {
        bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF
    }

    init(_ text: String) {
        var lines: [Substring] = []
        var lineStart = text.startIndex
        var i = text.startIndex
        // Scan scalars, not Characters: "\r\n" is one Character and would hide the break.
        let scalars = text.unicodeScalars
        var si = scalars.startIndex
        while si != scalars.endIndex {
            let c = scalars[si]
            if c == "\n" || c == "\r" {
                i = si
                lines.append(text[lineStart..<i])
                var next = scalars.index(after: si)
                if c == "\r", next != scalars.endIndex, scalars[next] == "\n" {
                    next = scalars.index(after: next)
                }
                si = next
                lineStart = si
                continue
            }
            si = scalars.index(after: si)
        }
        lines.append(text[lineStart..<text.endIndex])
        self.lines = lines
    }

    /// Byte offset of the first byte that does not start or continue a valid UTF-8 sequence.
    static func firstInvalidUTF8Offset(_ bytes: ArraySlice<UInt8>) -> Int? {
        var i = bytes.startIndex
        let end = bytes.endIndex
        while i < end {
            let b = bytes[i]
            if b < 0x80 { i += 1; continue }
            let length: Int
            var minSecond: UInt8 = 0x80
            var maxSecond: UInt8 = 0xBF
            switch b {
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; minSecond = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: length = 3; maxSecond = 0x9F
            case 0xF0: length = 4; minSecond = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; maxSecond = 0x8F
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

/// Text clean-up shared by both parsers, so markdown and HTML give the same strings.
enum CellText {
    /// Folds every run of ASCII white space to one space and trims the ends. Other characters
    /// (non-breaking spaces, C1 controls in double-encoded text) are kept as written.
    static func fold(_ text: some StringProtocol) -> String {
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            switch scalar {
            case " ", "\t", "\n", "\r", "\u{0B}", "\u{0C}":
                pendingSpace = !out.isEmpty
            default:
                if pendingSpace { out.append(" "); pendingSpace = false }
                out.append(scalar)
            }
        }
        return String(out)
    }

    /// Removes one pair of enclosing backticks: `` `array<string>` `` → `array<string>`.
    static func unquoteCode(_ text: String) -> String {
        guard text.count >= 2, text.hasPrefix("`"), text.hasSuffix("`") else { return text }
        let inner = text.dropFirst().dropLast()
        guard !inner.contains("`") else { return text }
        return inner.trimmingCharacters(in: " ")
    }
}

extension StringProtocol {
    func trimmingCharacters(in set: Character) -> String {
        var s = Substring(self)
        while s.first == set { s = s.dropFirst() }
        while s.last == set { s = s.dropLast() }
        return String(s)
    }
}

extension PageText.DecodeError {
    func diagnostic(file: String) -> Diagnostic {
        switch self {
        case let .invalidUTF8(line, column, byte):
            .error(
                "the page is not valid UTF-8 (byte 0x\(String(byte, radix: 16, uppercase: true)))",
                at: SourceLocation(file: file, line: line, column: column))
        }
    }
}
