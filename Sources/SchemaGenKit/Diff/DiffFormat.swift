/// The report formats of `schemagen diff`, one per audience: people at a terminal, scripts, pull
/// request comments, GitHub Actions annotations, and CI test-report viewers.
public enum DiffFormat: String, Hashable, Sendable, CaseIterable {
    case text, json, markdown, github, junit

    public func render(_ report: DiffReport) -> String {
        switch self {
        case .text: TextDiffFormatter.render(report)
        case .json: JSONDiffFormatter.render(report)
        case .markdown: MarkdownDiffFormatter.render(report)
        case .github: GitHubDiffFormatter.render(report)
        case .junit: JUnitDiffFormatter.render(report)
        }
    }
}

extension SchemaChange {
    /// `Swift source, JSON wire, SQL`, or `no generated code` when nothing breaks.
    var consumersText: String {
        rule.consumers.isEmpty ? "no generated code" : rule.consumers.map(\.displayName).joined(separator: ", ")
    }

    /// `tags` for a column, `query parameter filter` for a parameter, `table` for the table itself.
    var subjectText: String {
        switch subject {
        case .table: "table"
        case .field(let name): name
        case .queryParameter(let name): "query parameter \(name)"
        }
    }
}
