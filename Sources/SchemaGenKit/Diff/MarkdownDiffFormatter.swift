import Foundation

/// The report for a pull-request comment: a heading with the verdict and one table row per change.
enum MarkdownDiffFormatter {
    static func render(_ report: DiffReport) -> String {
        var out = "### schemagen diff: "
        out += report.changes.isEmpty ? "no schema changes" : report.summaryLine
        out += "\n\n"
        out +=
            report.failed
            ? "**Fails** `--fail-on \(report.failOn.rawValue)`.\n"
            : "Passes `--fail-on \(report.failOn.rawValue)`.\n"
        if !report.changes.isEmpty {
            out += "\n| Severity | Rule | Table | Subject | Change | Breaks | Where |\n"
            out += "|---|---|---|---|---|---|---|\n"
            for change in report.changes {
                var text = cell(change.message)
                if let hint = change.hint { text += "<br>_Hint:_ " + cell(hint) }
                let severity = report.fails(change) ? "**\(change.severity.rawValue)**" : change.severity.rawValue
                let cells = [
                    severity, "`\(change.rule.id)`", code(change.tableID), code(change.subjectText), text,
                    change.consumersText, change.location.map { code($0.file) + " line \($0.line)" } ?? "",
                ]
                out += "| " + cells.joined(separator: " | ") + " |\n"
            }
        }
        if report.ignoredCount > 0 { out += "\n\(report.ignoredCount) accepted by the ignore file.\n" }
        return out
    }

    /// Text safe inside one table cell: pipes escaped, line breaks and HTML-ish brackets neutralised.
    static func cell(_ text: String) -> String {
        var out = ""
        for ch in text {
            switch ch {
            case "|": out += "\\|"
            case "\n", "\r": out += " "
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            default: out.append(ch)
            }
        }
        return out
    }

    /// An inline code span that survives backticks and pipes in the text.
    static func code(_ text: String) -> String {
        let clean = text.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
        let fence = clean.contains("`") ? "`` " : "`"
        let close = clean.contains("`") ? " ``" : "`"
        return fence + clean + close
    }
}
