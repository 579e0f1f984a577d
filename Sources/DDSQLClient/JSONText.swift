import Foundation

/// A JSON value kept as its text, checked to be JSON but not parsed until `value` is asked for: the Swift type of
/// DDSQL `json` columns in generated client code (as Go's `json.RawMessage` is for Go's clients).
///
/// The API sends each json cell as a string holding JSON text. Building a `JSONValue` tree for every cell costs
/// more than reading the rest of a result, and most programs look inside few of them; so a row read from a result
/// keeps the text, and a cell that is not JSON is still an error naming its column and row when the row is read.
///
/// Equality and hashing are by value: `{"a": 1}` and `{ "a":1 }` are equal, and so are `2.0` and `2`, as the same
/// value read from a result and from row JSON must be. Encoding writes the value (the row JSON form), not a string
/// holding it.
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
        // No depth limit: text from a cell or `init(validating:)` was held to the scanner's, and text written from
        // a `JSONValue` is only as deep as a value that already exists.
        let parsed = text.withUTF8 { bytes in
            Result { () throws(JSONSyntaxError) in
                try JSONValueParser.parse(bytes, state: JSONDecodingState(sharesStrings: false), maximumDepth: .max)
            }
        }
        switch parsed {
        case .success(let value): return value
        // Unreachable: every initializer checks its text with the grammar the parser reads, or writes it from a
        // value (JSONTextTests).
        case .failure(let error): preconditionFailure("JSONText holds text that is not JSON: \(error)")
        }
    }

    /// The value as equality, hashing and encoding see it: a number with an integer value is that integer (JSON
    /// does not tell `2.0` from `2`, and Foundation's coders do not keep it), and a number JSON cannot hold
    /// (infinity, from text such as `1e400`) is `null`, as `init(_:)` writes it.
    private var comparableValue: JSONValue {
        func normalized(_ value: JSONValue) -> JSONValue {
            switch value {
            case .number(let number):
                if let integer = Int64(exactly: number) { return .integer(integer) }
                return number.isFinite ? value : .null
            case .array(let elements): return .array(elements.map(normalized))
            case .object(let members): return .object(members.mapValues(normalized))
            default: return value
            }
        }
        return normalized(value)
    }

    /// The value decoded as `type` (a `Decodable` struct of the members you need, say) with `decoder`.
    public func decode<Value: Decodable>(
        _ type: Value.Type = Value.self, using decoder: JSONDecoder = JSONDecoder()
    ) throws -> Value {
        try decoder.decode(Value.self, from: Data(text.utf8))
    }

    public var description: String { text }

    public static func == (lhs: JSONText, rhs: JSONText) -> Bool {
        lhs.text == rhs.text || lhs.comparableValue == rhs.comparableValue
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(comparableValue)
    }

    /// Any JSON value (row JSON holds the value itself, not a string).
    public init(from decoder: any Decoder) throws {
        self.init(try JSONValue(from: decoder))
    }

    public func encode(to encoder: any Encoder) throws {
        try comparableValue.encode(to: encoder)
    }
}
