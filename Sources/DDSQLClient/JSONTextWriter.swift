/// Writes a `JSONValue` as compact JSON text with object keys sorted, so that a value has one text.
struct JSONTextWriter {
    private(set) var output = ""

    mutating func write(_ value: JSONValue) {
        switch value {
        case .null: output += "null"
        case .bool(let value): output += value ? "true" : "false"
        case .integer(let value): output += String(value)
        // Swift's shortest round-trip spelling (`1.0`, `1e-05`, `5e-324`) is valid JSON.
        case .number(let value): output += value.isFinite ? "\(value)" : "null"
        case .string(let value): output += JSONStringLiteral.string(value)
        case .array(let elements):
            output += "["
            for (offset, element) in elements.enumerated() {
                if offset > 0 { output += "," }
                write(element)
            }
            output += "]"
        case .object(let members):
            output += "{"
            for (offset, key) in members.keys.sorted().enumerated() {
                if offset > 0 { output += "," }
                output += JSONStringLiteral.string(key)
                output += ":"
                write(members[key]!)
            }
            output += "}"
        }
    }
}
