/// How bad a schema change is for people who generated code from the old schema. CI fails on a
/// threshold of these (`--fail-on`), so the order matters: info < warning < breaking.
public enum ChangeSeverity: String, Hashable, Sendable, Codable, Comparable, CaseIterable {
    /// Nothing that compiles, decodes or loads today stops doing so (new tables, reworded docs).
    case info
    /// Still works, but something a user may rely on moved (column order, deprecation, variants).
    case warning
    /// Code, rows or databases made from the old schema stop working with the new one.
    case breaking

    private var rank: Int {
        switch self {
        case .info: 0
        case .warning: 1
        case .breaking: 2
        }
    }

    public static func < (lhs: ChangeSeverity, rhs: ChangeSeverity) -> Bool { lhs.rank < rhs.rank }
}

/// The `--fail-on` threshold: the lowest severity that makes `schemagen diff` exit 1. `never` lets a
/// job report changes without ever failing on them.
public enum FailThreshold: String, Hashable, Sendable, Codable, CaseIterable {
    case breaking, warning, info, never

    public func isReached(by severity: ChangeSeverity) -> Bool {
        switch self {
        case .breaking: severity >= .breaking
        case .warning: severity >= .warning
        case .info: true
        case .never: false
        }
    }
}
