/// What `schemagen diff` found, after `--ignore`, together with the threshold it is judged by: every
/// formatter reads this one value, so the text, JSON, markdown, GitHub and JUnit reports always agree
/// on what failed.
public struct DiffReport: Hashable, Sendable {
    /// In report order (table id, subject, rule).
    public var changes: [SchemaChange]
    /// How many findings the ignore list accepted; reported so accepted changes are not invisible.
    public var ignoredCount: Int
    public var failOn: FailThreshold

    public init(changes: [SchemaChange], ignoredCount: Int = 0, failOn: FailThreshold = .breaking) {
        self.changes = changes.sorted(by: SchemaChange.reportOrder)
        self.ignoredCount = ignoredCount
        self.failOn = failOn
    }

    /// Diffs two schemas and drops what `ignore` accepts; `unknownColumns` is the policy the outputs
    /// were generated with.
    public init(
        old: Schema, new: Schema, ignore: IgnoreList = IgnoreList(), failOn: FailThreshold = .breaking,
        unknownColumns: UnknownColumns = .ignore
    ) {
        let all = SchemaDiffer.diff(old: old, new: new, unknownColumns: unknownColumns)
        let kept = all.filter { !ignore.ignores($0) }
        self.init(changes: kept, ignoredCount: all.count - kept.count, failOn: failOn)
    }

    public func count(_ severity: ChangeSeverity) -> Int { changes.filter { $0.severity == severity }.count }

    public func fails(_ change: SchemaChange) -> Bool { failOn.isReached(by: change.severity) }

    /// Whether the run should exit 1.
    public var failed: Bool { changes.contains(where: fails) }

    /// `1 breaking, 0 warnings, 2 info (1 ignored)`.
    public var summaryLine: String {
        let warnings = count(.warning)
        var line = "\(count(.breaking)) breaking, \(warnings) warning\(warnings == 1 ? "" : "s"), \(count(.info)) info"
        if ignoredCount > 0 { line += " (\(ignoredCount) ignored)" }
        return line
    }

    /// Changes grouped by table, tables in id order, for the reports that group.
    var byTable: [(tableID: String, changes: [SchemaChange])] {
        var groups: [(tableID: String, changes: [SchemaChange])] = []
        for change in changes {
            if groups.last?.tableID == change.tableID {
                groups[groups.count - 1].changes.append(change)
            } else {
                groups.append((change.tableID, [change]))
            }
        }
        return groups
    }
}
