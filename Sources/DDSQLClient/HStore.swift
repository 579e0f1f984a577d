/// Reading an HSTORE value (Datadog tags): an object whose values are strings or arrays of strings; also
/// accepted as an array of `key:value` strings. A key without a value (`null`) is a bare tag.
enum HStore {
    /// Reads the cell's (key, value) pairs, one per tag value in wire order (value nil for a bare tag), onto
    /// a reader's pair stack, and hands them to `body` to move out.
    private static func withPairs<Result>(
        _ cell: DDSQLCell, _ body: (UnsafeMutablePointer<(String, String?)>, Int) -> Result
    ) throws(DDSQLError) -> Result {
        let state = cell.source.state
        switch cell.kind {
        case .object:
            // Read from the text, not through a token or a cell per member: hstores are in many rows.
            let token = cell.document.token(cell.token)
            return try cell.document.bytes.withUnsafeBufferPointer { bytes throws(DDSQLError) in
                let text = UnsafeBufferPointer(rebasing: bytes[Int(token.start)..<Int(token.end)])
                return try JSONValueParser.reading(text, state: state) { reader throws(DDSQLError) in
                    let start = reader.pairs.count
                    let problem: DDSQLError?
                    do {
                        problem = try readObject(cell, &reader)
                    } catch {
                        // Not reached: the document's scan checked this text.
                        throw cell.invalid("hstore: \(error)")
                    }
                    if let problem { throw problem }
                    return reader.pairs.popAll(from: start, body)
                }
            }
        case .array:
            let tags = try cell.elements().map { element throws(DDSQLError) in try element.string() }
            return try JSONValueParser.reading(UnsafeBufferPointer(start: nil, count: 0), state: state) { reader in
                let start = reader.pairs.count
                for tag in tags {
                    if let colon = tag.firstIndex(of: ":") {
                        reader.pairs.push((String(tag[..<colon]), String(tag[tag.index(after: colon)...])))
                    } else {
                        reader.pairs.push((tag, nil))
                    }
                }
                return reader.pairs.popAll(from: start, body)
            }
        default:
            throw cell.mismatch("an hstore object")
        }
    }

    /// An hstore object: each member's key with its string, `null` or array of strings, pushed onto the
    /// reader's pairs. Returns the error for a value of another type (and stops there).
    private static func readObject(
        _ cell: DDSQLCell, _ reader: inout JSONValueParser
    ) throws(JSONSyntaxError) -> DDSQLError? {
        _ = reader.consume(UInt8(ascii: "{"))
        if reader.consume(UInt8(ascii: "}")) { return nil }
        repeat {
            _ = reader.peek()
            let key = try reader.string()
            _ = reader.consume(UInt8(ascii: ":"))
            switch reader.peek() {
            case UInt8(ascii: "\""):
                reader.pairs.push((key, try reader.string()))
            case UInt8(ascii: "n"):
                try reader.literal("null")
                reader.pairs.push((key, nil))
            case UInt8(ascii: "["):
                _ = reader.consume(UInt8(ascii: "["))
                if reader.consume(UInt8(ascii: "]")) { continue }
                repeat {
                    guard reader.peek() == UInt8(ascii: "\"") else {
                        return cell.invalid(
                            "hstore key \"\(key)\": expected strings, found " + (try reader.skipValue()))
                    }
                    reader.pairs.push((key, try reader.string()))
                } while try reader.separator(UInt8(ascii: "]"), "array")
            default:
                return cell.invalid(
                    "hstore key \"\(key)\": expected a string or an array of strings, found "
                        + (try reader.skipValue()))
            }
        } while try reader.separator(UInt8(ascii: "}"), "object")
        return nil
    }

    /// `read`'s value for an hstore object, shared with earlier cells of the same text.
    private static func memoized(
        _ cell: DDSQLCell, kind: Int, _ read: () throws(DDSQLError) -> JSONTextMemo.Value
    ) throws(DDSQLError) -> JSONTextMemo.Value {
        guard cell.kind == .object else { return try read() }
        return try cell.memoized(kind: kind) { _ throws(DDSQLError) in try read() }
    }

    /// hstore: `[key: value]`, a key's values comma-joined in wire order; a bare tag maps to "".
    static func map(_ cell: DDSQLCell) throws(DDSQLError) -> [String: String] {
        let value = try memoized(cell, kind: 2) { () throws(DDSQLError) in .map(try readMap(cell)) }
        guard case .map(let map) = value else { preconditionFailure("an hstore map entry holds another kind") }
        return map
    }

    /// hstore_csv: `key:value` per value, in wire order; a bare tag is its key alone.
    static func tags(_ cell: DDSQLCell) throws(DDSQLError) -> [String] {
        let value = try memoized(cell, kind: 3) { () throws(DDSQLError) in .tags(try readTags(cell)) }
        guard case .tags(let tags) = value else { preconditionFailure("an hstore tags entry holds another kind") }
        return tags
    }

    private static func readMap(_ cell: DDSQLCell) throws(DDSQLError) -> [String: String] {
        try withPairs(cell) { pairs, count in
            var map = [String: String](minimumCapacity: count)
            for offset in 0..<count {
                let (key, value) = (pairs + offset).move()
                let text = value ?? ""
                // One lookup for a key seen once; a repeated key's values are joined in wire order.
                if let existing = map.updateValue(text, forKey: key) { map[key] = existing + "," + text }
            }
            return map
        }
    }

    private static func readTags(_ cell: DDSQLCell) throws(DDSQLError) -> [String] {
        try withPairs(cell) { pairs, count in
            var tags: [String] = []
            tags.reserveCapacity(count)
            for offset in 0..<count {
                let (key, value) = (pairs + offset).move()
                var tag = key
                if let value {
                    tag.reserveCapacity(key.utf8.count + 1 + value.utf8.count)
                    tag += ":"
                    tag += value
                }
                tags.append(tag)
            }
            return tags
        }
    }
}
