/// Escaping for every place a page's text lands in generated code. Templates reach these as filters
/// (`{{ sqlString(description) }}`), so no template has to get quoting right by hand.
///
/// Each escape works on UTF-8 bytes and appends to the output buffer: the renderer calls them for
/// every name and description of 2,200 tables, and nearly all of that text needs no escape at all,
/// so runs of plain bytes are copied in one go.
public enum Escaping {
    /// A Swift string literal, quotes included: `"a \"b\" \\ \u{7}"`.
    public static func swiftString(_ text: String) -> String { string(appendSwiftString, text) }

    /// Text that is safe on one `///` doc-comment line: line breaks and other control characters
    /// (which could end the comment or hide text) become spaces or visible escapes.
    public static func docComment(_ text: String) -> String { string(appendDocComment, text) }

    /// A SQL string literal, quotes included, for PostgreSQL and SQLite: `'it''s'`. Only the quote
    /// is special in standard SQL strings (PostgreSQL has `standard_conforming_strings` on by
    /// default); NUL, which neither database can store, becomes U+FFFD.
    public static func sqlString(_ text: String) -> String { string(appendSQLString, text) }

    /// A quoted SQL identifier: `"a""b"`.
    public static func sqlIdentifier(_ name: String) -> String { string(appendSQLIdentifier, name) }

    /// A text that stays inside a `--` SQL comment: line breaks become spaces, and NUL (which ends
    /// the input for `sqlite3` and `psql`) becomes U+FFFD.
    public static func sqlComment(_ text: String) -> String { string(appendSQLComment, text) }

    /// A JSON string literal, quotes included, per RFC 8259 (controls escaped, non-ASCII kept).
    public static func jsonString(_ text: String) -> String { string(appendJSONString, text) }

    // MARK: Appending to a byte buffer

    static func appendSwiftString<Sink: ByteSink & ~Copyable>(_ text: UnsafeBufferPointer<UInt8>, to out: inout Sink) {
        out.append(quote)
        escape(text, into: &out, candidates: swiftStringBytes) { bytes, i, out in
            switch bytes[i] {
            case quote: out.append(backslash, quote)
            case backslash: out.append(backslash, backslash)
            case newline: out.append(backslash, UInt8(ascii: "n"))
            case carriageReturn: out.append(backslash, UInt8(ascii: "r"))
            case tab: out.append(backslash, UInt8(ascii: "t"))
            case 0: out.append(backslash, UInt8(ascii: "0"))
            default:
                guard let (scalar, length) = hiddenScalar(bytes, i) else { return 0 }
                appendSwiftUnicodeEscape(scalar, to: &out)
                return length
            }
            return 1
        }
        out.append(quote)
    }

    static func appendDocComment<Sink: ByteSink & ~Copyable>(_ text: UnsafeBufferPointer<UInt8>, to out: inout Sink) {
        escape(text, into: &out, candidates: hiddenScalarBytes) { bytes, i, out in
            switch bytes[i] {
            case newline, carriageReturn, tab: out.append(space)
            default:
                guard let (scalar, length) = hiddenScalar(bytes, i) else { return 0 }
                appendSwiftUnicodeEscape(scalar, to: &out)
                return length
            }
            return 1
        }
    }

    static func appendSQLString<Sink: ByteSink & ~Copyable>(_ text: UnsafeBufferPointer<UInt8>, to out: inout Sink) {
        out.append(apostrophe)
        escape(text, into: &out, candidates: sqlStringBytes) { bytes, i, out in
            switch bytes[i] {
            case apostrophe: out.append(apostrophe, apostrophe)
            case 0: out.appendBytes(replacementCharacter)
            default: return 0
            }
            return 1
        }
        out.append(apostrophe)
    }

    static func appendSQLIdentifier<Sink: ByteSink & ~Copyable>(_ name: UnsafeBufferPointer<UInt8>, to out: inout Sink)
    {
        out.append(quote)
        escape(name, into: &out, candidates: sqlIdentifierBytes) { bytes, i, out in
            switch bytes[i] {
            case quote: out.append(quote, quote)
            case 0: out.appendBytes(replacementCharacter)
            default: return 0
            }
            return 1
        }
        out.append(quote)
    }

    static func appendSQLComment<Sink: ByteSink & ~Copyable>(_ text: UnsafeBufferPointer<UInt8>, to out: inout Sink) {
        escape(text, into: &out, candidates: sqlCommentBytes) { bytes, i, out in
            switch bytes[i] {
            case newline, carriageReturn: out.append(space)
            case 0: out.appendBytes(replacementCharacter)
            default: return 0
            }
            return 1
        }
    }

    static func appendJSONString<Sink: ByteSink & ~Copyable>(_ text: UnsafeBufferPointer<UInt8>, to out: inout Sink) {
        out.append(quote)
        escape(text, into: &out, candidates: jsonStringBytes) { bytes, i, out in
            let byte = bytes[i]
            switch byte {
            case quote: out.append(backslash, quote)
            case backslash: out.append(backslash, backslash)
            case newline: out.append(backslash, UInt8(ascii: "n"))
            case carriageReturn: out.append(backslash, UInt8(ascii: "r"))
            case tab: out.append(backslash, UInt8(ascii: "t"))
            case ..<0x20: appendJSONUnicodeEscape(UInt32(byte), to: &out)
            case 0xE2
            where i + 2 < bytes.count && bytes[i + 1] == 0x80 && (bytes[i + 2] == 0xA8 || bytes[i + 2] == 0xA9):
                // U+2028 and U+2029 end a line in JavaScript.
                appendJSONUnicodeEscape(0x2000 | UInt32(bytes[i + 2] & 0x3F), to: &out)
                return 3
            default: return 0
            }
            return 1
        }
        out.append(quote)
    }

    // MARK: The shared loop

    /// Copies `bytes` into `out`, letting `special` replace the sequence at each byte in `candidates`:
    /// it returns how many bytes it consumed (having appended their replacement), or 0 to keep the
    /// byte. Runs of other bytes are appended in one piece.
    @inline(__always)
    private static func escape<Sink: ByteSink & ~Copyable>(
        _ bytes: UnsafeBufferPointer<UInt8>, into out: inout Sink, candidates: ByteSet,
        _ special: (UnsafeBufferPointer<UInt8>, Int, inout Sink) -> Int
    ) {
        var runStart = 0
        var i = 0
        while i < bytes.count {
            let byte = bytes[i]
            if !candidates.contains(byte) {
                i += 1
                continue
            }
            if runStart < i { out.appendBytes(UnsafeBufferPointer(rebasing: bytes[runStart..<i])) }
            let consumed = special(bytes, i, &out)
            // Not special after all: the byte starts the next plain run.
            runStart = i
            i += max(consumed, 1)
            if consumed > 0 { runStart = i }
        }
        if runStart < bytes.count { out.appendBytes(UnsafeBufferPointer(rebasing: bytes[runStart...])) }
    }

    /// A scalar that must not appear raw in a Swift comment or string: C0 controls and DEL (single
    /// bytes), C1 controls, U+2028/2029 and the bidirectional controls that can make source read
    /// differently than it compiles. Returns the scalar and its UTF-8 length.
    private static func hiddenScalar(_ bytes: UnsafeBufferPointer<UInt8>, _ i: Int) -> (UInt32, Int)? {
        let byte = bytes[i]
        if byte < 0x20 || byte == 0x7F { return (UInt32(byte), 1) }
        switch byte {
        case 0xC2 where i + 1 < bytes.count && (0x80...0x9F).contains(bytes[i + 1]):
            return (UInt32(bytes[i + 1]), 2)
        case 0xE2 where i + 2 < bytes.count && (bytes[i + 1] == 0x80 || bytes[i + 1] == 0x81):
            let scalar = 0x2000 | UInt32(bytes[i + 1] & 0x3F) << 6 | UInt32(bytes[i + 2] & 0x3F)
            switch scalar {
            case 0x2028, 0x2029, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: return (scalar, 3)
            default: return nil
            }
        case 0xEF where i + 2 < bytes.count && bytes[i + 1] == 0xBB && bytes[i + 2] == 0xBF:
            return (0xFEFF, 3)
        default:
            return nil
        }
    }

    /// `\u{1B}`: Swift's escape, uppercase hex without leading zeros.
    private static func appendSwiftUnicodeEscape<Sink: ByteSink & ~Copyable>(_ scalar: UInt32, to out: inout Sink) {
        out.appendBytes(Array("\\u{\(String(scalar, radix: 16, uppercase: true))}".utf8))
    }

    /// `\u001b`: JSON's escape, four lowercase hex digits.
    private static func appendJSONUnicodeEscape<Sink: ByteSink & ~Copyable>(_ scalar: UInt32, to out: inout Sink) {
        let hex = String(scalar, radix: 16)
        out.appendBytes(Array(("\\u" + String(repeating: "0", count: 4 - hex.count) + hex).utf8))
    }

    private static func string(_ append: (UnsafeBufferPointer<UInt8>, inout [UInt8]) -> Void, _ text: String) -> String
    {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count + 2)
        appending(text, append, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// `text`'s UTF-8 handed to one of the appending functions.
    static func appending(
        _ text: String, _ append: (UnsafeBufferPointer<UInt8>, inout [UInt8]) -> Void, to out: inout [UInt8]
    ) {
        var text = text
        text.withUTF8 { append($0, &out) }
    }

    /// Bytes that can start a scalar `hiddenScalar` reports: C0 controls, DEL, and the lead bytes
    /// of U+0080–U+009F (C2), U+2000–U+206F (E2) and U+FEFF (EF).
    private static let hiddenScalarBytes = ByteSet(Array(0..<0x20) + [0x7F, 0xC2, 0xE2, 0xEF])
    private static let swiftStringBytes = hiddenScalarBytes.union([quote, backslash])
    private static let sqlStringBytes = ByteSet([apostrophe, 0])
    private static let sqlIdentifierBytes = ByteSet([quote, 0])
    private static let sqlCommentBytes = ByteSet([newline, carriageReturn, 0])
    private static let jsonStringBytes = ByteSet(Array(0..<0x20) + [quote, backslash, 0xE2])

    private static let quote = UInt8(ascii: "\"")
    private static let apostrophe = UInt8(ascii: "'")
    private static let backslash = UInt8(ascii: "\\")
    private static let newline = UInt8(ascii: "\n")
    private static let carriageReturn = UInt8(ascii: "\r")
    private static let tab = UInt8(ascii: "\t")
    private static let space = UInt8(ascii: " ")
    private static let replacementCharacter: [UInt8] = [0xEF, 0xBF, 0xBD]
}

/// A set of byte values, tested with one shift and mask.
struct ByteSet: Sendable {
    private var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)

    init(_ bytes: [UInt8]) {
        for byte in bytes { insert(byte) }
    }

    mutating func insert(_ byte: UInt8) {
        let bit = UInt64(1) << UInt64(byte & 63)
        switch byte >> 6 {
        case 0: words.0 |= bit
        case 1: words.1 |= bit
        case 2: words.2 |= bit
        default: words.3 |= bit
        }
    }

    func union(_ bytes: [UInt8]) -> ByteSet {
        var set = self
        for byte in bytes { set.insert(byte) }
        return set
    }

    @inline(__always)
    func contains(_ byte: UInt8) -> Bool {
        let word =
            switch byte >> 6 {
            case 0: words.0
            case 1: words.1
            case 2: words.2
            default: words.3
            }
        return word & (UInt64(1) << UInt64(byte & 63)) != 0
    }
}
