import Foundation

/// Parses a JSON text straight into a `JSONValue`, in one pass and without a token list: how the JSON text a
/// `json` column holds is read, tens of thousands of times per result.
///
/// Containers are built on the scratch stacks of a `JSONDecodingState` and moved into storage of their final
/// size; strings go through its string table.
struct JSONValueParser {
    private let buffer: UnsafeBufferPointer<UInt8>
    private(set) var position = 0
    private var depth = 0
    private let maximumDepth: Int
    private var parts: JSONDecodingState.Parts
    /// Whether `buffer` is the body of a JSON string, read in place (see `parseInPlace`).
    private let inString: Bool

    private init(
        buffer: UnsafeBufferPointer<UInt8>, maximumDepth: Int, parts: JSONDecodingState.Parts, inString: Bool = false
    ) {
        self.buffer = buffer
        self.maximumDepth = maximumDepth
        self.parts = parts
        self.inString = inString
    }

    /// Why a read in place stopped: the text needs the general path (which also reports any syntax error).
    private static let notInPlace = JSONSyntaxError(offset: -1, message: "not readable in place")

    static func parse(
        _ buffer: UnsafeBufferPointer<UInt8>, state: JSONDecodingState = JSONDecodingState(), maximumDepth: Int = 512
    ) throws(JSONSyntaxError) -> JSONValue {
        var parser = JSONValueParser(buffer: buffer, maximumDepth: maximumDepth, parts: state.take())
        defer { state.give(parser.parts) }
        parser.skipWhitespace()
        let value = try parser.value()
        parser.skipWhitespace()
        guard parser.position == buffer.count else {
            throw JSONSyntaxError(offset: parser.position, message: "unexpected text after the JSON value")
        }
        return value
    }

    /// Parses JSON text that is itself the body of a JSON string (escapes not yet resolved).
    static func parse(
        escapedString slice: UnsafeBufferPointer<UInt8>, state: JSONDecodingState = JSONDecodingState()
    ) throws(JSONSyntaxError) -> JSONValue {
        if let value = parseInPlace(slice, state: state) { return value }
        let result = withUnsafeTemporaryAllocation(of: UInt8.self, capacity: max(slice.count, 1)) { scratch in
            let count = JSONScanner.unescape(slice, into: scratch)
            return Result { () throws(JSONSyntaxError) in
                try parse(UnsafeBufferPointer(rebasing: scratch[..<count]), state: state)
            }
        }
        return try result.get()
    }

    /// The JSON text in the body of a JSON string (`{\"a\": [1, \"b\"]}`), read where it is, without resolving the
    /// body's escapes into a copy first; nil when the text has more than the usual escapes (its strings have
    /// escapes of their own, it has `\u` escapes, or it is not JSON), for `parse(escapedString:)` to read the
    /// general way. An escaped quote delimits a string, and an escaped newline, return or tab is whitespace; any
    /// other escape stops the read. So whatever this reads, the general path reads the same, and the checks
    /// left out are the ones the document's scan already made on these bytes (the body is valid UTF-8 and has no
    /// control characters).
    private static func parseInPlace(_ slice: UnsafeBufferPointer<UInt8>, state: JSONDecodingState) -> JSONValue? {
        var parser = JSONValueParser(buffer: slice, maximumDepth: 512, parts: state.take(), inString: true)
        defer { state.give(parser.parts) }
        do {
            parser.skipWhitespace()
            let value = try parser.value()
            parser.skipWhitespace()
            return parser.position == slice.count ? value : nil
        } catch {
            return nil
        }
    }

    /// Reads `buffer` piece by piece with `body` (the hstore reader does), lending it `state`'s parts.
    static func reading<Result>(
        _ buffer: UnsafeBufferPointer<UInt8>, state: JSONDecodingState,
        _ body: (inout JSONValueParser) throws(DDSQLError) -> Result
    ) throws(DDSQLError) -> Result {
        var parser = JSONValueParser(buffer: buffer, maximumDepth: 512, parts: state.take())
        defer { state.give(parser.parts) }
        return try body(&parser)
    }

    /// What `reading` hands its body to collect (key, value) pairs on.
    var pairs: ScratchStack<(String, String?)> {
        _read { yield parts.pairs }
        _modify { yield &parts.pairs }
    }

    /// The next byte after any whitespace, without moving past it; nil at the end.
    mutating func peek() -> UInt8? {
        skipWhitespace()
        return position < buffer.count ? buffer[position] : nil
    }

    /// Moves past `byte` (after any whitespace) if it is next.
    mutating func consume(_ byte: UInt8) -> Bool {
        guard peek() == byte else { return false }
        position += 1
        return true
    }

    /// Moves past the value that starts here and returns its text (shortened to 60 characters), for errors.
    mutating func skipValue() throws(JSONSyntaxError) -> String {
        skipWhitespace()
        let start = position
        _ = try value()
        let text = String(decoding: UnsafeBufferPointer(rebasing: buffer[start..<position]), as: UTF8.self)
        return text.count > 60 ? String(text.prefix(60)) + "…" : text
    }

    private mutating func skipWhitespace() {
        while position < buffer.count {
            switch buffer[position] {
            case 0x20, 0x0A, 0x0D, 0x09: position += 1
            case UInt8(ascii: "\\") where inString && position + 1 < buffer.count:
                switch buffer[position + 1] {
                case UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"): position += 2
                default: return
                }
            default: return
            }
        }
    }

    /// Whether a string starts here: a quote, or an escaped one in a string's body.
    @inline(__always)
    private func atString() -> Bool {
        guard position < buffer.count else { return false }
        if !inString { return buffer[position] == UInt8(ascii: "\"") }
        return buffer[position] == UInt8(ascii: "\\") && position + 1 < buffer.count
            && buffer[position + 1] == UInt8(ascii: "\"")
    }

    mutating func value() throws(JSONSyntaxError) -> JSONValue {
        guard position < buffer.count else {
            throw JSONSyntaxError(offset: position, message: "unexpected end of JSON")
        }
        switch buffer[position] {
        case UInt8(ascii: "\""):
            if inString { throw Self.notInPlace }
            return .string(try string())
        case UInt8(ascii: "\\"):
            guard atString() else { throw Self.notInPlace }
            return .string(try string())
        case UInt8(ascii: "{"):
            return try object()
        case UInt8(ascii: "["):
            return try array()
        case UInt8(ascii: "t"):
            try literal("true")
            return .bool(true)
        case UInt8(ascii: "f"):
            try literal("false")
            return .bool(false)
        case UInt8(ascii: "n"):
            try literal("null")
            return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            let start = position
            let isInteger = try JSONScanner.scanNumberBody(buffer, &position)
            let slice = UnsafeBufferPointer(rebasing: buffer[start..<position])
            if isInteger, let value = JSONScanner.int64(slice) { return .integer(value) }
            return .number(JSONScanner.double(slice))
        default:
            throw JSONSyntaxError(offset: position, message: "unexpected character")
        }
    }

    mutating func literal(_ text: StaticString) throws(JSONSyntaxError) {
        let length = text.utf8CodeUnitCount
        guard position + length <= buffer.count,
            memcmp(buffer.baseAddress! + position, text.utf8Start, length) == 0
        else {
            throw JSONSyntaxError(offset: position, message: "invalid literal")
        }
        position += length
    }

    /// The string that starts here (at its opening quote).
    mutating func string() throws(JSONSyntaxError) -> String {
        if inString { return try stringInString() }
        position += 1
        let start = position
        let hasEscapes = try JSONScanner.scanStringBody(buffer, &position)
        let slice = UnsafeBufferPointer(rebasing: buffer[start..<position])
        position += 1
        if !hasEscapes { return parts.strings.string(slice) }
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: slice.count) { scratch in
            let count = JSONScanner.unescape(slice, into: scratch)
            return parts.strings.string(UnsafeBufferPointer(rebasing: scratch[..<count]))
        }
    }

    /// A string delimited by escaped quotes, from its opening `\"`: its bytes up to the next backslash, which
    /// must start the closing `\"` (any other escape is for the general path).
    private mutating func stringInString() throws(JSONSyntaxError) -> String {
        position += 2
        let start = position
        let base = UnsafeRawPointer(buffer.baseAddress!)
        let ones: UInt64 = 0x0101_0101_0101_0101
        var end = position
        // Backslashes eight bytes at a time: `x - 0x01...` flags a zero byte of `word` (a backslash before the
        // XOR), and the lowest flagged byte is always one.
        while end + 8 <= buffer.count {
            let word = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: end, as: UInt64.self)) ^ (ones &* 0x5C)
            let flagged = (word &- ones) & ~word & (ones &* 0x80)
            if flagged != 0 {
                end += flagged.trailingZeroBitCount >> 3
                break
            }
            end += 8
        }
        while end < buffer.count, buffer[end] != UInt8(ascii: "\\") { end += 1 }
        guard end + 1 < buffer.count, buffer[end + 1] == UInt8(ascii: "\"") else { throw Self.notInPlace }
        position = end + 2
        return parts.strings.string(UnsafeBufferPointer(rebasing: buffer[start..<end]))
    }

    private mutating func enter() throws(JSONSyntaxError) {
        depth += 1
        guard depth <= maximumDepth else { throw JSONSyntaxError(offset: position, message: "nested too deeply") }
    }

    /// After a member: moves past `,` (true) or the closing bracket (false).
    @inline(__always)
    mutating func separator(_ closing: UInt8, _ name: StaticString) throws(JSONSyntaxError) -> Bool {
        skipWhitespace()
        guard position < buffer.count else {
            throw JSONSyntaxError(offset: position, message: "unterminated \(name)")
        }
        if buffer[position] == UInt8(ascii: ",") {
            position += 1
            skipWhitespace()
            return true
        }
        guard buffer[position] == closing else {
            let expected = "expected , or \(Character(Unicode.Scalar(closing))) in \(name)"
            throw JSONSyntaxError(offset: position, message: expected)
        }
        position += 1
        return false
    }

    private mutating func array() throws(JSONSyntaxError) -> JSONValue {
        try enter()
        defer { depth -= 1 }
        position += 1
        skipWhitespace()
        if position < buffer.count, buffer[position] == UInt8(ascii: "]") {
            position += 1
            return .array([])
        }
        let start = parts.elements.count
        repeat {
            let element = try value()
            parts.elements.push(element)
        } while try separator(UInt8(ascii: "]"), "array")
        return .array(parts.elements.popArray(from: start))
    }

    private mutating func object() throws(JSONSyntaxError) -> JSONValue {
        try enter()
        defer { depth -= 1 }
        position += 1
        skipWhitespace()
        if position < buffer.count, buffer[position] == UInt8(ascii: "}") {
            position += 1
            return .object([:])
        }
        let start = parts.members.count
        repeat {
            guard atString() else {
                throw JSONSyntaxError(offset: position, message: "expected a string key in object")
            }
            let key = try string()
            skipWhitespace()
            guard position < buffer.count, buffer[position] == UInt8(ascii: ":") else {
                throw JSONSyntaxError(offset: position, message: "expected : in object")
            }
            position += 1
            skipWhitespace()
            let member = try value()
            parts.members.push((key, member))
        } while try separator(UInt8(ascii: "}"), "object")
        return .object(
            parts.members.popAll(from: start) { members, count in
                var object = [String: JSONValue](minimumCapacity: count)
                for offset in 0..<count {
                    let (key, member) = (members + offset).move()
                    object[key] = member  // A repeated key keeps its last value.
                }
                return object
            })
    }
}
