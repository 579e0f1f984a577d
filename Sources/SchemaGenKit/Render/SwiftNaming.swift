import Foundation

/// Swift names for tables and columns: UpperCamelCase types (`AWSEC2Instance`), lowerCamelCase
/// properties (`httpStatusCode` for `@http.status_code`), keywords escaped, never a leading digit.
///
/// Collisions after sanitising are resolved by the caller (`NameAllocator`), deterministically.
public enum SwiftNaming {
    /// Words written in capitals inside type names, as AWS, GCP and Swift's own APIs spell them.
    public static let acronyms: Set<String> = [
        "acl", "ad", "ai", "api", "arn", "aws", "cdn", "cpu", "crl", "csv", "db", "dd", "dns", "ec2",
        "ecr", "ecs", "efs", "eks", "elb", "emr", "gcp", "gpu", "http", "https", "iam", "id", "io", "ip",
        "json", "kms", "lb", "nat", "nsg", "oci", "os", "rds", "s3", "sdk", "ses", "sku", "sms", "sns", "sql",
        "sqs", "ssh", "ssl", "tcp", "tls", "ttl", "udp", "uid", "uri", "url", "uuid", "vm", "vpc", "vpn", "waf",
        "xml",
    ]

    /// Identifiers that must be backquoted to be used as a property or case name.
    public static let keywords: Set<String> = [
        "associatedtype", "borrowing", "break", "case", "catch", "class", "consuming", "continue", "default",
        "defer", "deinit", "do", "else", "enum", "extension", "fallthrough", "false", "fileprivate", "for",
        "func", "guard", "if", "import", "in", "init", "inout", "internal", "is", "let", "nil", "operator",
        "precedencegroup", "private", "protocol", "public", "repeat", "rethrows", "return", "self", "Self",
        "static", "struct", "subscript", "super", "switch", "throw", "throws", "true", "try", "typealias",
        "var", "where", "while", "Any", "as", "await", "any", "some", "Type", "Protocol", "package", "macro",
        "nonisolated", "isolated", "actor", "async", "each",
    ]

    /// Member names that backquotes cannot rescue: they clash with what every generated struct already
    /// has (`self`, `init`, `Type`, Hashable's `hashValue`, the `tableID` and `_columns` we emit).
    /// These get an underscore suffix instead.
    public static let reservedMembers: Set<String> = [
        "self", "Self", "init", "deinit", "super", "Type", "Protocol", "hashValue", "tableID", "CodingKeys", "_columns",
        "columns", "allColumns",
    ]

    /// Type names a table never gets: schemagen's support types, keywords that name types, and the
    /// standard types generated code refers to, which a table's type would shadow.
    public static let reservedTypeNames: Set<String> = [
        "JSONValue", "DDSQLJSON", "Self", "Type", "Protocol", "Any", "AnyObject", "Sendable", "Codable",
        "Encodable", "Decodable", "Hashable", "Equatable", "CodingKey", "Encoder", "Decoder", "DecodingError",
        "EncodingError", "Error", "Never", "Void", "Optional", "Array", "Dictionary", "Set", "String", "Int",
        "Int64", "Double", "Bool", "Date", "Data", "URL", "UUID", "Decimal", "Foundation", "JSONDecoder",
        "JSONEncoder", "Swift", "Hasher", "KeyedEncodingContainer", "KeyedDecodingContainer",
        // The DDSQLClient library and the names generated client code uses from it (`swift.client`); reserved
        // whether or not the option is on, so turning it on renames no type.
        "DDSQLClient", "DDSQLGeneratedRow", "DDSQLRow", "DDSQLRowReader", "DDSQLColumn", "DDSQLColumnType",
        "DDSQLQuery", "DDSQLArgument", "DDSQLError", "DDSQLQueryClient", "DDSQLValue", "DDSQLCell", "JSONText",
    ]

    /// `aws.ec2_instance` → `AWSEC2Instance`.
    public static func typeName(tableID: String) -> String {
        var name: [UInt8] = []
        for word in splitWords(tableID) { appendCapitalized(word, to: &name) }
        if name.isEmpty { return "Table" }
        if isDigit(name[0]) { name.insert(UInt8(ascii: "T"), at: 0) }
        return String(decoding: name, as: UTF8.self)
    }

    /// `@http.status_code` → `httpStatusCode`, `_key` → `key`, `protocol` → `` `protocol` ``,
    /// `self` → `self_`, `1st` → `_1st`, `@@@` → `field`.
    public static func propertyName(column: String) -> String {
        var name: [UInt8] = []
        for (i, word) in splitWords(column).enumerated() {
            if i == 0 {
                name.append(lowercased(word[word.startIndex]))
                name.append(contentsOf: word.dropFirst())
            } else {
                appendCapitalized(word, to: &name)
            }
        }
        if name.isEmpty { return "field" }
        if isDigit(name[0]) { name.insert(UInt8(ascii: "_"), at: 0) }
        let text = String(decoding: name, as: UTF8.self)
        return reservedMembers.contains(text) ? text + "_" : text
    }

    /// `ec2` → `EC2`, `apis` → `APIs`, `instance` → `Instance`.
    static func capitalized(_ word: String) -> String {
        var out: [UInt8] = []
        appendCapitalized(ArraySlice(word.utf8), to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends `word` (ASCII letters and digits) capitalised, or in capitals when it is an acronym.
    private static func appendCapitalized(_ word: ArraySlice<UInt8>, to out: inout [UInt8]) {
        guard let first = word.first else { return }
        if isAcronym(word) {
            out.append(contentsOf: word.map(uppercased))
        } else if lowercased(word.last!) == UInt8(ascii: "s"), isAcronym(word.dropLast()) {
            out.append(contentsOf: word.dropLast().map(uppercased))
            out.append(UInt8(ascii: "s"))
        } else {
            out.append(uppercased(first))
            out.append(contentsOf: word.dropFirst())
        }
    }

    /// The acronyms packed as lower-case bytes into integers (all are at most eight letters): a
    /// word is looked up without making a string of it, once per word of every table and column name.
    private static let packedAcronyms: Set<UInt64> = Set(acronyms.compactMap { packed(ArraySlice($0.utf8)) })

    /// Up to eight bytes, lower-cased, in one integer; nil for longer words.
    private static func packed(_ word: ArraySlice<UInt8>) -> UInt64? {
        guard word.count <= 8 else { return nil }
        var value: UInt64 = 0
        for byte in word { value = value << 8 | UInt64(lowercased(byte)) }
        return value
    }

    private static func isAcronym(_ word: ArraySlice<UInt8>) -> Bool {
        guard !word.isEmpty, let key = packed(word) else { return false }
        return packedAcronyms.contains(key)
    }

    /// Splits on anything that is not an ASCII letter or digit (after folding `ü` to `u`); keeps
    /// inner capitals. Words are UTF-8 bytes, all ASCII.
    static func splitWords(_ text: String) -> [ArraySlice<UInt8>] {
        let folded =
            text.utf8.allSatisfy { $0 < 0x80 }
            ? text : text.folding(options: [.diacriticInsensitive, .widthInsensitive], locale: nil)
        let bytes = Array(folded.utf8)
        var words: [ArraySlice<UInt8>] = []
        var start: Int?
        for (i, byte) in bytes.enumerated() {
            if isDigit(byte) || isLetter(byte) {
                if start == nil { start = i }
            } else if let first = start {
                words.append(bytes[first..<i])
                start = nil
            }
        }
        if let first = start { words.append(bytes[first...]) }
        return words
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
    private static func isLetter(_ byte: UInt8) -> Bool {
        (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z")
    }
    private static func lowercased(_ byte: UInt8) -> UInt8 { byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte }
    private static func uppercased(_ byte: UInt8) -> UInt8 { byte >= 0x61 && byte <= 0x7A ? byte & ~0x20 : byte }

    /// The name as written in Swift source: backquoted when it is a keyword.
    public static func escaped(_ name: String) -> String {
        keywords.contains(name) ? "`\(name)`" : name
    }
}

/// Hands out unique names in a fixed order: the first claimant keeps the name, later ones get `2`,
/// `3`, ... So the result depends only on the order of the input, which is page order or sorted ids.
struct NameAllocator {
    private var taken: Set<String> = []
    private let caseInsensitive: Bool

    /// - Parameter caseInsensitive: compare ignoring case, for names that become file names
    ///   (macOS file systems do not tell `AWSFoo.swift` from `AwsFoo.swift`).
    /// - Parameter capacity: how many names will be claimed, so the set is not grown claim by claim.
    init(caseInsensitive: Bool = false, reserved: Set<String> = [], capacity: Int = 0) {
        self.caseInsensitive = caseInsensitive
        taken.reserveCapacity(capacity + reserved.count)
        for name in reserved { taken.insert(caseInsensitive ? OutputPathCheck.foldedKey(name) : name) }
    }

    /// Returns `wanted` or the first free `wanted2`, `wanted3`, ..., and whether it had to change.
    mutating func claim(_ wanted: String) -> (name: String, changed: Bool) {
        var candidate = wanted
        var n = 2
        while !taken.insert(caseInsensitive ? OutputPathCheck.foldedKey(candidate) : candidate).inserted {
            candidate = "\(wanted)\(n)"
            n += 1
        }
        return (candidate, n > 2)
    }

}
