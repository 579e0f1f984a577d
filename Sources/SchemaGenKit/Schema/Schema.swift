/// The intermediate schema: every table read from the inputs, sorted by id.
///
/// This is a published contract: `schemagen dump` writes it as JSON, and the diff, the templates and
/// users' own scripts read it. `version` changes whenever a reader would misread the JSON.
public struct Schema: Hashable, Sendable, Codable {
    /// The format version this build writes and reads.
    public static let formatVersion = 1

    public var version: Int
    public var tables: [Table]

    public init(tables: [Table]) {
        self.version = Schema.formatVersion
        self.tables = tables.sorted { $0.id < $1.id }
    }

    public func table(id: String) -> Table? {
        tables.first { $0.id == id }
    }
}
