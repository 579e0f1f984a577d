import Foundation

/// A JSON value kept as its text, checked to be JSON but not parsed until `value` is asked for: the Swift type of
/// DDSQL `json` columns in generated client code (as Go's `json.RawMessage` is for Go's clients).
///
/// The API sends each json cell as a string holding JSON text. Building a `JSONValue` tree for every cell costs
/// more than reading the rest of a result, and most programs look inside few of them; so a row read from a result
/// keeps the text, and a cell that is not JSON is still an error naming its column and row when the row is read.
///
/// Equality and hashing are by value: `{"a": 1}` and `{ "a":1 }` are equal, as the same value read from a result
/// and from row JSON must be. Encoding writes the value (the row JSON form), not a string holding it.
public struct JSONText: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The JSON text as it came: whitespace and member order kept.
    public let text: String

    /// Text this library checked, or wrote, itself.
    init(checked text: String) {
        self.text = text
    }

    /// Keeps `text` after checking that it is one JSON value (RFC 8259), with nothing but whitespace around it.
    public init(validating text: String) throws {
        var text = text
        let checked = text.withUTF8 { bytes in
            Result { () throws(JSONSyntaxError) in try JSONSyntax.check(bytes) }
        }
        do {
            try checked.get()
        } catch {
            throw DDSQLError.invalidJSON(error.description)
        }
        self.text = text
    }

    /// The text of `value`: compact, object keys sorted, so one value always has one text. JSON has no infinity
    /// or NaN: those numbers are written as `null`, as JavaScript's `JSON.stringify` writes them.
    public init(_ value: JSONValue) {
        var writer = JSONTextWriter()
        writer.write(value)
        text = writer.output
    }

    /// The value, parsed from the text each time it is asked for: keep it if you read it often.
    public var value: JSONValue {
        var text = text
        let parsed = text.withUTF8 { bytes in
            Result { () throws(JSONSyntaxError) in
                try JSONValueParser.parse(bytes, state: JSONDecodingState(sharesStrings: false))
            }
        }
        switch parsed {
        case .success(let value): return value
        // Unreachable: every initializer checks the text with the grammar the parser reads (JSONTextTests).
        case .failure(let error): preconditionFailure("JSONText holds text that is not JSON: \(error)")
        }
    }

    /// The value decoded as `type` (a `Decodable` struct of the members you need, say) with `decoder`.
    public func decode<Value: Decodable>(
        _ type: Value.Type = Value.self, using decoder: JSONDecoder = JSONDecoder()
    ) throws -> Value {
        try decoder.decode(Value.self, from: Data(text.utf8))
    }

    public var description: String { text }

    public static func == (lhs: JSONText, rhs: JSONText) -> Bool {
        lhs.text == rhs.text || lhs.value == rhs.value
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(value)
    }

    /// Any JSON value (row JSON holds the value itself, not a string).
    public init(from decoder: any Decoder) throws {
        self.init(try JSONValue(from: decoder))
    }

    public func encode(to encoder: any Encoder) throws {
        try value.encode(to: encoder)
    }
}
