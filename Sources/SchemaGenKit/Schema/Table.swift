/// One DDSQL table: everything downstream (generators, diff) reads this and nothing else of a page.
public struct Table: Sendable {
    /// `aws.ec2_instance`: namespace, a dot, name.
    public var id: String {
        get { storage.id }
        set { unique().id = newValue }
    }
    public var namespace: String {
        get { storage.namespace }
        set { unique().namespace = newValue }
    }
    public var name: String {
        get { storage.name }
        set { unique().name = newValue }
    }
    public var title: String {
        get { storage.title }
        set { unique().title = newValue }
    }
    /// The page's first paragraph, as written (markdown links and all), white space folded.
    public var summary: String {
        get { storage.summary }
        set { unique().summary = newValue }
    }
    public var deprecated: Bool {
        get { storage.deprecated }
        set { unique().deprecated = newValue }
    }
    /// Where the table id is written on the page.
    public var source: SourceLocation {
        get { storage.source }
        set { unique().source = newValue }
    }
    /// In page order, which is not always alphabetical.
    public var fields: [Field] {
        get { storage.fieldList.fields }
        set { unique().fieldList = FieldList(newValue) }
        _modify { yield &unique().fieldList.fields }
    }
    public var queryParameters: [QueryParameter] {
        get { storage.queryParameters }
        set { unique().queryParameters = newValue }
        _modify { yield &unique().queryParameters }
    }
    /// A table read back from the parse cache decodes its fields when a stage first reads them.
    var fieldList: FieldList { storage.fieldList }

    /// The values, shared by copies of the table until one of them changes: a table is copied
    /// dozens of times on its way through the stages, and copying one reference is cheaper than
    /// copying nine values.
    private var storage: Storage

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
        let parts = Table.split(id: id)
        storage = Storage(
            id: id, namespace: parts.namespace, name: parts.name, title: title, summary: summary,
            deprecated: deprecated, source: source, fieldList: fieldList, queryParameters: queryParameters)
    }

    private mutating func unique() -> Storage {
        if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
        return storage
    }

    /// Changed only through `unique()`, so never while another table shares it.
    private final class Storage: @unchecked Sendable {
        var id: String
        var namespace: String
        var name: String
        var title: String
        var summary: String
        var deprecated: Bool
        var source: SourceLocation
        var fieldList: FieldList
        var queryParameters: [QueryParameter]

        init(
            id: String, namespace: String, name: String, title: String, summary: String, deprecated: Bool,
            source: SourceLocation, fieldList: FieldList, queryParameters: [QueryParameter]
        ) {
            self.id = id
            self.namespace = namespace
            self.name = name
            self.title = title
            self.summary = summary
            self.deprecated = deprecated
            self.source = source
            self.fieldList = fieldList
            self.queryParameters = queryParameters
        }

        func copy() -> Storage {
            Storage(
                id: id, namespace: namespace, name: name, title: title, summary: summary, deprecated: deprecated,
                source: source, fieldList: fieldList, queryParameters: queryParameters)
        }
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

extension Table: Hashable {
    public static func == (a: Table, b: Table) -> Bool {
        if a.storage === b.storage { return true }
        return a.id == b.id && a.namespace == b.namespace && a.name == b.name && a.title == b.title
            && a.summary == b.summary && a.deprecated == b.deprecated && a.source == b.source
            && a.fieldList == b.fieldList && a.queryParameters == b.queryParameters
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(id)
        hasher.combine(namespace)
        hasher.combine(name)
        hasher.combine(title)
        hasher.combine(summary)
        hasher.combine(deprecated)
        hasher.combine(source)
        hasher.combine(fieldList)
        hasher.combine(queryParameters)
    }
}

extension Table: Codable {
    private enum CodingKeys: String, CodingKey {
        case id, namespace, name, title, summary, deprecated, source, fields, queryParameters
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        storage = Storage(
            id: try c.decode(String.self, forKey: .id), namespace: try c.decode(String.self, forKey: .namespace),
            name: try c.decode(String.self, forKey: .name), title: try c.decode(String.self, forKey: .title),
            summary: try c.decode(String.self, forKey: .summary), deprecated: try c.decode(Bool.self, forKey: .deprecated),
            source: try c.decode(SourceLocation.self, forKey: .source),
            fieldList: FieldList(try c.decode([Field].self, forKey: .fields)),
            queryParameters: try c.decode([QueryParameter].self, forKey: .queryParameters))
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
