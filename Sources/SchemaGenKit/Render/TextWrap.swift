/// Breaks prose into lines of at most `width` Unicode scalars at spaces, for doc comments that stay
/// readable in an editor. A word longer than the width gets a line of its own. A newline in the text
/// (a Markdown list item, a paragraph: `DocCommentText`) starts a new line; an empty line is kept.
enum TextWrap {
    static func lines(_ text: String, width: Int) -> [String] {
        guard text.utf8.contains(UInt8(ascii: "\n")) else { return paragraphLines(text, width: width) }
        return text.split(separator: "\n", omittingEmptySubsequences: false).flatMap { line -> [String] in
            line.isEmpty ? [""] : paragraphLines(String(line), width: width)
        }
    }

    private static func paragraphLines(_ text: String, width: Int) -> [String] {
        let utf8 = text.utf8
        // Most descriptions fit on one line: the text itself, without walking it word by word.
        if utf8.count <= width, let first = utf8.first, first != UInt8(ascii: " "), utf8.last != UInt8(ascii: " ") {
            return [text]
        }
        if let lines = utf8.withContiguousStorageIfAvailable({ wrap($0, width: width) }) { return lines }
        var copy = text
        return copy.withUTF8 { wrap($0, width: width) }
    }

    private static func wrap(_ bytes: UnsafeBufferPointer<UInt8>, width: Int) -> [String] {
        var lines: [String] = []
        var lineStart = 0
        var lineEnd = 0  // end of the last word that fits
        var lineLength = 0  // scalars in bytes[lineStart..<lineEnd]
        var wordStart = -1
        var wordLength = 0
        func endWord(at end: Int) {
            guard wordStart >= 0 else { return }
            if lineLength == 0 {
                lineStart = wordStart
                lineLength = wordLength
            } else if lineLength + 1 + wordLength <= width {
                lineLength += 1 + wordLength
            } else {
                lines.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[lineStart..<lineEnd]), as: UTF8.self))
                lineStart = wordStart
                lineLength = wordLength
            }
            lineEnd = end
            wordStart = -1
            wordLength = 0
        }
        for i in 0..<bytes.count {
            let byte = bytes[i]
            if byte == UInt8(ascii: " ") {
                endWord(at: i)
            } else {
                if wordStart < 0 { wordStart = i }
                if byte & 0xC0 != 0x80 { wordLength += 1 }
            }
        }
        endWord(at: bytes.count)
        if lineLength > 0 {
            lines.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[lineStart..<lineEnd]), as: UTF8.self))
        }
        return lines
    }
}
