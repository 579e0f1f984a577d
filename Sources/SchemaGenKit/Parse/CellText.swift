/// Text clean-up shared by both parsers, so markdown and HTML give the same strings.
enum CellText {
    /// Folds every run of ASCII white space to one space and trims the ends. Other characters
    /// (non-breaking spaces, C1 controls in double-encoded text) are kept as written.
    static func fold(_ text: some StringProtocol) -> String {
        var folder = TextFolder()
        if text.utf8.withContiguousStorageIfAvailable({ folder.append($0) }) == nil {
            // Only bridged strings are not contiguous.
            Array(text.utf8).withUnsafeBufferPointer { folder.append($0) }
        }
        return folder.string()
    }

    /// Removes one pair of enclosing backticks: `` `array<string>` `` → `array<string>`.
    ///
    /// Works on bytes when the text is ASCII, as nearly every id, variant and type cell is. Other
    /// text keeps Swift's Character comparison, where a combining mark after a backtick makes a
    /// different Character.
    static func unquoteCode(_ text: String) -> String {
        let utf8 = text.utf8
        guard utf8.count >= 2, utf8.first == UInt8(ascii: "`"), utf8.last == UInt8(ascii: "`") else {
            // No byte match means no Character match either: the text is not quoted.
            return text
        }
        guard ASCII.isASCII(utf8) else { return unquoteCodeByCharacters(text) }
        var inner = utf8.dropFirst().dropLast()
        if inner.contains(UInt8(ascii: "`")) { return text }
        while inner.first == UInt8(ascii: " ") { inner = inner.dropFirst() }
        while inner.last == UInt8(ascii: " ") { inner = inner.dropLast() }
        return String(inner)!
    }

    /// `unquoteCode` by Characters, for text that is not ASCII.
    private static func unquoteCodeByCharacters(_ text: String) -> String {
        guard text.count >= 2, text.hasPrefix("`"), text.hasSuffix("`") else { return text }
        let inner = text.dropFirst().dropLast()
        guard !inner.contains("`") else { return text }
        return inner.trimmingCharacters(in: " ")
    }
}

/// Folds white space like `CellText.fold` while text arrives in pieces (the lines of a paragraph,
/// the text nodes of an HTML cell), into one reusable buffer, so no String is made until the end.
struct TextFolder {
    private(set) var bytes: [UInt8] = []
    private var pendingSpace = false

    init() {}

    /// Empties the buffer, keeping its capacity for the next text.
    mutating func reset() {
        bytes.removeAll(keepingCapacity: true)
        pendingSpace = false
    }

    mutating func append(_ piece: UnsafeBufferPointer<UInt8>) {
        guard let first = piece.first else { return }
        // A space carried over from earlier pieces goes in first, so that folding the piece in
        // place below never writes ahead of what it reads.
        if pendingSpace, !ASCII.isFoldedSpace(first) {
            bytes.append(UInt8(ascii: " "))
            pendingSpace = false
        }
        // Copy the piece whole (usually a word or a cell with nothing to fold), then fold the copy
        // in place: it can only shrink.
        let start = bytes.count
        bytes.append(contentsOf: piece)
        var pending = pendingSpace
        let written = bytes.withUnsafeMutableBufferPointer { buffer -> Int in
            var write = start
            for read in start..<buffer.count {
                let byte = buffer[read]
                if ASCII.isFoldedSpace(byte) {
                    pending = write > 0
                } else {
                    if pending {
                        buffer[write] = UInt8(ascii: " ")
                        write += 1
                        pending = false
                    }
                    buffer[write] = byte
                    write += 1
                }
            }
            return write
        }
        pendingSpace = pending
        bytes.removeLast(bytes.count - written)
    }

    /// White space between pieces (a line break, `<br>`).
    mutating func appendSpace() {
        pendingSpace = !bytes.isEmpty
    }

    /// The folded text. Folding only touches ASCII bytes, so this is the text decoding the pieces
    /// and then folding would give.
    func string() -> String {
        String(decoding: bytes, as: UTF8.self)
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
