import Foundation

/// The report for scripts: stable JSON (sorted keys, changes in report order), versioned like the
/// schema dump so a reader can refuse a format it does not know. Documentation/Commands.md documents every key.
enum JSONDiffFormatter {
    /// Bumped whenever a reader would misread the output.
    static let version = 1

    struct Document: Encodable {
        var version: Int
        var failOn: String
        var failed: Bool
        var summary: Summary
        var changes: [Change]
    }

    struct Summary: Encodable {
        var breaking: Int
        var warning: Int
        var info: Int
        var ignored: Int
    }

    struct Change: Encodable {
        var rule: String
        var severity: String
        var fails: Bool
        var consumers: [String]
        var table: String
        var field: String?
        var queryParameter: String?
        var message: String
        var hint: String?
        var old: SourceLocation?
        var new: SourceLocation?
        var oldType: SchemaChange.TypeForms?
        var newType: SchemaChange.TypeForms?
    }

    static func render(_ report: DiffReport) -> String {
        let document = Document(
            version: version, failOn: report.failOn.rawValue, failed: report.failed,
            summary: Summary(
                breaking: report.count(.breaking), warning: report.count(.warning), info: report.count(.info),
                ignored: report.ignoredCount),
            changes: report.changes.map { change in
                var field: String?
                var parameter: String?
                switch change.subject {
                case .table: break
                case .field(let name): field = name
                case .queryParameter(let name): parameter = name
                }
                return Change(
                    rule: change.rule.id, severity: change.severity.rawValue, fails: report.fails(change),
                    consumers: change.rule.consumers.map(\.rawValue), table: change.tableID, field: field,
                    queryParameter: parameter, message: change.message, hint: change.hint,
                    old: change.oldLocation, new: change.newLocation, oldType: change.oldType, newType: change.newType)
            })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // Strings, numbers and booleans only: encoding cannot fail.
        let data = (try? encoder.encode(document)) ?? Data()
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
