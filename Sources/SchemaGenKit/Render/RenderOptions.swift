/// What a user can change about the generated code (through `schemagen.yml` or the command line),
/// threaded from the request through `Renderer` into the model builders.
///
/// The defaults reproduce schemagen's output without options. Table ids and column names are
/// matched exactly as written on the pages.
public struct RenderOptions: Sendable, Hashable {
    /// The Swift access level of generated declarations: `public`, `package` or `internal`.
    public var access: String
    /// Put in front of every generated type name (`DD` → `DDAWSEC2Instance`).
    public var typePrefix: String
    /// When set, every table type is declared inside this enum (`DDSQL.AWSEC2Instance`); the enum
    /// itself is declared in the support file.
    public var namespace: String?
    /// Type names chosen by the user, by table id; they win over the derived name and the prefix.
    public var typeNames: [String: String]
    /// Property names chosen by the user: table id → column → Swift name.
    public var propertyNames: [String: [String: String]]
    /// Swift types by DDSQL type spelling (`timestamp`, `array<string>`). A base type's override
    /// applies to the elements of its arrays too, unless the array spelling has its own.
    public var swiftTypes: [String: String]
    /// Swift types for single columns: table id → column → Swift type. Wins over `swiftTypes`.
    public var columnSwiftTypes: [String: [String: String]]
    /// Columns that must be present and non-null: table id → column names. They become
    /// non-optional in Swift, `NOT NULL` in SQL and `required` in JSON Schema.
    public var requiredColumns: [String: Set<String>]
    /// How the Swift files are named.
    public var swiftFileNames: SwiftFileNames
    /// `var` properties instead of `let` (`swift.mutable`). Off by default: each `var` gives the
    /// compiler a setter and a modify accessor to check, generate and serialize per column.
    public var mutable: Bool
    /// Whether a row with a column its page does not list is accepted (`unknownColumns`).
    public var unknownColumns: UnknownColumns
    /// Generated Swift also reads DDSQL API results (`swift.client`, `--swift-client`): each table type
    /// imports the `DDSQLClient` library and conforms to its `DDSQLRow`, `JSONValue` is the library's, and json
    /// columns are its `JSONText`.
    public var client: Bool

    public enum SwiftFileNames: String, Sendable, Hashable, CaseIterable {
        /// `swift/<TypeName>.swift` (the default).
        case type
        /// `swift/<page file name without extension>.swift`, so a build plugin can list the outputs
        /// from the page names alone, before anything is parsed.
        case page
        /// One file per service, `swift/<namespace>.<service>.swift` (`aws.ec2_instance` and
        /// `aws.ec2_volume` both go to `swift/aws.ec2.swift`), tables in id order. The Swift driver
        /// compiles in batches of 25 files and every batch parses the whole module, so a catalog in
        /// tens of files builds far faster than one in thousands.
        case service
    }

    public init(
        access: String = "public", typePrefix: String = "", namespace: String? = nil,
        typeNames: [String: String] = [:], propertyNames: [String: [String: String]] = [:],
        swiftTypes: [String: String] = [:], columnSwiftTypes: [String: [String: String]] = [:],
        requiredColumns: [String: Set<String>] = [:], swiftFileNames: SwiftFileNames = .type,
        mutable: Bool = false, unknownColumns: UnknownColumns = .ignore, client: Bool = false
    ) {
        self.access = access
        self.typePrefix = typePrefix
        self.namespace = namespace
        self.typeNames = typeNames
        self.propertyNames = propertyNames
        self.swiftTypes = swiftTypes
        self.columnSwiftTypes = columnSwiftTypes
        self.requiredColumns = requiredColumns
        self.swiftFileNames = swiftFileNames
        self.mutable = mutable
        self.unknownColumns = unknownColumns
        self.client = client
    }

    /// Whether the column must be present and non-null in every output.
    public func isRequired(table: String, column: String) -> Bool {
        requiredColumns[table]?.contains(column) ?? false
    }

    /// The non-optional Swift type of a column, overrides applied.
    public func swiftType(table: String, column: String, type: DataType) -> String {
        if let override = columnSwiftTypes[table]?[column] { return override }
        if let override = swiftTypes[type.spelling] { return override }
        if type.isArray, let element = swiftTypes[type.base.name] { return "[\(element)]" }
        return TypeMapping.swiftType(type, client: client)
    }

    /// The service a table belongs to: its id up to the first `_` after the namespace
    /// (`aws.ec2_instance` → `aws.ec2`, `dd.logs` → `dd.logs`).
    public static func serviceStem(tableID: String) -> String {
        let namespaceEnd = tableID.firstIndex(of: ".").map { tableID.index(after: $0) } ?? tableID.startIndex
        let end = tableID[namespaceEnd...].firstIndex(of: "_") ?? tableID.endIndex
        return String(tableID[..<end])
    }

    /// The output file name for a page path when Swift files are named after pages:
    /// `docs/aws.ec2_instance.md` → `aws.ec2_instance`.
    public static func pageStem(_ path: String) -> String {
        let file = path.split(separator: "/").last.map(String.init) ?? path
        guard let dot = file.lastIndex(of: "."), dot != file.startIndex else { return file }
        return String(file[..<dot])
    }
}
