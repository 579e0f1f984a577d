import Foundation

/// GitHub Actions workflow commands: each change becomes an annotation on the new page's line in the
/// pull request's "Files changed" view, so reviewers see the break where it happens.
///
/// Breaking changes are `::error`, warnings `::warning`, info `::notice`. A change with no location
/// on either side (which does not happen for pages, but can for hand-written schema JSON) is an
/// annotation without a file.
enum GitHubDiffFormatter {
    static func render(_ report: DiffReport) -> String {
        var out = ""
        for change in report.changes {
            let command: String
            switch change.severity {
            case .breaking: command = "error"
            case .warning: command = "warning"
            case .info: command = "notice"
            }
            var properties: [String] = []
            if let location = change.location {
                properties.append("file=" + property(location.file))
                properties.append("line=\(location.line)")
            }
            properties.append("title=" + property("schemagen \(change.rule.id) (\(change.tableID))"))
            var message = change.message
            if let hint = change.hint { message += "\nhint: \(hint)" }
            message += "\nbreaks: \(change.consumersText)"
            out += "::\(command) \(properties.joined(separator: ","))::\(data(message))\n"
        }
        out += "schemagen diff: \(report.summaryLine); "
        out +=
            report.failed
            ? "fails --fail-on \(report.failOn.rawValue)\n" : "passes --fail-on \(report.failOn.rawValue)\n"
        return out
    }

    /// The escaping GitHub's runner undoes in a command's message.
    static func data(_ text: String) -> String {
        text.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\r", with: "%0D")
            .replacingOccurrences(of: "\n", with: "%0A")
    }

    /// The escaping for a command's `key=value` properties, which also end at `,` and `:`.
    static func property(_ text: String) -> String {
        data(text).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
    }
}
