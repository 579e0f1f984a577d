/// Reading an HSTORE value (Datadog tags): an object whose values are strings or arrays of strings; also
/// accepted as an array of `key:value` strings. A key without a value (`null`) is a bare tag.
enum HStore {
    /// One (key, value) per tag value, in wire order; value nil for a bare tag.
    private static func pairs(_ cell: DDSQLCell) throws(DDSQLError) -> [(key: String, value: String?)] {
        switch cell.kind {
        case .object:
            var pairs: [(key: String, value: String?)] = []
            for (key, member) in try cell.members() {
                switch member.kind {
                case .string: pairs.append((key, try member.string()))
                case .null: pairs.append((key, nil))
                case .array:
                    for element in try member.elements() {
                        guard element.kind == .string else {
                            throw element.invalid("hstore key \"\(key)\": expected strings, found "
                                                  + element.document.sourceText(at: element.token))
                        }
                        pairs.append((key, try element.string()))
                    }
                default:
                    throw member.invalid("hstore key \"\(key)\": expected a string or an array of strings, found "
                                         + member.document.sourceText(at: member.token))
                }
            }
            return pairs
        case .array:
            return try cell.elements().map { element throws(DDSQLError) in
                let tag = try element.string()
                guard let colon = tag.firstIndex(of: ":") else { return (tag, nil) }
                return (String(tag[..<colon]), String(tag[tag.index(after: colon)...]))
            }
        default:
            throw cell.mismatch("an hstore object")
        }
    }

    /// hstore: `[key: value]`, a key's values comma-joined in wire order; a bare tag maps to "".
    static func map(_ cell: DDSQLCell) throws(DDSQLError) -> [String: String] {
        var map: [String: String] = [:]
        for (key, value) in try pairs(cell) {
            let value = value ?? ""
            if let existing = map[key] {
                map[key] = existing + "," + value
            } else {
                map[key] = value
            }
        }
        return map
    }

    /// hstore_csv: `key:value` per value, in wire order; a bare tag is its key alone.
    static func tags(_ cell: DDSQLCell) throws(DDSQLError) -> [String] {
        try pairs(cell).map { pair in pair.value.map { "\(pair.key):\($0)" } ?? pair.key }
    }
}
