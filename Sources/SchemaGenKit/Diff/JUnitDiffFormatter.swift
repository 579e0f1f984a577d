/// JUnit XML, which most CI systems (GitLab, Jenkins, Buildkite, GitHub test-report actions) show as
/// test results: one suite per table, one test case per change, failed when it reaches `--fail-on`.
enum JUnitDiffFormatter {
    static func render(_ report: DiffReport) -> String {
        let failures = report.changes.filter(report.fails).count
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<testsuites name=\"schemagen diff\" tests=\"\(report.changes.count)\" failures=\"\(failures)\">\n"
        for group in report.byTable {
            let groupFailures = group.changes.filter(report.fails).count
            out +=
                "  <testsuite name=\"\(escape(group.tableID))\" tests=\"\(group.changes.count)\" failures=\"\(groupFailures)\">\n"
            for change in group.changes {
                var attributes =
                    "classname=\"\(escape(change.tableID))\" name=\"\(escape(change.rule.id + " " + change.subjectText))\""
                if let location = change.location {
                    attributes += " file=\"\(escape(location.file))\" line=\"\(location.line)\""
                }
                out += "    <testcase \(attributes)>\n"
                var body = "\(change.severity.rawValue): \(change.message)"
                if let hint = change.hint { body += "\nhint: \(hint)" }
                body += "\nbreaks: \(change.consumersText)"
                if let location = change.location { body += "\nat: \(location.description)" }
                if report.fails(change) {
                    out +=
                        "      <failure type=\"\(change.severity.rawValue)\" message=\"\(escape(change.message))\">"
                        + escape(body) + "</failure>\n"
                } else {
                    out += "      <system-out>\(escape(body))</system-out>\n"
                }
                out += "    </testcase>\n"
            }
            out += "  </testsuite>\n"
        }
        out += "</testsuites>\n"
        return out
    }

    /// XML text and attribute escaping; characters XML 1.0 cannot hold at all become U+FFFD.
    static func escape(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\n", "\t": out.unicodeScalars.append(scalar)
            case "\r": out += "&#13;"
            default:
                let v = scalar.value
                if v < 0x20 || v == 0xFFFE || v == 0xFFFF {
                    out += "\u{FFFD}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }
}
