/// One DDSQL table: everything downstream (generators, diff) reads this and nothing else of a page.
public struct Table: Codable, Hashable, Sendable {
    /// `aws.ec2_instance`: namespace, a dot, name.
    public var id: String
    public var namespace: String
    public var name: String
    public var title: String
    /// The page's first paragraph, as written (markdown links and all), white space folded.
    public var summary: String
    /// The page carries the "no longer returns data" banner.
    public var deprecated: Bool
    /// The deprecation banner's text as plain words (`Deprecated: This table ... no longer returns data.`),
    /// white space folded; nil when the table is not deprecated or the banner has no text of its own.
    public var deprecationNotice: String?
    /// Where the table id is written on the page.
    public var source: SourceLocation
    /// In page order, which is not always alphabetical.
    public var fields: [Field]
    /// The parameters of a table function (`dd.logs(...)`); empty for a plain table.
    public var queryParameters: [QueryParameter]

    public init(
        id: String, title: String, summary: String, deprecated: Bool, source: SourceLocation,
        fields: [Field], queryParameters: [QueryParameter] = [], deprecationNotice: String? = nil
    ) {
        let parts = Table.split(id: id)
        self.id = id
        self.namespace = parts.namespace
        self.name = parts.name
        self.title = title
        self.summary = summary
        self.deprecated = deprecated
        self.deprecationNotice = deprecated ? deprecationNotice : nil
        self.source = source
        self.fields = fields
        self.queryParameters = queryParameters
    }

    /// Whether any column's base type is `base` (the SQL catalog asks whether it needs `hstore`).
    public func hasColumn(ofBase base: DataType.Base) -> Bool {
        fields.contains { $0.dataType.base == base }
    }

    /// `aws.ec2_instance` → (`aws`, `ec2_instance`); the namespace ends at the first dot.
    public static func split(id: String) -> (namespace: String, name: String) {
        guard let dot = id.firstIndex(of: ".") else { return ("", id) }
        return (String(id[..<dot]), String(id[id.index(after: dot)...]))
    }
}
