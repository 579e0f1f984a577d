/// Breaks prose into lines of at most `width` Unicode scalars at spaces, for doc comments that stay
/// readable in an editor. A word longer than the width gets a line of its own.
enum TextWrap {
    static func lines(_ text: String, width: Int) -> [String] {
        var lines: [String] = []
        var lineStart = text.utf8.startIndex
        var lineEnd = lineStart  // end of the last word that fits
        var lineLength = 0  // scalars in text[lineStart..<lineEnd]
        var wordStart: String.Index?
        var wordLength = 0
        func endWord(at end: String.Index) {
            guard let start = wordStart else { return }
            if lineLength == 0 {
                lineStart = start
                lineLength = wordLength
            } else if lineLength + 1 + wordLength <= width {
                lineLength += 1 + wordLength
            } else {
                lines.append(String(text[lineStart..<lineEnd]))
                lineStart = start
                lineLength = wordLength
            }
            lineEnd = end
            wordStart = nil
            wordLength = 0
        }
        var i = text.utf8.startIndex
        let utf8 = text.utf8
        while i != utf8.endIndex {
            let byte = utf8[i]
            if byte == UInt8(ascii: " ") {
                endWord(at: i)
            } else {
                if wordStart == nil { wordStart = i }
                if byte & 0xC0 != 0x80 { wordLength += 1 }
            }
            i = utf8.index(after: i)
        }
        endWord(at: utf8.endIndex)
        if lineLength > 0 { lines.append(String(text[lineStart..<lineEnd])) }
        return lines
    }
}
