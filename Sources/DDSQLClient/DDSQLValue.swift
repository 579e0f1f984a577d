import Foundation

/// A Swift type a result value can be read into. Conformances decide by the column's API type and the value's
/// JSON kind; a value that does not fit throws an error naming the column and row.
///
/// `null` never reaches `ddsqlDecode` from `DDSQLRowReader`: it is `nil` (or an error for a required column).
public protocol DDSQLValue {
    static func ddsqlDecode(_ cell: DDSQLCell) throws -> Self
    /// What a `null` array element or object member reads as: nil (an error) unless the type is optional.
    static var ddsqlNull: Self? { get }
}

extension DDSQLValue {
    public static var ddsqlNull: Self? { nil }
}

extension String: DDSQLValue {
    /// A VARCHAR (any JSON string); also a json column's text as it is.
    public static func ddsqlDecode(_ cell: DDSQLCell) throws -> String {
        if cell.type.kind == .date, cell.kind == .number {
            guard let milliseconds = try? cell.int64() else { throw cell.mismatch("integer Unix milliseconds") }
            guard UnixMilliseconds.date(milliseconds) != nil else {
                throw cell.invalid("\(milliseconds) ms is outside the range of Date")
            }
            return UnixMilliseconds.day(milliseconds)
        }
        return try cell.string()
    }
}

extension Int64: DDSQLValue {
    public static func ddsqlDecode(_ cell: DDSQLCell) throws -> Int64 { try cell.int64() }
}

extension Int: DDSQLValue {
    public static func ddsqlDecode(_ cell: DDSQLCell) throws -> Int {
        let value = try cell.int64()
        guard let result = Int(exactly: value) else { throw cell.invalid("\(value) does not fit in Int") }
        return result
    }
}

extension Int32: DDSQLValue {
    public static func ddsqlDecode(_ cell: DDSQLCell) throws -> Int32 {
        let value = try cell.int64()
        guard let result = Int32(exactly: value) else { throw cell.invalid("\(value) does not fit in Int32") }
        return result
    }
}

extension Double: DDSQLValue {
    public static func ddsqlDecode(_ cell: DDSQLCell) throws -> Double { try cell.double() }
}

extension Float: DDSQLValue {
    public static func ddsqlDecode(_ cell: DDSQLCell) throws -> Float { Float(try cell.double()) }
}

extension Bool: DDSQLValue {
    public static func ddsqlDecode(_ cell: DDSQLCell) throws -> Bool { try cell.bool() }
}

extension Date: DDSQLValue {
    public static func ddsqlDecode(_ cell: DDSQLCell) throws -> Date { try cell.date() }
}

extension JSONValue: DDSQLValue {
    public static func ddsqlDecode(_ cell: DDSQLCell) throws -> JSONValue { try cell.json() }
}

extension JSONText: DDSQLValue {
    public static func ddsqlDecode(_ cell: DDSQLCell) throws -> JSONText { try cell.jsonText() }
}

extension Optional: DDSQLValue where Wrapped: DDSQLValue {
    /// `null` is `nil`: for array elements and object members, which may be null.
    public static func ddsqlDecode(_ cell: DDSQLCell) throws -> Wrapped? {
        cell.isNull ? nil : try Wrapped.ddsqlDecode(cell)
    }

    public static var ddsqlNull: Wrapped?? { .some(nil) }
}

extension Array: DDSQLValue where Element: DDSQLValue {
    /// An `X[]` array, each element read as `X`; a json column holding an array; and, for `[String]`,
    /// an HSTORE as `key:value` tag strings (hstore_csv: one entry per value).
    public static func ddsqlDecode(_ cell: DDSQLCell) throws -> [Element] {
        if let parsed = try cell.parsedJSON() { return try ddsqlDecode(parsed) }
        if cell.type.kind == .hstore {
            guard Element.self == String.self else {
                throw cell.invalid("an HSTORE column reads into [String] or [String: String], not \(Self.self)")
            }
            // Element is String, checked above: a reinterpretation, without `as?`'s element-by-element cast.
            return unsafeBitCast(try HStore.tags(cell), to: [Element].self)
        }
        let elements = try cell.elements()
        var result: [Element] = []
        result.reserveCapacity(elements.count)
        for element in elements {
            if element.isNull {
                guard let null = Element.ddsqlNull else {
                    throw element.invalid("null element in an array of \(Element.self)")
                }
                result.append(null)
                continue
            }
            result.append(try Element.ddsqlDecode(element))
        }
        return result
    }
}

extension Dictionary: DDSQLValue where Key == String, Value: DDSQLValue {
    /// An HSTORE as `[String: String]` (a key's several values comma-joined, as `tags->'key'` gives them);
    /// a json column or any JSON object, each member read as `Value`.
    public static func ddsqlDecode(_ cell: DDSQLCell) throws -> [String: Value] {
        if let parsed = try cell.parsedJSON() { return try ddsqlDecode(parsed) }
        if cell.type.kind == .hstore {
            guard Value.self == String.self else {
                throw cell.invalid("an HSTORE column reads into [String] or [String: String], not \(Self.self)")
            }
            // Value is String, checked above: a reinterpretation, without `as?`'s member-by-member cast.
            return unsafeBitCast(try HStore.map(cell), to: [String: Value].self)
        }
        var result: [String: Value] = [:]
        for (key, member) in try cell.members() {
            if member.isNull {
                guard let null = Value.ddsqlNull else {
                    throw member.invalid("null member \"\(key)\" in an object of \(Value.self)")
                }
                result[key] = null
                continue
            }
            result[key] = try Value.ddsqlDecode(member)
        }
        return result
    }
}
