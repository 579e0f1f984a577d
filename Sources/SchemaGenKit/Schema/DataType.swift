/// A column's DDSQL data type, parsed from the page's grammar `T | array<T>`.
///
/// The spelling on the page is kept verbatim because it is what the schema dump, the diff and users
/// compare against; the parsed form is what the generators map to Swift, SQL and JSON Schema types.
public struct DataType: Hashable, Sendable {
    /// The base types DDSQL documents. Anything else parses, but is `.unknown` and warned about.
    public enum Base: Hashable, Sendable {
        case string, int64, float64, bool, timestamp, date, interval, json, hstore, hstoreCSV
        case unknown(String)

        public init(name: String) {
            switch name {
            case "string": self = .string
            case "int64": self = .int64
            case "float64": self = .float64
            case "bool": self = .bool
            case "timestamp": self = .timestamp
            case "date": self = .date
            case "interval": self = .interval
            case "json": self = .json
            case "hstore": self = .hstore
            case "hstore_csv": self = .hstoreCSV
            default: self = .unknown(name)
            }
        }

        /// The DDSQL spelling of the base type.
        public var name: String {
            switch self {
            case .string: "string"
            case .int64: "int64"
            case .float64: "float64"
            case .bool: "bool"
            case .timestamp: "timestamp"
            case .date: "date"
            case .interval: "interval"
            case .json: "json"
            case .hstore: "hstore"
            case .hstoreCSV: "hstore_csv"
            case .unknown(let name): name
            }
        }

        /// Every documented base type, in the order messages list them.
        public static let known: [Base] = [
            .string, .int64, .float64, .bool, .timestamp, .date, .interval, .json, .hstore, .hstoreCSV,
        ]

        /// `string, int64, ..., hstore_csv`, for messages that list what is accepted.
        public static var knownNames: String { known.map(\.name).joined(separator: ", ") }

        public var isKnown: Bool {
            if case .unknown = self { return false }
            return true
        }
    }

    /// Exactly as written on the page, e.g. `array<string>` or `hstore_csv`.
    public var spelling: String
    public var base: Base
    public var isArray: Bool

    public var isKnown: Bool { base.isKnown }

    /// Parses `T` or `array<T>` where `T` is a lower-case identifier. Returns nil for text that does
    /// not follow the grammar at all (that is not a data type cell), so row classification can use it.
    public init?(parsing text: String) {
        let spelling = text
        var body = Substring(text)
        var isArray = false
        if body.hasPrefix("array<") && body.hasSuffix(">") {
            body = body.dropFirst("array<".count).dropLast()
            isArray = true
        }
        guard Self.isTypeName(body) else { return nil }
        self.spelling = spelling
        self.base = Base(name: String(body))
        self.isArray = isArray
    }

    private static func isTypeName(_ text: Substring) -> Bool {
        guard let first = text.utf8.first, (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(first) else {
            return false
        }
        return text.utf8.allSatisfy { c in
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(c)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(c)
                || c == UInt8(ascii: "_")
        }
    }
}
