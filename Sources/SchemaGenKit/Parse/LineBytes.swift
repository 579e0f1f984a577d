/// A page's bytes with the tests the markdown scanner makes on a line, each given as a byte range.
///
/// The tests give the answers a scanner comparing Characters would give: an ASCII mark followed by a combining accent (`|\u{301}`) is a different Character and does not
/// match. Only a non-ASCII byte can join a Character to the mark before it, so the bytes decide
/// whenever the next byte is ASCII, and Swift's own Character comparison is asked otherwise.
///
/// Holds a pointer into the page's array: use it only inside that array's `withUnsafeBufferPointer`.
struct LineBytes {
    let buffer: UnsafeBufferPointer<UInt8>

    @inline(__always)
    subscript(_ i: Int) -> UInt8 { buffer[i] }

    func slice(_ range: Range<Int>) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: buffer[range])
    }

    func string(_ range: Range<Int>) -> String {
        String(decoding: slice(range), as: UTF8.self)
    }

    /// The range as a Substring, for the few tests that must compare Characters.
    func substring(_ range: Range<Int>) -> Substring {
        Substring(string(range))
    }

    func isASCII(_ range: Range<Int>) -> Bool {
        ASCII.isASCII(slice(range))
    }

    /// Space, tab, vertical tab or form feed: the blanks of a line (it holds no line breaks).
    @inline(__always)
    static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0B || byte == 0x0C
    }

    func isBlank(_ line: Range<Int>) -> Bool {
        for i in line where !Self.isSpace(buffer[i]) { return false }
        return true
    }

    /// Whether the Character at `i` is just the ASCII byte there, not joined to what follows.
    @inline(__always)
    func isWholeCharacter(at i: Int, lineEnd: Int) -> Bool {
        i + 1 == lineEnd || buffer[i + 1] < 0x80 || substring(i..<lineEnd).first.map { $0.utf8.count == 1 } == true
    }

    /// `Substring.hasPrefix(marker)` for an ASCII marker.
    func hasPrefix(_ marker: StaticString, _ line: Range<Int>) -> Bool {
        let n = marker.utf8CodeUnitCount
        guard line.count >= n else { return false }
        for k in 0..<n where buffer[line.lowerBound + k] != marker.utf8Start[k] { return false }
        return isWholeCharacter(at: line.lowerBound + n - 1, lineEnd: line.upperBound)
    }

    /// The line after up to three leading spaces (indented code is not a thing on these pages).
    func dropIndent(_ line: Range<Int>) -> Range<Int> {
        var start = line.lowerBound
        while start - line.lowerBound < 3, start < line.upperBound, buffer[start] == UInt8(ascii: " "),
            isWholeCharacter(at: start, lineEnd: line.upperBound)
        {
            start += 1
        }
        return start..<line.upperBound
    }

    /// The line with white space folded (`CellText.fold`).
    func folded(_ line: Range<Int>) -> String {
        var folder = TextFolder()
        folder.append(slice(line))
        return folder.string()
    }

    /// Whether the folded line is exactly `word`, a word without white space.
    func foldedEquals(_ line: Range<Int>, _ word: StaticString) -> Bool {
        var lo = line.lowerBound
        var hi = line.upperBound
        while lo < hi, ASCII.isFoldedSpace(buffer[lo]) { lo += 1 }
        while hi > lo, ASCII.isFoldedSpace(buffer[hi - 1]) { hi -= 1 }
        guard hi - lo == word.utf8CodeUnitCount else { return false }
        for k in 0..<(hi - lo) where buffer[lo + k] != word.utf8Start[k] { return false }
        return true
    }

    /// 1-based column, in Unicode scalars, of the first non-blank character (1 on a blank line).
    func columnOfFirstNonSpace(_ line: Range<Int>) -> Int {
        var i = line.lowerBound
        while i < line.upperBound, Self.isSpace(buffer[i]) { i += 1 }
        return i < line.upperBound ? i - line.lowerBound + 1 : 1
    }

}
