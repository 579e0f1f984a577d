/// The three kinds of code generated from a schema, named so a finding can say whom it breaks: a team
/// that only ships JSON does not care that a Swift initializer's parameter order moved.
public enum ChangeConsumer: String, Hashable, Sendable, Codable, CaseIterable, Comparable {
    /// Swift source compiled against the generated structs (`swift/*.swift`).
    case swift
    /// Rows on the wire: JSON decoded by the structs or checked by the JSON Schemas.
    case json
    /// SQL: databases made from `postgres.sql`/`sqlite.sql`, and queries against the tables.
    case sql

    /// Words for people, used by the text and markdown reports.
    public var displayName: String {
        switch self {
        case .swift: "Swift source"
        case .json: "JSON wire"
        case .sql: "SQL"
        }
    }

    public static func < (lhs: ChangeConsumer, rhs: ChangeConsumer) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
