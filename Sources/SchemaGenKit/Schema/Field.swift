/// One column of a table, as the page's Fields table describes it.
public struct Field: Hashable, Sendable {
    /// The column name (the page's "ID" cell): `arn`, `_key`, `@http.status_code`.
    public var name: String
    /// Human words for the column; only aligned rows (and HTML pages) carry one.
    public var title: String?
    /// The page's "Type" cell: `core`, `event_attribute`, or another word we keep but warn about.
    public var variant: String
    public var dataType: DataType
    /// The description as written on the page (markdown, inline HTML and all), white space folded.
    public var description: String
    /// The page line the row is on, so the diff can point CI annotations at it.
    public var line: Int

    public init(
        name: String, title: String? = nil, variant: String, dataType: DataType,
        description: String, line: Int
    ) {
        self.name = name
        self.title = title
        self.variant = variant
        self.dataType = dataType
        self.description = description
        self.line = line
    }

    /// Variants seen on real pages; others are accepted with a warning.
    public static let knownVariants: Set<String> = ["core", "event_attribute"]
}

extension Field: Codable {
    private enum CodingKeys: String, CodingKey {
        case name, title, variant, dataType, baseType, isArray, description, line
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decode(String.self, forKey: .name)
        title = try c.decodeIfPresent(String.self, forKey: .title)
        variant = try c.decode(String.self, forKey: .variant)
        let spelling = try c.decode(String.self, forKey: .dataType)
        guard let parsed = DataType(parsing: spelling) else {
            throw DecodingError.dataCorruptedError(
                forKey: .dataType, in: c, debugDescription: "not a data type: \(spelling)")
        }
        dataType = parsed
        description = try c.decode(String.self, forKey: .description)
        line = try c.decode(Int.self, forKey: .line)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(name, forKey: .name)
        try c.encodeIfPresent(title, forKey: .title)
        try c.encode(variant, forKey: .variant)
        try c.encode(dataType.spelling, forKey: .dataType)
        // Derived from dataType, written out so scripts need not re-implement the grammar.
        try c.encode(dataType.base.name, forKey: .baseType)
        try c.encode(dataType.isArray, forKey: .isArray)
        try c.encode(description, forKey: .description)
        try c.encode(line, forKey: .line)
    }
}
