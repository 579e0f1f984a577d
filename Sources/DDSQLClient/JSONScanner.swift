import Foundation

/// Checks a JSON text and records its tokens; see `JSONDocument`.
///
/// Hand-written rather than `JSONSerialization` because that reads numbers through `NSNumber`/`Double` on
/// some platforms and builds a dictionary per row-sized object, and because a result is read column by column.
struct JSONScanner {
    let maximumDepth: Int
    /// Containers nested deeper than this are checked but recorded as one token, flagged: a result's values
    /// stay one token each (a column's values are then consecutive tokens), and an hstore or array value is
    /// tokenized only when it is read.
    let tokenDepth: Int
    private var depth = 0

    /// Whether the values being scanned get tokens: those in containers no deeper than `tokenDepth`.
    private var records: Bool { depth <= tokenDepth }

    init(maximumDepth: Int, tokenDepth: Int = .max) {
        self.maximumDepth = maximumDepth
        self.tokenDepth = tokenDepth
    }

    mutating func scanDocument(
        _ buffer: UnsafeBufferPointer<UInt8>, into tokens: inout [JSONDocument.Token]
    ) throws(JSONSyntaxError) {
        var position = skipWhitespace(buffer, 0)
        try scanValue(buffer, &position, &tokens)
        position = skipWhitespace(buffer, position)
        if position != buffer.count {
            throw JSONSyntaxError(offset: position, message: "unexpected text after the JSON value")
        }
    }

    /// Scans the one value that starts at `start` (a container recorded as one token, say); returns its end.
    mutating func scanValue(
        _ buffer: UnsafeBufferPointer<UInt8>, at start: Int, into tokens: inout [JSONDocument.Token]
    ) throws(JSONSyntaxError) -> Int {
        var position = start
        try scanValue(buffer, &position, &tokens)
        return position
    }

    @inline(__always)
    func skipWhitespace(_ buffer: UnsafeBufferPointer<UInt8>, _ start: Int) -> Int {
        var position = start
        while position < buffer.count {
            switch buffer[position] {
            case 0x20, 0x0A, 0x0D, 0x09: position += 1
            default: return position
            }
        }
        return position
    }

    private mutating func scanValue(
        _ buffer: UnsafeBufferPointer<UInt8>, _ position: inout Int, _ tokens: inout [JSONDocument.Token]
    ) throws(JSONSyntaxError) {
        guard position < buffer.count else {
            throw JSONSyntaxError(offset: position, message: "unexpected end of JSON")
        }
        switch buffer[position] {
        case UInt8(ascii: "\""):
            try scanString(buffer, &position, &tokens)
        case UInt8(ascii: "{"):
            try scanContainer(buffer, &position, &tokens, .object)
        case UInt8(ascii: "["):
            try scanContainer(buffer, &position, &tokens, .array)
        case UInt8(ascii: "t"):
            try scanLiteral(buffer, &position, &tokens, "true", .true)
        case UInt8(ascii: "f"):
            try scanLiteral(buffer, &position, &tokens, "false", .false)
        case UInt8(ascii: "n"):
            try scanLiteral(buffer, &position, &tokens, "null", .null)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            try scanNumber(buffer, &position, &tokens)
        default:
            throw JSONSyntaxError(offset: position, message: "unexpected character")
        }
    }

    private func scanLiteral(
        _ buffer: UnsafeBufferPointer<UInt8>, _ position: inout Int, _ tokens: inout [JSONDocument.Token],
        _ literal: StaticString, _ kind: JSONDocument.Kind
    ) throws(JSONSyntaxError) {
        let length = literal.utf8CodeUnitCount
        guard position + length <= buffer.count,
            memcmp(buffer.baseAddress! + position, literal.utf8Start, length) == 0
        else {
            throw JSONSyntaxError(offset: position, message: "invalid literal")
        }
        if records {
            let index = UInt32(tokens.count)
            tokens.append(
                .init(
                    kind: kind, flag: false, start: UInt32(position), end: UInt32(position + length),
                    next: index + 1))
        }
        position += length
    }

    private func scanNumber(
        _ buffer: UnsafeBufferPointer<UInt8>, _ position: inout Int, _ tokens: inout [JSONDocument.Token]
    ) throws(JSONSyntaxError) {
        let start = position
        let isInteger = try Self.scanNumberBody(buffer, &position)
        guard records else { return }
        let index = UInt32(tokens.count)
        tokens.append(
            .init(
                kind: .number, flag: isInteger, start: UInt32(start), end: UInt32(position),
                next: index + 1))
    }

    /// Moves past a number (RFC 8259 grammar) starting at `position`; returns whether it is an integer literal.
    static func scanNumberBody(_ buffer: UnsafeBufferPointer<UInt8>, _ position: inout Int) throws(JSONSyntaxError)
        -> Bool
    {
        var isInteger = true
        if buffer[position] == UInt8(ascii: "-") { position += 1 }
        func digits(_ position: inout Int) -> Int {
            let first = position
            while position < buffer.count, buffer[position] &- UInt8(ascii: "0") < 10 { position += 1 }
            return position - first
        }
        guard position < buffer.count, buffer[position] &- UInt8(ascii: "0") < 10 else {
            throw JSONSyntaxError(offset: position, message: "invalid number")
        }
        if buffer[position] == UInt8(ascii: "0") {
            position += 1
        } else {
            _ = digits(&position)
        }
        if position < buffer.count, buffer[position] == UInt8(ascii: ".") {
            position += 1
            isInteger = false
            guard digits(&position) > 0 else { throw JSONSyntaxError(offset: position, message: "invalid number") }
        }
        if position < buffer.count, buffer[position] | 0x20 == UInt8(ascii: "e") {
            position += 1
            isInteger = false
            if position < buffer.count, buffer[position] == UInt8(ascii: "+") || buffer[position] == UInt8(ascii: "-") {
                position += 1
            }
            guard digits(&position) > 0 else { throw JSONSyntaxError(offset: position, message: "invalid number") }
        }
        return isInteger
    }

    /// An integer literal's exact value, or nil when it does not fit in `Int64`.
    static func int64(_ slice: UnsafeBufferPointer<UInt8>) -> Int64? {
        var position = 0
        let negative = slice[0] == UInt8(ascii: "-")
        if negative { position += 1 }
        var value: Int64 = 0
        while position < slice.count {
            let digit = Int64(slice[position] &- UInt8(ascii: "0"))
            let (shifted, overflowA) = value.multipliedReportingOverflow(by: 10)
            let (next, overflowB) =
                negative
                ? shifted.subtractingReportingOverflow(digit) : shifted.addingReportingOverflow(digit)
            if overflowA || overflowB { return nil }
            value = next
            position += 1
        }
        return value
    }

    /// A number literal's nearest `Double`, as Swift's own parser rounds it.
    static func double(_ slice: UnsafeBufferPointer<UInt8>) -> Double {
        Double(String(decoding: slice, as: UTF8.self)) ?? .nan
    }

    private func scanString(
        _ buffer: UnsafeBufferPointer<UInt8>, _ position: inout Int, _ tokens: inout [JSONDocument.Token]
    ) throws(JSONSyntaxError) {
        position += 1
        let start = position
        let hasEscapes = try Self.scanStringBody(buffer, &position)
        if records {
            let index = UInt32(tokens.count)
            tokens.append(
                .init(
                    kind: .string, flag: hasEscapes, start: UInt32(start), end: UInt32(position),
                    next: index + 1))
        }
        position += 1
    }

    /// Moves from just after an opening quote to its closing quote, checking escapes and UTF-8; returns whether
    /// the string has escapes.
    ///
    /// One loop over words: each turn loads the eight bytes at `position` and, if one is special, handles the
    /// first such byte and starts again after it. JSON text held in a string has an escaped quote every few bytes,
    /// so an escape costs a word load and a few tests rather than a way out of the loop and back.
    static func scanStringBody(_ buffer: UnsafeBufferPointer<UInt8>, _ position: inout Int) throws(JSONSyntaxError)
        -> Bool
    {
        let start = position
        let count = buffer.count
        var hasEscapes = false
        var at = position
        while true {
            // The next special byte: a quote, a backslash, a control character or a non-ASCII byte.
            var byte: UInt8
            if at + 8 <= count {
                let flagged = specialBytes(
                    UInt64(
                        littleEndian: UnsafeRawPointer(buffer.baseAddress!).loadUnaligned(
                            fromByteOffset: at, as: UInt64.self)))
                if flagged == 0 {
                    at += 8
                    continue
                }
                at += flagged.trailingZeroBitCount >> 3
                byte = buffer[at]
            } else {
                guard at < count else { throw JSONSyntaxError(offset: start - 1, message: "unterminated string") }
                byte = buffer[at]
                if byte != UInt8(ascii: "\"") && byte != UInt8(ascii: "\\") && byte >= 0x20 && byte < 0x80 {
                    at += 1
                    continue
                }
            }
            if byte == UInt8(ascii: "\"") {
                position = at
                return hasEscapes
            }
            if byte == UInt8(ascii: "\\") {
                hasEscapes = true
                guard at + 1 < count else { throw JSONSyntaxError(offset: at + 1, message: "unterminated string") }
                switch buffer[at + 1] {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"),
                    UInt8(ascii: "f"), UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                    at += 2
                case UInt8(ascii: "u"):
                    guard at + 5 < count, (2...5).allSatisfy({ hexValue(buffer[at + $0]) != nil }) else {
                        throw JSONSyntaxError(offset: at + 1, message: "invalid \\u escape")
                    }
                    at += 6
                default:
                    throw JSONSyntaxError(offset: at + 1, message: "invalid escape")
                }
            } else if byte < 0x20 {
                throw JSONSyntaxError(offset: at, message: "control character in string")
            } else {
                at = try validateUTF8Sequence(buffer, at)
            }
        }
    }

    /// The high bit of each byte of `word` that is special in a string (a quote, a backslash, a control character,
    /// a non-ASCII byte), and maybe of bytes above one that is: the lowest flagged byte is always special.
    /// `x - 0x01...` flags a zero byte (a quote or backslash after the XOR) and bytes of 0x81 and up,
    /// `word - 0x20...` bytes below 0x20, `word` bytes of 0x80 and up; a borrow only ever flags bytes above the
    /// one it starts at.
    @inline(__always)
    static func specialBytes(_ word: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let quote = word ^ (ones &* 0x22)
        let backslash = word ^ (ones &* 0x5C)
        return ((quote &- ones) | (backslash &- ones) | (word &- ones &* 0x20) | word) & (ones &* 0x80)
    }

    /// Checks one multi-byte UTF-8 sequence (no overlongs, no surrogates, at most U+10FFFF); returns its end.
    static func validateUTF8Sequence(
        _ buffer: UnsafeBufferPointer<UInt8>, _ position: Int
    ) throws(JSONSyntaxError) -> Int {
        let lead = buffer[position]
        let length: Int
        var lower: UInt8 = 0x80
        var upper: UInt8 = 0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0:
            length = 3
            lower = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED:
            length = 3
            upper = 0x9F
        case 0xF0:
            length = 4
            lower = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4:
            length = 4
            upper = 0x8F
        default: throw JSONSyntaxError(offset: position, message: "invalid UTF-8")
        }
        guard position + length <= buffer.count else {
            throw JSONSyntaxError(offset: position, message: "invalid UTF-8")
        }
        let second = buffer[position + 1]
        guard second >= lower && second <= upper else {
            throw JSONSyntaxError(offset: position, message: "invalid UTF-8")
        }
        for offset in 2..<max(length, 2) where buffer[position + offset] & 0xC0 != 0x80 {
            throw JSONSyntaxError(offset: position + offset, message: "invalid UTF-8")
        }
        return position + length
    }

    /// An array or an object (`kind`), from its opening bracket to just after its closing one. One loop for both:
    /// an object member is a string key and a colon before the value.
    private mutating func scanContainer(
        _ buffer: UnsafeBufferPointer<UInt8>, _ position: inout Int, _ tokens: inout [JSONDocument.Token],
        _ kind: JSONDocument.Kind
    ) throws(JSONSyntaxError) {
        depth += 1
        defer { depth -= 1 }
        guard depth <= maximumDepth else { throw JSONSyntaxError(offset: position, message: "nested too deeply") }
        let isObject = kind == .object
        let closing = isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")
        // Recorded when the container holding it records its members.
        let isRecorded = depth - 1 <= tokenDepth
        let index = tokens.count
        if isRecorded { tokens.append(.init(kind: kind, flag: false, start: UInt32(position), end: 0, next: 0)) }
        position = skipWhitespace(buffer, position + 1)
        if position < buffer.count, buffer[position] == closing {
            position += 1
        } else {
            while true {
                if isObject {
                    guard position < buffer.count, buffer[position] == UInt8(ascii: "\"") else {
                        throw JSONSyntaxError(offset: position, message: "expected a string key in object")
                    }
                    try scanString(buffer, &position, &tokens)
                    position = skipWhitespace(buffer, position)
                    guard position < buffer.count, buffer[position] == UInt8(ascii: ":") else {
                        throw JSONSyntaxError(offset: position, message: "expected : in object")
                    }
                    position = skipWhitespace(buffer, position + 1)
                }
                try scanValue(buffer, &position, &tokens)
                position = skipWhitespace(buffer, position)
                guard position < buffer.count else {
                    throw JSONSyntaxError(
                        offset: position, message: isObject ? "unterminated object" : "unterminated array")
                }
                if buffer[position] == UInt8(ascii: ",") {
                    position = skipWhitespace(buffer, position + 1)
                } else if buffer[position] == closing {
                    position += 1
                    break
                } else {
                    throw JSONSyntaxError(
                        offset: position, message: isObject ? "expected , or } in object" : "expected , or ] in array")
                }
            }
        }
        guard isRecorded else { return }
        tokens[index].end = UInt32(position)
        // Deeper than `tokenDepth`: checked, but kept as one token (its members, not recorded, are tokenized when
        // they are read).
        tokens[index].flag = !records
        tokens[index].next = UInt32(tokens.count)
    }

    static func hexValue(_ byte: UInt8) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return UInt32(byte - UInt8(ascii: "A") + 10)
        default: return nil
        }
    }

    /// Resolves the escapes of a string the scanner accepted. A lone surrogate becomes U+FFFD.
    static func unescape(_ slice: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: slice.count) { output, count in
            count = unescape(slice, into: output)
        }
    }

    /// Resolves escapes into `output` (at least `slice.count` bytes: unescaping never lengthens); returns the
    /// length written.
    static func unescape(_ slice: UnsafeBufferPointer<UInt8>, into output: UnsafeMutableBufferPointer<UInt8>) -> Int {
        var count = 0
        var position = 0
        func hex4(_ at: Int) -> UInt32 {
            (0..<4).reduce(0) { $0 << 4 | hexValue(slice[at + $1])! }
        }
        func append(_ byte: UInt8) {
            output[count] = byte
            count += 1
        }
        func append(scalar: UInt32) {
            for byte in UTF8.encode(Unicode.Scalar(scalar) ?? "\u{FFFD}")! { append(byte) }
        }
        let input = UnsafeRawPointer(slice.baseAddress!)
        let written = UnsafeMutableRawPointer(output.baseAddress!)
        let ones: UInt64 = 0x0101_0101_0101_0101
        while position < slice.count {
            // Plain bytes eight at a time, each word stored whole: the output is never ahead of the input, so a
            // word written at `count` ends within `output` (at least `slice.count` bytes) whatever follows it.
            while position + 8 <= slice.count {
                let word = input.loadUnaligned(fromByteOffset: position, as: UInt64.self)
                written.storeBytes(of: word, toByteOffset: count, as: UInt64.self)
                let backslash = UInt64(littleEndian: word) ^ (ones &* 0x5C)
                let flagged = (backslash &- ones) & ~backslash & (ones &* 0x80)
                let plain = flagged == 0 ? 8 : flagged.trailingZeroBitCount >> 3
                position += plain
                count += plain
                if plain < 8 { break }
            }
            guard position < slice.count else { break }
            if slice[position] != UInt8(ascii: "\\") {
                append(slice[position])
                position += 1
                continue
            }
            let escape = slice[position + 1]
            position += 2
            switch escape {
            case UInt8(ascii: "b"): append(0x08)
            case UInt8(ascii: "f"): append(0x0C)
            case UInt8(ascii: "n"): append(0x0A)
            case UInt8(ascii: "r"): append(0x0D)
            case UInt8(ascii: "t"): append(0x09)
            case UInt8(ascii: "u"):
                let unit = hex4(position)
                position += 4
                if (0xD800..<0xDC00).contains(unit), position + 6 <= slice.count,
                    slice[position] == UInt8(ascii: "\\"), slice[position + 1] == UInt8(ascii: "u")
                {
                    let low = hex4(position + 2)
                    if (0xDC00..<0xE000).contains(low) {
                        append(scalar: 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00))
                        position += 6
                        continue
                    }
                }
                append(scalar: unit)
            default: append(escape)
            }
        }
        return count
    }
}
