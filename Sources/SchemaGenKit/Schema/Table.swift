/// One DDSQL table: everything downstream (generators, diff) reads this and nothing else of a page.
public struct Table: Hashable, Sendable {
    /// `aws.ec2_instance`: namespace, a dot, name.
    public var id: String
    public var namespace: String
    public var name: String
    public var title: String
    /// The page's first paragraph, as written (markdown links and all), white space folded.
    public var summary: String
    public var deprecated: Bool
    /// Where the table id is written on the page.
    public var source: SourceLocation
    /// In page order, which is not always alphabetical.
    public var fields: [Field] {
        get { fieldList.fields }
        set { fieldList = FieldList(newValue) }
        _modify { yield &fieldList.fields }
    }
    public var queryParameters: [QueryParameter]
    /// A table read back from the parse cache decodes its fields when a stage first reads them.
    var fieldList: FieldList

    public init(
        id: String, title: String, summary: String, deprecated: Bool, source: SourceLocation,
        fields: [Field], queryParameters: [QueryParameter] = []
    ) {
        self.init(
            id: id, title: title, summary: summary, deprecated: deprecated, source: source,
            fieldList: FieldList(fields), queryParameters: queryParameters)
    }

    init(
        id: String, title: String, summary: String, deprecated: Bool, source: SourceLocation,
        fieldList: FieldList, queryParameters: [QueryParameter]
    ) {
        self.id = id
        let parts = Table.split(id: id)
        self.namespace = parts.namespace
        self.name = parts.name
        self.title = title
        self.summary = summary
        self.deprecated = deprecated
        self.source = source
        self.fieldList = fieldList
        self.queryParameters = queryParameters
    }

    /// The number of columns, known without decoding a cached table's fields.
    public var fieldCount: Int { fieldList.count }

    /// Whether any column's base type is `base`: the SQL catalog asks every table whether it needs
    /// `hstore`, which for a cached table is answered without decoding its fields.
    public func hasColumn(ofBase base: DataType.Base) -> Bool { fieldList.contains(base: base) }

    /// `aws.ec2_instance` → (`aws`, `ec2_instance`); the namespace ends at the first dot.
    public static func split(id: String) -> (namespace: String, name: String) {
        guard let dot = id.firstIndex(of: ".") else { return ("", id) }
        return (String(id[..<dot]), String(id[id.index(after: dot)...]))
    }
}

extension Table: Codable {
    private enum CodingKeys: String, CodingKey {
        case id, namespace, name, title, summary, deprecated, source, fields, queryParameters
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        namespace = try c.decode(String.self, forKey: .namespace)
        name = try c.decode(String.self, forKey: .name)
        title = try c.decode(String.self, forKey: .title)
        summary = try c.decode(String.self, forKey: .summary)
        deprecated = try c.decode(Bool.self, forKey: .deprecated)
        source = try c.decode(SourceLocation.self, forKey: .source)
        fieldList = FieldList(try c.decode([Field].self, forKey: .fields))
        queryParameters = try c.decode([QueryParameter].self, forKey: .queryParameters)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(namespace, forKey: .namespace)
        try c.encode(name, forKey: .name)
        try c.encode(title, forKey: .title)
        try c.encode(summary, forKey: .summary)
        try c.encode(deprecated, forKey: .deprecated)
        try c.encode(source, forKey: .source)
        try c.encode(fields, forKey: .fields)
        try c.encode(queryParameters, forKey: .queryParameters)
    }
}
