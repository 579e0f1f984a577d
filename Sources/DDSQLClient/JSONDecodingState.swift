/// What reading many values reuses: the string table, and the stacks JSON values are built on.
///
/// One per `rows(...)` call (or per cell read on its own), never shared between threads. A parse moves the
/// parts out (`take`) and back (`give`), so it works on plain local values rather than on a class's storage.
final class JSONDecodingState {
    struct Parts {
        var strings = JSONStringTable()
        var members = ScratchStack<(String, JSONValue)>()
        var elements = ScratchStack<JSONValue>()
        var pairs = ScratchStack<(String, String?)>()

        mutating func clear() {
            members.removeAll()
            elements.removeAll()
            pairs.removeAll()
        }

        func deallocate() {
            strings.deallocate()
            members.deallocate()
            elements.deallocate()
            pairs.deallocate()
        }
    }

    /// Unchecked: the class is never shared between threads, and each use is a swap or one table lookup that
    /// calls nothing that could reach it again.
    @exclusivity(unchecked) private var parts: Parts

    /// `sharesStrings: false` for one value read on its own (see `JSONStringTable`).
    init(sharesStrings: Bool = true) {
        parts = Parts(strings: JSONStringTable(sharing: sharesStrings))
    }

    func take() -> Parts {
        var taken = Parts()
        swap(&taken, &parts)
        return taken
    }

    func give(_ given: Parts) {
        var given = given
        given.clear()
        swap(&given, &parts)
        given.deallocate()
    }

    /// Unchecked, as `parts` is.
    @exclusivity(unchecked) private var texts = JSONTextMemo()

    /// The value of a cell's text (its bytes in `document`, escapes not resolved) read as `kind`, made by
    /// `read` unless the same text was read that way before (see `JSONTextMemo`).
    func memoized<Failure: Error>(
        _ text: UnsafeBufferPointer<UInt8>, at start: Int, in document: JSONDocument, kind: Int,
        _ read: () throws(Failure) -> JSONTextMemo.Value
    ) throws(Failure) -> JSONTextMemo.Value {
        try texts.value(of: text, at: start, in: document, kind: kind, read)
    }

    /// Unchecked, as `parts` is.
    @exclusivity(unchecked) private var checkTokens: [JSONDocument.Token] = []

    /// Checks that `bytes` are one JSON value (see `JSONSyntax`), reusing the scanner's token storage.
    func checkJSON(_ bytes: UnsafeBufferPointer<UInt8>) throws(JSONSyntaxError) {
        try JSONSyntax.check(bytes, scratch: &checkTokens)
    }

    /// A string of valid UTF-8, through the table.
    func string(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        parts.strings.string(bytes)
    }

    deinit {
        parts.deallocate()
        texts.deallocate()
    }
}
