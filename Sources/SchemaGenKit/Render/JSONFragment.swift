/// A small JSON value with member order kept, for JSON Schema fragments handed to templates.
public indirect enum JSONFragment: Sendable, Hashable {
    case object([(String, JSONFragment)])
    case array([JSONFragment])
    case string(String)
    /// A number or literal written as is.
    case raw(String)

    /// Compact JSON text, members in order.
    public var json: String {
        var out: [UInt8] = []
        appendJSON(to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Writes the compact JSON text into a byte buffer (`{"a": 1, "b": [2, 3]}`).
    func appendJSON(to out: inout [UInt8]) {
        switch self {
        case .object(let members):
            out.append(UInt8(ascii: "{"))
            Self.appendMembers(members, to: &out)
            out.append(UInt8(ascii: "}"))
        case .array(let items):
            out.append(UInt8(ascii: "["))
            for (i, item) in items.enumerated() {
                if i > 0 { out.append(contentsOf: Self.separator) }
                item.appendJSON(to: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .string(let s): Escaping.appending(s, Escaping.appendJSONString, to: &out)
        case .raw(let r): out.append(contentsOf: r.utf8)
        }
    }

    /// An object's members without the braces, so a caller can add members around them.
    static func appendMembers(_ members: [(String, JSONFragment)], to out: inout [UInt8]) {
        for (i, (name, value)) in members.enumerated() {
            if i > 0 { out.append(contentsOf: separator) }
            Escaping.appending(name, Escaping.appendJSONString, to: &out)
            out.append(contentsOf: nameSeparator)
            value.appendJSON(to: &out)
        }
    }

    static let separator: [UInt8] = Array(", ".utf8)
    static let nameSeparator: [UInt8] = Array(": ".utf8)

    public static func == (lhs: JSONFragment, rhs: JSONFragment) -> Bool { lhs.json == rhs.json }
    public func hash(into hasher: inout Hasher) { hasher.combine(json) }
}
