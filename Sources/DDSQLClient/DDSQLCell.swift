import Foundation

/// One value of a result, with the column type it is read by and where it is (for error messages).
///
/// What a `DDSQLValue` conformance reads; its methods each accept exactly the wire forms API.md documents.
public struct DDSQLCell {
    /// What the cells of one column share: one reference per cell rather than one per field.
    @usableFromInline
    final class Source {
        let document: JSONDocument
        let type: DDSQLColumnType
        let column: String
        let state: JSONDecodingState

        init(document: JSONDocument, type: DDSQLColumnType, column: String, state: JSONDecodingState) {
            self.document = document
            self.type = type
            self.column = column
            self.state = state
        }

        /// The same column in another document or with another type (array elements, parsed JSON).
        func with(document: JSONDocument? = nil, type: DDSQLColumnType) -> Source {
            Source(document: document ?? self.document, type: type, column: column, state: state)
        }
    }

    @usableFromInline let source: Source
    @usableFromInline let token: Int
    /// The row's index in the result (0-based), for errors.
    public let row: Int

    @usableFromInline
    init(source: Source, token: Int, row: Int) {
        self.source = source
        self.token = token
        self.row = row
    }

    /// The API type of the column (for an array element, the element type).
    public var type: DDSQLColumnType { source.type }
    /// The column's name, for errors.
    public var column: String { source.column }

    var document: JSONDocument { source.document }

    var kind: JSONDocument.Kind { document.token(token).kind }

    public var isNull: Bool { kind == .null }

    /// An error naming this cell's column and row.
    public func invalid(_ message: String) -> DDSQLError {
        .invalidValue(column: column, row: row, message: message)
    }

    /// An error saying the value is not what `expected` describes.
    public func mismatch(_ expected: String) -> DDSQLError {
        invalid(
            "expected \(expected) for API type \(type.name.isEmpty ? "(none)" : type.name), found "
                + document.sourceText(at: token))
    }

    /// The value as it is on the wire.
    public func rawJSONValue() -> JSONValue {
        document.jsonValue(at: token, state: source.state)
    }

    /// A JSON string's text.
    public func string() throws(DDSQLError) -> String {
        guard kind == .string else { throw mismatch("a string") }
        return document.string(at: token, state: source.state)
    }

    /// A JSON integer, exact over the whole `Int64` range.
    public func int64() throws(DDSQLError) -> Int64 {
        guard kind == .number else { throw mismatch("an integer") }
        guard let value = document.int64(at: token) else { throw mismatch("an integer within the Int64 range") }
        return value
    }

    /// Any JSON number.
    public func double() throws(DDSQLError) -> Double {
        guard kind == .number, let value = document.double(at: token) else { throw mismatch("a number") }
        return value
    }

    public func bool() throws(DDSQLError) -> Bool {
        switch kind {
        case .true: return true
        case .false: return false
        default: throw mismatch("true or false")
        }
    }

    /// Unix milliseconds (how TIMESTAMP and DATE travel); also an RFC 3339 string (row JSON's form).
    public func date() throws(DDSQLError) -> Date {
        if kind == .string, type.kind != .timestamp && type.kind != .date {
            let text = document.string(at: token)
            if let date = RFC3339.date(from: text) { return date }
            throw mismatch("Unix milliseconds or an RFC 3339 timestamp")
        }
        guard kind == .number, let milliseconds = document.int64(at: token) else {
            throw mismatch("integer Unix milliseconds")
        }
        guard let date = UnixMilliseconds.date(milliseconds) else {
            throw invalid("\(milliseconds) ms is outside the range of Date")
        }
        return date
    }

    /// `read`'s value for this cell's text (its bytes in the body, a string's escapes unresolved), shared with
    /// earlier cells of the same text read the same way (see `JSONTextMemo`).
    func memoized<Failure: Error>(
        kind: Int, _ read: (UnsafeBufferPointer<UInt8>) throws(Failure) -> JSONTextMemo.Value
    ) throws(Failure) -> JSONTextMemo.Value {
        let document = document
        let token = document.token(token)
        let state = source.state
        return try document.bytes.withUnsafeBufferPointer { bytes throws(Failure) in
            let text = UnsafeBufferPointer(rebasing: bytes[Int(token.start)..<Int(token.end)])
            return try state.memoized(text, at: Int(token.start), in: document, kind: kind) { () throws(Failure) in
                try read(text)
            }
        }
    }

    /// The JSON a `json` column holds: its string parsed as JSON text, or a non-string value taken as it is.
    /// Other columns' values are taken as they are.
    public func json() throws(DDSQLError) -> JSONValue {
        guard type.kind == .json, kind == .string else { return rawJSONValue() }
        let hasEscapes = document.token(token).flag
        let state = source.state
        do {
            let memo = try memoized(kind: 1) { slice throws(JSONSyntaxError) in
                .json(
                    hasEscapes
                        ? try JSONValueParser.parse(escapedString: slice, state: state)
                        : try JSONValueParser.parse(slice, state: state))
            }
            guard case .json(let value) = memo else { preconditionFailure("a json entry holds another kind") }
            return value
        } catch {
            throw invalid("json column holds text that is not JSON: \(error.description)")
        }
    }

    /// The JSON a `json` column holds, as checked text (see `JSONText`): its string's text, or a non-string
    /// value's own text. Other columns' values are taken as they are.
    public func jsonText() throws(DDSQLError) -> JSONText {
        guard type.kind == .json, kind == .string else {
            // Checked when the document was scanned.
            return JSONText(checked: document.valueText(at: token))
        }
        let hasEscapes = document.token(token).flag
        let state = source.state
        do {
            let memo = try memoized(kind: 4) { slice throws(JSONSyntaxError) in
                var text =
                    hasEscapes
                    ? String(unsafeUninitializedCapacity: slice.count) { JSONScanner.unescape(slice, into: $0) }
                    : String(decoding: slice, as: UTF8.self)
                let checked = text.withUTF8 { bytes in
                    Result { () throws(JSONSyntaxError) in try state.checkJSON(bytes) }
                }
                try checked.get()
                return .text(text)
            }
            guard case .text(let text) = memo else { preconditionFailure("a text entry holds another kind") }
            return JSONText(checked: text)
        } catch {
            throw invalid("json column holds text that is not JSON: \(error.description)")
        }
    }

    /// For a `json` column holding JSON text: a cell over the parsed value (typed by its JSON kinds), or nil
    /// when the column is not a `json` column holding a string.
    public func parsedJSON() throws(DDSQLError) -> DDSQLCell? {
        guard type.kind == .json, kind == .string else { return nil }
        do {
            let parsed = try JSONDocument(bytes: document.stringBytes(at: token))
            return DDSQLCell(source: source.with(document: parsed, type: .untyped), token: parsed.root, row: row)
        } catch {
            throw invalid("json column holds text that is not JSON: \(error.description)")
        }
    }

    /// An array's elements, each typed by the element type of `X[]` (untyped for other column types).
    public func elements() throws(DDSQLError) -> [DDSQLCell] {
        guard kind == .array else { throw mismatch("an array") }
        let (document, index) = document.expanded(token)
        let elementSource = source.with(document: document, type: type.elementType ?? .untyped)
        return document.children(of: index).map { DDSQLCell(source: elementSource, token: $0, row: row) }
    }

    /// An object's members in wire order, values untyped.
    public func members() throws(DDSQLError) -> [(key: String, value: DDSQLCell)] {
        guard kind == .object else { throw mismatch("an object") }
        let (document, index) = document.expanded(token)
        let memberSource = source.with(document: document, type: .untyped)
        return document.members(of: index).map {
            (
                document.string(at: $0.key, state: source.state),
                DDSQLCell(source: memberSource, token: $0.value, row: row)
            )
        }
    }
}
