/// Splits markdown table rows into cells the way GitHub-flavoured markdown does: `\|` is a literal
/// pipe, a backslash before other punctuation is kept as written, outer pipes are optional. Works on
/// the UTF-8 bytes (every character that matters here is ASCII) and folds white space as it goes,
/// into one buffer reused from row to row.
struct MarkdownRowReader {
    /// A cell's folded text; at least as long as the row, so it is written without bounds growth.
    private var text: [UInt8] = []
    /// How many cells the previous row had: rows of a table are alike.
    private var cellCountHint = 5

    private static let pipe = UInt8(ascii: "|")
    private static let backslash = UInt8(ascii: "\\")

    /// - Parameters:
    ///   - bytes: the row's line, without its line break.
    ///   - line: the 1-based page line, for the locations of the row and its cells.
    mutating func split(_ bytes: UnsafeBufferPointer<UInt8>, path: String, line: Int) -> RawRow {
        var lo = 0
        var hi = bytes.count
        while lo < hi, LineBytes.isSpace(bytes[lo]) { lo += 1 }
        // The skipped bytes are ASCII: one column each.
        let rowColumn = lo + 1
        while hi > lo, LineBytes.isSpace(bytes[hi - 1]) { hi -= 1 }
        if lo < hi, bytes[lo] == Self.pipe { lo += 1 }
        if hi > lo, bytes[hi - 1] == Self.pipe {
            var backslashes = 0
            var k = hi - 2
            while k >= lo, bytes[k] == Self.backslash {
                backslashes += 1
                k -= 1
            }
            if backslashes % 2 == 0 { hi -= 1 }
        }
        // Folding and unescaping only shrink a cell, so the row's length bounds any cell's text.
        if text.count < bytes.count { text = [UInt8](repeating: 0, count: bytes.count) }
        let hint = cellCountHint
        let cells = text.withUnsafeMutableBufferPointer { out -> [RawCell] in
            var cells: [RawCell] = []
            cells.reserveCapacity(hint)
            var columns = ScalarColumns(bytes)
            var length = 0
            var pendingSpace = false
            var cellStart = lo
            var firstText = -1
            var i = lo
            while true {
                // The end of the row ends the last cell, like a pipe.
                if i == hi || bytes[i] == Self.pipe {
                    let location = SourceLocation(
                        file: path, line: line, column: columns.column(at: firstText >= 0 ? firstText : cellStart))
                    let cellText = String(decoding: UnsafeBufferPointer(rebasing: out[..<length]), as: UTF8.self)
                    cells.append(RawCell(text: cellText, location: location))
                    guard i < hi else { break }
                    length = 0
                    pendingSpace = false
                    firstText = -1
                    i += 1
                    cellStart = i
                    continue
                }
                let c = bytes[i]
                if ASCII.isFoldedSpace(c) {
                    // Aligned tables pad cells with long runs of spaces: skip them a word at a time.
                    pendingSpace = true
                    i += 1
                    while i + 8 <= hi,
                        UnsafeRawPointer(bytes.baseAddress! + i).loadUnaligned(as: UInt64.self)
                            == 0x2020_2020_2020_2020
                    {
                        i += 8
                    }
                    continue
                }
                // Text follows: one space for the white space before it, unless the cell is empty.
                if firstText < 0 { firstText = i }
                if pendingSpace, length > 0 {
                    out[length] = UInt8(ascii: " ")
                    length += 1
                }
                pendingSpace = false
                if c == Self.backslash, i + 1 < hi, Self.isASCIIPunctuation(bytes[i + 1]) {
                    if bytes[i + 1] != Self.pipe {
                        out[length] = c
                        length += 1
                    }
                    out[length] = bytes[i + 1]
                    length += 1
                    i += 2
                    continue
                }
                // A run of plain text, up to white space, a pipe or a backslash (offsets stay
                // inside the row, so they cannot overflow).
                out[length] = c
                length &+= 1
                i &+= 1
                // Eight bytes at a time while none of them ends the run. Each byte read makes at most
                // one byte of text, so `length <= i - lo`, and `i + 8 <= hi <= out.count` keeps the
                // eight-byte store inside `out`.
                while i &+ 8 <= hi {
                    let word = UnsafeRawPointer(bytes.baseAddress! + i).loadUnaligned(as: UInt64.self)
                    guard !Self.endsTextRun(word) else { break }
                    assert(length &+ 8 <= out.count)
                    UnsafeMutableRawPointer(out.baseAddress! + length).storeBytes(of: word, as: UInt64.self)
                    length &+= 8
                    i &+= 8
                }
                while i < hi {
                    let d = bytes[i]
                    guard d > 0x20, d != Self.pipe, d != Self.backslash else { break }
                    out[length] = d
                    length &+= 1
                    i &+= 1
                }
            }
            return cells
        }
        cellCountHint = cells.count
        return RawRow(cells: cells, location: SourceLocation(file: path, line: line, column: rowColumn))
    }

    /// `| --- | :--: |`: every cell is dashes, optionally between colons.
    static func isDelimiterRow(_ row: RawRow) -> Bool {
        !row.cells.isEmpty
            && row.cells.allSatisfy { cell in
                let t = cell.text.utf8
                var lo = t.startIndex
                var hi = t.endIndex
                if lo < hi, t[lo] == UInt8(ascii: ":") { lo = t.index(after: lo) }
                if hi > lo, t[t.index(before: hi)] == UInt8(ascii: ":") { hi = t.index(before: hi) }
                return lo < hi && t[lo..<hi].allSatisfy { $0 == UInt8(ascii: "-") }
            }
    }

    /// Whether any of eight bytes is white space or a control byte (up to 0x20), a pipe or a
    /// backslash: the bytes that end a run of plain text. The usual bit tricks, each exact as a yes/no.
    @inline(__always)
    static func endsTextRun(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        func hasZeroByte(_ v: UInt64) -> Bool { (v &- ones) & ~v & highs != 0 }
        let below21 = (word &- ones &* 0x21) & ~word & highs != 0
        return below21 || hasZeroByte(word ^ (ones &* UInt64(pipe))) || hasZeroByte(word ^ (ones &* UInt64(backslash)))
    }

    private static func isASCIIPunctuation(_ b: UInt8) -> Bool {
        (0x21...0x2F).contains(b) || (0x3A...0x40).contains(b) || (0x5B...0x60).contains(b) || (0x7B...0x7E).contains(b)
    }
}

/// 1-based columns in Unicode scalars for byte offsets asked in increasing order, counted once
/// across the row: a scalar is a byte that does not continue a UTF-8 sequence, and eight ASCII
/// bytes at a time are eight scalars.
private struct ScalarColumns {
    let bytes: UnsafeBufferPointer<UInt8>
    private var counted = 0
    private var scalars = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    mutating func column(at offset: Int) -> Int {
        while counted + 8 <= offset,
            UnsafeRawPointer(bytes.baseAddress! + counted).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 == 0
        {
            counted += 8
            scalars += 8
        }
        while counted < offset {
            if bytes[counted] & 0xC0 != 0x80 { scalars += 1 }
            counted += 1
        }
        return scalars + 1
    }
}
