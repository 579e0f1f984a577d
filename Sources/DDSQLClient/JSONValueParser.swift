/// Parses a JSON text straight into a `JSONValue`, in one pass and without a token list: how the JSON text a
/// `json` column holds is read, tens of thousands of times per result.
struct JSONValueParser {
    private let buffer: UnsafeBufferPointer<UInt8>
    private var position = 0
    private var depth = 0
    private let maximumDepth: Int

    private init(buffer: UnsafeBufferPointer<UInt8>, maximumDepth: Int) {
        self.buffer = buffer
        self.maximumDepth = maximumDepth
    }

    static func parse(_ buffer: UnsafeBufferPointer<UInt8>, maximumDepth: Int = 512) throws(JSONSyntaxError) -> JSONValue {
        var parser = JSONValueParser(buffer: buffer, maximumDepth: maximumDepth)
        parser.skipWhitespace()
        let value = try parser.value()
        parser.skipWhitespace()
        guard parser.position == buffer.count else {
            throw JSONSyntaxError(offset: parser.position, message: "unexpected text after the JSON value")
        }
        return value
    }

    /// Parses JSON text that is itself the body of a JSON string (escapes not yet resolved).
    static func parse(escapedString slice: UnsafeBufferPointer<UInt8>) throws(JSONSyntaxError) -> JSONValue {
        let result = withUnsafeTemporaryAllocation(of: UInt8.self, capacity: max(slice.count, 1)) { scratch in
            let count = JSONScanner.unescape(slice, into: scratch)
            return Result { () throws(JSONSyntaxError) in
                try parse(UnsafeBufferPointer(rebasing: scratch[..<count]))
            }
        }
        return try result.get()
    }

    private mutating func skipWhitespace() {
        while position < buffer.count {
            switch buffer[position] {
            case 0x20, 0x0A, 0x0D, 0x09: position += 1
            default: return
            }
        }
    }

    private mutating func value() throws(JSONSyntaxError) -> JSONValue {
        guard position < buffer.count else { throw JSONSyntaxError(offset: position, message: "unexpected end of JSON") }
        switch buffer[position] {
        case UInt8(ascii: "\""):
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

    private mutating func literal(_ text: StaticString) throws(JSONSyntaxError) {
        let length = text.utf8CodeUnitCount
        guard position + length <= buffer.count,
              UnsafeBufferPointer(rebasing: buffer[position..<position + length])
                .elementsEqual(UnsafeBufferPointer(start: text.utf8Start, count: length)) else {
            throw JSONSyntaxError(offset: position, message: "invalid literal")
        }
        position += length
    }

    private mutating func string() throws(JSONSyntaxError) -> String {
        position += 1
        let start = position
        let hasEscapes = try JSONScanner.scanStringBody(buffer, &position)
        let slice = UnsafeBufferPointer(rebasing: buffer[start..<position])
        position += 1
        return hasEscapes ? String(decoding: JSONScanner.unescape(slice), as: UTF8.self)
            : String(decoding: slice, as: UTF8.self)
    }

    private mutating func enter() throws(JSONSyntaxError) {
        depth += 1
        guard depth <= maximumDepth else { throw JSONSyntaxError(offset: position, message: "nested too deeply") }
    }

    private mutating func array() throws(JSONSyntaxError) -> JSONValue {
        try enter()
        defer { depth -= 1 }
        position += 1
        skipWhitespace()
        var elements: [JSONValue] = []
        if position < buffer.count, buffer[position] == UInt8(ascii: "]") {
            position += 1
            return .array(elements)
        }
        while true {
            elements.append(try value())
            skipWhitespace()
            guard position < buffer.count else { throw JSONSyntaxError(offset: position, message: "unterminated array") }
            if buffer[position] == UInt8(ascii: ",") {
                position += 1
                skipWhitespace()
            } else if buffer[position] == UInt8(ascii: "]") {
                position += 1
                return .array(elements)
            } else {
                throw JSONSyntaxError(offset: position, message: "expected , or ] in array")
            }
        }
    }

    private mutating func object() throws(JSONSyntaxError) -> JSONValue {
        try enter()
        defer { depth -= 1 }
        position += 1
        skipWhitespace()
        var members: [String: JSONValue] = [:]
        if position < buffer.count, buffer[position] == UInt8(ascii: "}") {
            position += 1
            return .object(members)
        }
        while true {
            guard position < buffer.count, buffer[position] == UInt8(ascii: "\"") else {
                throw JSONSyntaxError(offset: position, message: "expected a string key in object")
            }
            let key = try string()
            skipWhitespace()
            guard position < buffer.count, buffer[position] == UInt8(ascii: ":") else {
                throw JSONSyntaxError(offset: position, message: "expected : in object")
            }
            position += 1
            skipWhitespace()
            members[key] = try value()
            skipWhitespace()
            guard position < buffer.count else { throw JSONSyntaxError(offset: position, message: "unterminated object") }
            if buffer[position] == UInt8(ascii: ",") {
                position += 1
                skipWhitespace()
            } else if buffer[position] == UInt8(ascii: "}") {
                position += 1
                return .object(members)
            } else {
                throw JSONSyntaxError(offset: position, message: "expected , or } in object")
            }
        }
    }
}
