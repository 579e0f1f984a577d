/// Checking that bytes are one JSON value without building it: what a `json` cell's text gets when its row is
/// read.
///
/// The document scanner does the checking, recording one token at most (every container is kept as one), so a json cell is held to
/// exactly the grammar (and nesting limit) the result itself is read with, and `JSONValueParser` reads the text
/// it accepts.
enum JSONSyntax {
    static func check(_ bytes: UnsafeBufferPointer<UInt8>, maximumDepth: Int = 512) throws(JSONSyntaxError) {
        var tokens: [JSONDocument.Token] = []
        try check(bytes, maximumDepth: maximumDepth, scratch: &tokens)
    }

    /// As `check(_:)`, with the scanner's tokens in `scratch`, whose storage a caller checking many texts reuses.
    static func check(
        _ bytes: UnsafeBufferPointer<UInt8>, maximumDepth: Int = 512, scratch: inout [JSONDocument.Token]
    ) throws(JSONSyntaxError) {
        scratch.removeAll(keepingCapacity: true)
        // Token offsets are 32-bit, as in a document.
        guard bytes.count < Int(Int32.max) else { throw JSONSyntaxError(offset: 0, message: "text too large") }
        var scanner = JSONScanner(maximumDepth: maximumDepth, tokenDepth: 0)
        try scanner.scanDocument(bytes, into: &scratch)
    }
}
