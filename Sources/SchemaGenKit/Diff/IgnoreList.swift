import Foundation

/// Changes a team has looked at and accepted (`schemagen diff --ignore FILE`), so CI stays red only
/// for new surprises. Kept in a plain text file next to the pipeline, reviewed like code.
///
/// One entry per line, `#` starts a comment:
/// - `RULE-ID`: accept that rule everywhere (`field-description-changed`);
/// - `TABLE[:COLUMN]`: accept every change to a table, or to one column or query parameter of it
///   (`aws.docdb_subnet_group:tags`); `*` matches any run of characters and `?` one;
/// - `RULE-ID TABLE[:COLUMN]`: accept one rule there only.
public struct IgnoreList: Hashable, Sendable {
    public struct Entry: Hashable, Sendable {
        public var ruleID: String?
        public var tablePattern: String?
        public var subjectPattern: String?
        public var line: Int
    }

    public var entries: [Entry]

    public init(entries: [Entry] = []) {
        self.entries = entries
    }

    /// Reads a list; every problem is an error diagnostic pointing at its line, so a typo in the file
    /// stops the run instead of silently accepting (or not accepting) changes.
    public static func parse(_ text: String, path: String) -> (list: IgnoreList, diagnostics: [Diagnostic]) {
        var entries: [Entry] = []
        var diagnostics: [Diagnostic] = []
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let lineNumber = index + 1
            let content = rawLine.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            let words = content.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" }).map(String.init)
            guard !words.isEmpty else { continue }
            let at = SourceLocation(file: path, line: lineNumber)
            func pattern(_ word: String) -> (String, String?) {
                guard let colon = word.firstIndex(of: ":") else { return (word, nil) }
                return (String(word[..<colon]), String(word[word.index(after: colon)...]))
            }
            switch words.count {
            case 1 where ChangeRule.rule(id: words[0]) != nil:
                entries.append(Entry(ruleID: words[0], line: lineNumber))
            case 1:
                let word = words[0]
                if !word.contains(where: { ".*?:".contains($0) }) {
                    diagnostics.append(
                        .error(
                            "`\(word)` is neither a rule id nor a table pattern (table ids have a dot, e.g. aws.ec2_instance); rules: \(ChangeRule.all.map(\.id).joined(separator: ", "))",
                            at: at))
                    continue
                }
                let (table, subject) = pattern(word)
                entries.append(Entry(tablePattern: table, subjectPattern: subject, line: lineNumber))
            case 2:
                guard ChangeRule.rule(id: words[0]) != nil else {
                    diagnostics.append(.error("unknown rule id `\(words[0])`", at: at))
                    continue
                }
                let (table, subject) = pattern(words[1])
                entries.append(Entry(ruleID: words[0], tablePattern: table, subjectPattern: subject, line: lineNumber))
            default:
                diagnostics.append(
                    .error(
                        "expected `RULE-ID`, `TABLE[:COLUMN]` or `RULE-ID TABLE[:COLUMN]`, found \(words.count) words",
                        at: at))
            }
        }
        return (IgnoreList(entries: entries), diagnostics)
    }

    /// Reads the file at `path`; an unreadable file is an error like a malformed one.
    public static func load(path: String) -> (list: IgnoreList, diagnostics: [Diagnostic]) {
        guard let data = FileManager.default.contents(atPath: path) else {
            return (IgnoreList(), [.error("cannot read ignore file \(path)")])
        }
        guard let text = String(data: data, encoding: .utf8) else {
            return (IgnoreList(), [.error("ignore file is not UTF-8", at: SourceLocation(file: path, line: 1))])
        }
        return parse(text, path: path)
    }

    public func ignores(_ change: SchemaChange) -> Bool {
        entries.contains { entry in
            if let rule = entry.ruleID, rule != change.rule.id { return false }
            if let table = entry.tablePattern, !Glob.matches(table, change.tableID) { return false }
            if let subject = entry.subjectPattern {
                guard let name = change.subject.name, Glob.matches(subject, name) else { return false }
            }
            return true
        }
    }
}
