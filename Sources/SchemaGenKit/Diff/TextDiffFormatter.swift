/// The default report: grouped by table, one block per change, readable in a terminal or a CI log.
enum TextDiffFormatter {
    static func render(_ report: DiffReport) -> String {
        var out = ""
        if report.changes.isEmpty { out += "No schema changes.\n" }
        for (index, group) in report.byTable.enumerated() {
            if index > 0 { out += "\n" }
            out += "\(group.tableID)\n"
            for change in group.changes {
                var head = "  \(change.severity.rawValue): \(change.rule.id)"
                if let location = change.location { head += " at \(location.description)" }
                out += head + "\n"
                out += "    \(change.message)\n"
                if let hint = change.hint { out += "    hint: \(hint)\n" }
                out += "    breaks: \(change.consumersText)\n"
            }
        }
        if !report.changes.isEmpty { out += "\n" }
        out += report.summaryLine + "; "
        out +=
            report.failed
            ? "fails --fail-on \(report.failOn.rawValue)\n"
            : "passes --fail-on \(report.failOn.rawValue)\n"
        return out
    }
}
