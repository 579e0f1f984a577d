/// Reads the small subset of YAML that front matter on real pages is written in, directly from its
/// bytes: a block mapping of unindented `key: value` lines whose values are
/// - plain one-line scalars (`title: API Gateway API Mapping`),
/// - one-line single-quoted scalars, or double-quoted ones without escapes,
/// - stripped folded or literal block scalars (`>-`, `|-`) whose lines share one indentation.
///
/// It answers only when it is sure: text it does not understand completely (comments, tabs, flow
/// collections, anchors, tags, other block scalars, plain scalars over several lines, blank lines
/// inside a block, repeated keys, characters YAML treats specially) gives nil, and the caller hands
/// the text to Yams, which then gives the value or the error. So within the subset the values are
/// what Yams would give, and outside it Yams decides.
enum SimpleYAML {
    typealias Pairs = [(key: String, value: String)]

    /// The mapping's keys and scalar values in order; an empty list for text that is only blank
    /// lines (no document); nil when the text is outside the subset.
    static func mapping(_ yaml: UnsafeBufferPointer<UInt8>) -> Pairs? {
        guard hasOnlyPlainCharacters(yaml) else { return nil }
        var reader = Reader(bytes: yaml)
        return reader.readMapping()
    }

    /// Rejects what YAML reads specially anywhere: tabs, `\r`, control characters, and the
    /// non-ASCII line breaks (NEL, U+2028, U+2029), byte-order mark and non-characters.
    private static func hasOnlyPlainCharacters(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if b < 0x80 {
                if (b < 0x20 && b != UInt8(ascii: "\n")) || b == 0x7F { return false }
                i += 1
                continue
            }
            // C1 controls, NEL included: U+0080...U+009F.
            if b == 0xC2, i + 1 < bytes.count, bytes[i + 1] < 0xA0 { return false }
            if b == 0xE2, i + 2 < bytes.count, bytes[i + 1] == 0x80, bytes[i + 2] == 0xA8 || bytes[i + 2] == 0xA9 {
                return false
            }
            if b == 0xEF, i + 2 < bytes.count, bytes[i + 1] == 0xBB, bytes[i + 2] == 0xBF { return false }
            if b == 0xEF, i + 2 < bytes.count, bytes[i + 1] == 0xBF, bytes[i + 2] >= 0xBE { return false }
            i += 1
        }
        return true
    }

    private struct Reader {
        let bytes: UnsafeBufferPointer<UInt8>
        /// Start of the line being read.
        var position = 0

        init(bytes: UnsafeBufferPointer<UInt8>) {
            self.bytes = bytes
        }

        var atEnd: Bool { position >= bytes.count }

        /// The current line's end (its `\n`, or the end of the text).
        func lineEnd(from start: Int) -> Int {
            var i = start
            while i < bytes.count, bytes[i] != UInt8(ascii: "\n") { i += 1 }
            return i
        }

        mutating func nextLine(after end: Int) {
            position = end + 1
        }

        func isBlank(_ range: Range<Int>) -> Bool {
            range.allSatisfy { bytes[$0] == UInt8(ascii: " ") }
        }

        mutating func readMapping() -> Pairs? {
            var pairs: Pairs = []
            var keys: [Range<Int>] = []
            while !atEnd {
                let end = lineEnd(from: position)
                let line = position..<end
                if isBlank(line) {
                    nextLine(after: end)
                    continue
                }
                guard let colon = keyEnd(line) else { return nil }
                let key = line.lowerBound..<colon
                // Repeated keys are an error Yams reports.
                if keys.contains(where: { bytes[$0].elementsEqual(bytes[key]) }) { return nil }
                keys.append(key)
                guard let value = readValue(from: colon + 1, lineEnd: end) else { return nil }
                pairs.append((String(decoding: UnsafeBufferPointer(rebasing: bytes[key]), as: UTF8.self), value))
            }
            // Blank lines alone are no document; Yams gives no node and no error.
            return pairs
        }

        /// The offset of the `:` after a plain key (letters, digits, `_`, `-`, starting with a
        /// letter or `_`) that is followed by a space; nil for any other line.
        func keyEnd(_ line: Range<Int>) -> Int? {
            var i = line.lowerBound
            guard i < line.upperBound, Self.isKeyStart(bytes[i]) else { return nil }
            i += 1
            while i < line.upperBound, Self.isKeyCharacter(bytes[i]) { i += 1 }
            // YAML's limit on simple keys is 1024 characters; stay well inside it.
            guard i - line.lowerBound <= 128, i + 1 < line.upperBound, bytes[i] == UInt8(ascii: ":"),
                bytes[i + 1] == UInt8(ascii: " ")
            else { return nil }
            return i
        }

        /// Reads the value that starts after `key:` and moves past its last line.
        mutating func readValue(from start: Int, lineEnd end: Int) -> String? {
            var i = start
            while i < end, bytes[i] == UInt8(ascii: " ") { i += 1 }
            guard i < end else { return nil }  // An empty value may continue below: Yams decides.
            let value: String?
            switch bytes[i] {
            case UInt8(ascii: "'"): value = singleQuoted(i..<end)
            case UInt8(ascii: "\""): value = doubleQuoted(i..<end)
            case UInt8(ascii: ">"), UInt8(ascii: "|"):
                return blockScalar(header: i..<end)
            default: value = plain(i..<end)
            }
            nextLine(after: end)
            return value
        }

        /// A plain scalar that ends on its line: no indicator first, no `: ` or ` #` inside, no
        /// trailing `:`. Trailing spaces are not part of it.
        func plain(_ range: Range<Int>) -> String? {
            guard !Self.isIndicator(bytes[range.lowerBound]) else { return nil }
            var hi = range.upperBound
            while bytes[hi - 1] == UInt8(ascii: " ") { hi -= 1 }
            guard bytes[hi - 1] != UInt8(ascii: ":") else { return nil }
            for i in range.lowerBound..<(hi - 1) {
                let b = bytes[i]
                let next = bytes[i + 1]
                if b == UInt8(ascii: ":") && next == UInt8(ascii: " ") { return nil }
                if b == UInt8(ascii: " ") && next == UInt8(ascii: "#") { return nil }
            }
            return text(range.lowerBound..<hi)
        }

        /// `'...'` on one line, `''` standing for a quote, nothing but spaces after it.
        func singleQuoted(_ range: Range<Int>) -> String? {
            var out: [UInt8] = []
            var i = range.lowerBound + 1
            while i < range.upperBound {
                if bytes[i] == UInt8(ascii: "'") {
                    if i + 1 < range.upperBound, bytes[i + 1] == UInt8(ascii: "'") {
                        out.append(UInt8(ascii: "'"))
                        i += 2
                        continue
                    }
                    return isBlank((i + 1)..<range.upperBound) ? String(decoding: out, as: UTF8.self) : nil
                }
                out.append(bytes[i])
                i += 1
            }
            return nil  // Continues on the next line: Yams decides.
        }

        /// `"..."` on one line without backslash escapes, nothing but spaces after it.
        func doubleQuoted(_ range: Range<Int>) -> String? {
            var i = range.lowerBound + 1
            while i < range.upperBound {
                switch bytes[i] {
                case UInt8(ascii: "\\"): return nil
                case UInt8(ascii: "\""):
                    return isBlank((i + 1)..<range.upperBound) ? text((range.lowerBound + 1)..<i) : nil
                default: i += 1
                }
            }
            return nil
        }

        /// `>-` (lines joined with spaces) or `|-` (joined with line breaks), then lines indented
        /// by one and the same number of spaces, none blank, none with trailing spaces, none
        /// starting with `#`. The block ends at the next unindented line.
        mutating func blockScalar(header: Range<Int>) -> String? {
            let style = bytes[header.lowerBound]
            guard header.count >= 2, bytes[header.lowerBound + 1] == UInt8(ascii: "-"),
                isBlank((header.lowerBound + 2)..<header.upperBound)
            else { return nil }
            nextLine(after: header.upperBound)
            var out: [UInt8] = []
            var indent: Int?
            while !atEnd, bytes[position] == UInt8(ascii: " ") {
                let end = lineEnd(from: position)
                var i = position
                while i < end, bytes[i] == UInt8(ascii: " ") { i += 1 }
                let lineIndent = i - position
                guard lineIndent == (indent ?? lineIndent), i < end, bytes[i] != UInt8(ascii: "#"),
                    bytes[end - 1] != UInt8(ascii: " ")
                else { return nil }
                if indent != nil { out.append(style == UInt8(ascii: ">") ? UInt8(ascii: " ") : UInt8(ascii: "\n")) }
                indent = lineIndent
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[i..<end]))
                nextLine(after: end)
            }
            guard indent != nil else { return nil }  // An empty block.
            return String(decoding: out, as: UTF8.self)
        }

        func text(_ range: Range<Int>) -> String {
            String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
        }

        static func isKeyStart(_ b: UInt8) -> Bool {
            (b | 0x20) &- UInt8(ascii: "a") < 26 || b == UInt8(ascii: "_")
        }

        static func isKeyCharacter(_ b: UInt8) -> Bool {
            isKeyStart(b) || b &- UInt8(ascii: "0") < 10 || b == UInt8(ascii: "-")
        }

        /// Characters that mean something at the start of a YAML scalar.
        static func isIndicator(_ b: UInt8) -> Bool {
            switch b {
            case UInt8(ascii: "-"), UInt8(ascii: "?"), UInt8(ascii: ":"), UInt8(ascii: ","), UInt8(ascii: "["),
                UInt8(ascii: "]"), UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "#"), UInt8(ascii: "&"),
                UInt8(ascii: "*"), UInt8(ascii: "!"), UInt8(ascii: "|"), UInt8(ascii: ">"), UInt8(ascii: "'"),
                UInt8(ascii: "\""), UInt8(ascii: "%"), UInt8(ascii: "@"), UInt8(ascii: "`"):
                true
            default:
                false
            }
        }
    }
}
