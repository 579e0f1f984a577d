/// Reading an HSTORE value (Datadog tags): an object whose values are strings or arrays of strings; also
/// accepted as an array of `key:value` strings. A key without a value (`null`) is a bare tag.
enum HStore {
    /// One (key, value) per tag value, in wire order; value nil for a bare tag.
    private static func pairs(_ cell: DDSQLCell) throws(DDSQLError) -> [(key: String, value: String?)] {
        switch cell.kind {
        case .object:
            // Walks the tokens directly: hstores are in many rows, and cells per member would dominate.
            let document = cell.document
            let object = document.token(cell.token)
            var pairs: [(key: String, value: String?)] = []
            pairs.reserveCapacity(Int(object.count))
            var keyIndex = cell.token + 1
            while keyIndex < Int(object.next) {
                let key = document.string(at: keyIndex)
                let valueIndex = keyIndex + 1
                let value = document.token(valueIndex)
                switch value.kind {
                case .string: pairs.append((key, document.string(at: valueIndex)))
                case .null: pairs.append((key, nil))
                case .array:
                    var element = valueIndex + 1
                    while element < Int(value.next) {
                        guard document.token(element).kind == .string else {
                            throw cell.invalid("hstore key \"\(key)\": expected strings, found "
                                               + document.sourceText(at: element))
                        }
                        pairs.append((key, document.string(at: element)))
                        element = Int(document.token(element).next)
                    }
                default:
                    throw cell.invalid("hstore key \"\(key)\": expected a string or an array of strings, found "
                                       + document.sourceText(at: valueIndex))
                }
                keyIndex = Int(value.next)
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
