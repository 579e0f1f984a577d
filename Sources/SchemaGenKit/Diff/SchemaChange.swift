/// One finding of `schemagen diff`: which rule fired, where, and what the user should know.
///
/// Locations are kept for both sides so a CI annotation can point at the new page (where the fix or
/// the review happens) and a report can still say where a removed column used to be.
public struct SchemaChange: Hashable, Sendable, Codable {
    /// What a finding is about, which decides how reports group and sort it.
    public enum Subject: Hashable, Sendable, Codable, Comparable {
        case table
        case field(String)
        case queryParameter(String)

        /// Table-level findings first, then columns, then query parameters.
        private var rank: Int {
            switch self {
            case .table: 0
            case .field: 1
            case .queryParameter: 2
            }
        }

        public var name: String? {
            switch self {
            case .table: nil
            case .field(let name), .queryParameter(let name): name
            }
        }

        public static func < (lhs: Subject, rhs: Subject) -> Bool {
            (lhs.rank, lhs.name ?? "") < (rhs.rank, rhs.name ?? "")
        }
    }

    /// A column type as every generator sees it, so a type change can say what it does to each.
    public struct TypeForms: Hashable, Sendable, Codable {
        public var ddsql: String
        public var swift: String
        public var postgres: String
        public var sqlite: String
        public var jsonSchema: String

        public init(_ type: DataType) {
            ddsql = type.spelling
            swift = TypeMapping.swiftType(type) + "?"
            postgres = TypeMapping.postgresType(type)
            let (storage, check) = TypeMapping.sqliteType(type)
            switch check {
            case nil: sqlite = storage
            case .boolean: sqlite = "\(storage) (0 or 1)"
            case .json: sqlite = "\(storage) (JSON)"
            case .jsonObject: sqlite = "\(storage) (JSON object)"
            case .jsonArray: sqlite = "\(storage) (JSON array)"
            }
            jsonSchema = TypeMapping.jsonSchema(type).json
        }
    }

    public var rule: ChangeRule
    public var tableID: String
    public var subject: Subject
    public var message: String
    /// What the user probably wants to know or do (e.g. the likely rename), when there is something.
    public var hint: String?
    /// Where the subject is on the old side's page, if it exists there.
    public var oldLocation: SourceLocation?
    /// Where the subject is on the new side's page; for something removed, the new page's table id line.
    public var newLocation: SourceLocation?
    /// For type and shape changes: the column type before and after, in every output's terms.
    public var oldType: TypeForms?
    public var newType: TypeForms?

    public init(
        rule: ChangeRule, tableID: String, subject: Subject, message: String, hint: String? = nil,
        oldLocation: SourceLocation? = nil, newLocation: SourceLocation? = nil,
        oldType: TypeForms? = nil, newType: TypeForms? = nil
    ) {
        self.rule = rule
        self.tableID = tableID
        self.subject = subject
        self.message = message
        self.hint = hint
        self.oldLocation = oldLocation
        self.newLocation = newLocation
        self.oldType = oldType
        self.newType = newType
    }

    public var severity: ChangeSeverity { rule.severity }

    /// The location to point people at: the new page when there is one, else the old.
    public var location: SourceLocation? { newLocation ?? oldLocation }

    /// Report order: by table id, then subject, then rule catalogue order, then message.
    static func reportOrder(_ a: SchemaChange, _ b: SchemaChange) -> Bool {
        if a.tableID != b.tableID { return a.tableID < b.tableID }
        if a.subject != b.subject { return a.subject < b.subject }
        if a.rule.order != b.rule.order { return a.rule.order < b.rule.order }
        return a.message < b.message
    }
}
