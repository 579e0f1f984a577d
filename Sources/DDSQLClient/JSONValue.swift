import Foundation

/// Any JSON value: what a DDSQL `json` column holds, and what a column of a type this library does not know
/// is kept as.
///
/// The same cases and the same `Codable` behaviour as the `JSONValue` schemagen writes into generated code, so
/// generated code can use this type in its place (see Documentation/Querying.md, "JSONValue").
public enum JSONValue: Codable, Hashable, Sendable {
    case null
    case bool(Bool)
    /// A whole number that fits in 64 bits, kept exact.
    case integer(Int64)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Int64.self) {
            self = .integer(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([JSONValue].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .integer(let value): try container.encode(value)
        case .number(let value): try container.encode(value)
        case .string(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        }
    }

    /// Parses a JSON text; integers that fit in 64 bits stay exact.
    public init(parsing text: String) throws {
        var text = text
        let parsed = text.withUTF8 { bytes in
            Result { () throws(JSONSyntaxError) in
                try JSONValueParser.parse(bytes, state: JSONDecodingState(sharesStrings: false))
            }
        }
        do {
            self = try parsed.get()
        } catch {
            throw DDSQLError.invalidJSON(error.description)
        }
    }
}

extension JSONDocument {
    /// The value at `index` as a `JSONValue`. Integers too large for `Int64` become `.number`.
    func jsonValue(at index: Int, state: JSONDecodingState = JSONDecodingState()) -> JSONValue {
        bytes.withUnsafeBufferPointer { bytes in
            tokens.withUnsafeBufferPointer { tokens in
                JSONValueBuilder(bytes: bytes, tokens: tokens, document: self, state: state).value(at: index)
            }
        }
    }
}

/// Builds `JSONValue`s straight from a document's buffers, without re-entering them per value.
private struct JSONValueBuilder {
    let bytes: UnsafeBufferPointer<UInt8>
    let tokens: UnsafeBufferPointer<JSONDocument.Token>
    let document: JSONDocument
    let state: JSONDecodingState

    func value(at index: Int) -> JSONValue {
        let token = tokens[index]
        switch token.kind {
        case .null: return .null
        case .true: return .bool(true)
        case .false: return .bool(false)
        case .number:
            if token.flag, let value = document.int64(at: index) { return .integer(value) }
            return .number(document.double(at: index) ?? .nan)
        case .string: return .string(document.string(at: index, state: state))
        case .array where token.flag, .object where token.flag:
            // Kept as one token: parsed from its text, which the document's scan already checked.
            let text = UnsafeBufferPointer(rebasing: bytes[Int(token.start)..<Int(token.end)])
            return (try? JSONValueParser.parse(text, state: state)) ?? .null
        case .array:
            var elements: [JSONValue] = []
            var child = index + 1
            while child < Int(token.next) {
                elements.append(value(at: child))
                child = Int(tokens[child].next)
            }
            return .array(elements)
        case .object:
            var members: [String: JSONValue] = [:]
            var key = index + 1
            while key < Int(token.next) {
                let member = key + 1
                members[document.string(at: key, state: state)] = value(at: member)
                key = Int(tokens[member].next)
            }
            return .object(members)
        }
    }
}
