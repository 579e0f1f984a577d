/// A parsed JSON text kept as its bytes plus a flat list of tokens (a "tape").
///
/// Values are read from the bytes only when a column asks for them, so a large result is scanned once,
/// integers are read from their digits (exact over the whole `Int64` range, never through a `Double`),
/// and strings are made once, straight into the type the row wants.
final class JSONDocument: @unchecked Sendable {
    /// The kinds of JSON value a token stands for.
    enum Kind: UInt8 {
        case null, `true`, `false`, number, string, array, object
    }

    /// One value (or object key). Containers are followed by their members' tokens; `next` skips them.
    struct Token {
        var kind: Kind
        /// For a string: `hasEscapes`. For a number: `isInteger`. For a container: its members are not
        /// tokenized (it was deeper than the document's `tokenDepth`); `expanded(_:)` tokenizes them.
        var flag: Bool
        /// Byte range of the value: a string's range excludes its quotes.
        var start: UInt32
        var end: UInt32
        /// Index of the token after this value (and, for a container, after all its members).
        var next: UInt32
    }

    /// The document's bytes; immutable after `init`, so the object may be shared across threads.
    let bytes: [UInt8]
    /// A `let`, so reading it needs no exclusivity check.
    let tokens: [Token]

    /// Parses `bytes` as one JSON value (RFC 8259, UTF-8) with nothing but whitespace around it. Containers
    /// nested deeper than `tokenDepth` are checked but kept as one token each.
    init(bytes: [UInt8], maximumDepth: Int = 512, tokenDepth: Int = .max) throws(JSONSyntaxError) {
        self.bytes = bytes
        guard bytes.count < Int(Int32.max) else { throw JSONSyntaxError(offset: 0, message: "document too large") }
        var tokens: [Token] = []
        // Enough for a result's values (one token each) without growing; a document of tiny values grows it.
        tokens.reserveCapacity(tokenDepth == .max ? bytes.count / 24 + 16 : bytes.count / 48 + 16)
        var scanner = JSONScanner(maximumDepth: maximumDepth, tokenDepth: tokenDepth)
        try bytes.withUnsafeBufferPointer { buffer throws(JSONSyntaxError) in
            try scanner.scanDocument(buffer, into: &tokens)
        }
        self.tokens = tokens
    }

    /// The members of `document`'s container token `index`, which was kept as one token, tokenized: a document
    /// over the same bytes whose root (token 0) is that container.
    private init(expanding index: Int, of document: JSONDocument) {
        bytes = document.bytes
        let token = document.tokens[index]
        var tokens: [Token] = []
        var scanner = JSONScanner(maximumDepth: 512)
        let end = bytes.withUnsafeBufferPointer { buffer in
            // The text was checked when `document` was scanned, so this scan cannot fail.
            try? scanner.scanValue(buffer, at: Int(token.start), into: &tokens)
        }
        precondition(end == Int(token.end), "a checked container no longer scans")
        self.tokens = tokens
    }

    convenience init(text: String) throws(JSONSyntaxError) {
        try self.init(bytes: Array(text.utf8))
    }

    /// Reads the tokens `first + row` for each of `columnsStartingAt` and each row, so that they are in cache for
    /// reads that follow in another order; returns a value made from them so that the reads are not left out.
    @discardableResult
    func touchTokens(columnsStartingAt firsts: [Int], rows: Range<Int>) -> UInt8 {
        tokens.withUnsafeBufferPointer { tokens in
            var folded: UInt8 = 0
            for first in firsts {
                // One read per cache line (four tokens) is enough.
                for row in stride(from: rows.lowerBound, to: rows.upperBound, by: 4) {
                    folded ^= tokens[first + row].kind.rawValue
                }
            }
            return folded
        }
    }

    /// The root value's token index.
    var root: Int { 0 }

    @inline(__always) func token(_ index: Int) -> Token { tokens[index] }

    /// Whether token `index` is a container whose members were not tokenized.
    func isCollapsed(_ index: Int) -> Bool {
        let token = tokens[index]
        return token.flag && (token.kind == .array || token.kind == .object)
    }

    /// Token `index` with its members tokenized: itself, or the root of a document made for it.
    func expanded(_ index: Int) -> (document: JSONDocument, index: Int) {
        isCollapsed(index) ? (JSONDocument(expanding: index, of: self), 0) : (self, index)
    }

    /// The token indices of a container's direct members (for an object: the keys).
    func children(of index: Int) -> [Int] {
        precondition(!isCollapsed(index), "members of a container kept as one token")
        let token = tokens[index]
        var result: [Int] = []
        var child = index + 1
        while child < Int(token.next) {
            result.append(child)
            child = Int(tokens[child].next)
            if token.kind == .object { child = Int(tokens[child].next) }
        }
        return result
    }

    /// An object's members as (key token, value token) pairs, in document order.
    func members(of index: Int) -> [(key: Int, value: Int)] {
        precondition(!isCollapsed(index), "members of a container kept as one token")
        let token = tokens[index]
        var result: [(key: Int, value: Int)] = []
        var key = index + 1
        while key < Int(token.next) {
            let value = Int(tokens[key].next)
            result.append((key, value))
            key = Int(tokens[value].next)
        }
        return result
    }

    /// The value of `name` in the object at `index` (the last one when a key repeats), or nil.
    func member(_ name: String, of index: Int) -> Int? {
        guard tokens[index].kind == .object else { return nil }
        var found: Int?
        for (key, value) in members(of: index) where string(at: key) == name { found = value }
        return found
    }

    /// The text of a string token, escapes resolved; through `state`'s string table when there is one.
    func string(at index: Int, state: JSONDecodingState? = nil) -> String {
        let token = tokens[index]
        return bytes.withUnsafeBufferPointer { buffer in
            let slice = UnsafeBufferPointer(rebasing: buffer[Int(token.start)..<Int(token.end)])
            if !token.flag {
                return state?.string(slice) ?? String(decoding: slice, as: UTF8.self)
            }
            return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: slice.count) { scratch in
                let unescaped = UnsafeBufferPointer(rebasing: scratch[..<JSONScanner.unescape(slice, into: scratch)])
                return state?.string(unescaped) ?? String(decoding: unescaped, as: UTF8.self)
            }
        }
    }

    /// The raw UTF-8 bytes of a string token, escapes resolved.
    func stringBytes(at index: Int) -> [UInt8] {
        let token = tokens[index]
        return bytes.withUnsafeBufferPointer { buffer in
            let slice = UnsafeBufferPointer(rebasing: buffer[Int(token.start)..<Int(token.end)])
            return token.flag ? JSONScanner.unescape(slice) : Array(slice)
        }
    }

    /// An integer number token as an exact `Int64`, or nil when it has a fraction or exponent or does not fit.
    func int64(at index: Int) -> Int64? {
        let token = tokens[index]
        guard token.kind == .number, token.flag else { return nil }
        return bytes.withUnsafeBufferPointer { buffer in
            JSONScanner.int64(UnsafeBufferPointer(rebasing: buffer[Int(token.start)..<Int(token.end)]))
        }
    }

    /// A number token as a `Double` (the nearest one, as Swift's own parser rounds).
    func double(at index: Int) -> Double? {
        let token = tokens[index]
        guard token.kind == .number else { return nil }
        return bytes.withUnsafeBufferPointer { buffer in
            JSONScanner.double(UnsafeBufferPointer(rebasing: buffer[Int(token.start)..<Int(token.end)]))
        }
    }

    /// The whole text of any value, a string's with its quotes.
    func valueText(at index: Int) -> String {
        let token = tokens[index]
        let isString = token.kind == .string
        let start = Int(token.start) - (isString ? 1 : 0)
        let end = Int(token.end) + (isString ? 1 : 0)
        return bytes.withUnsafeBufferPointer {
            String(decoding: UnsafeBufferPointer(rebasing: $0[start..<end]), as: UTF8.self)
        }
    }

    /// The source text of any value (for error messages), shortened to `limit` characters.
    func sourceText(at index: Int, limit: Int = 60) -> String {
        let token = tokens[index]
        var start = Int(token.start)
        var end = Int(token.end)
        if token.kind == .string {
            start -= 1
            end += 1
        }
        let text = String(decoding: bytes[start..<end], as: UTF8.self)
        return text.count > limit ? String(text.prefix(limit)) + "…" : text
    }
}
