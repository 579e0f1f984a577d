/// The tables to generate when not all of them: `tables:` in `schemagen.yml`, or `--table` (repeatable)
/// on `generate` and `check`, which replaces the file's list.
///
/// Each entry is a table id (`aws.ec2_instance`) or a pattern (`aws.*`): in a pattern `*` matches any run
/// of characters, the empty run and dots included, `?` matches exactly one character, and every other
/// character matches itself, case-sensitively (ids are matched exactly as the pages write them). A pattern
/// covers the whole id: `aws.*` is every table of namespace `aws`, `*_instance` every id ending so, `*`
/// every table. A table is selected when any entry matches its id.
///
/// Every entry must match at least one table the inputs define: a name or pattern that matches none is an
/// error (at its line and column when it comes from the config file), with the closest id when there is
/// one, so a typo or a table Datadog removed never silently shrinks the output.
///
/// Selection happens after the whole schema is loaded: every page is still parsed and checked (an error in
/// a page that is not selected still fails the run, and duplicate ids are found across all pages), and
/// config names (`required`, `swift.typeNames`, ...) are checked against every table, not only the
/// selected ones.
public struct TableSelection: Sendable, Hashable {
    /// One id or pattern as the user wrote it.
    public struct Entry: Sendable, Hashable {
        public var text: String
        /// Where the config file writes it; nil for `--table`.
        public var location: SourceLocation?

        public init(_ text: String, location: SourceLocation? = nil) {
            self.text = text
            self.location = location
        }

        /// Whether the entry has a wildcard (`*` or `?`), rather than naming one table.
        public var isPattern: Bool { Glob.isPattern(text) }

        /// Whether the entry matches table id `id` (the whole id).
        public func matches(_ id: String) -> Bool {
            isPattern ? Glob.matches(text, id) : text == id
        }
    }

    /// Where a selection comes from, for messages.
    public enum Origin: Sendable, Hashable {
        /// `tables:` in a config file.
        case config
        /// `--table` options.
        case commandLine

        /// How messages name it: `` `tables` `` or `` `--table` ``.
        var name: String {
            switch self {
            case .config: "`tables`"
            case .commandLine: "`--table`"
            }
        }
    }

    public var entries: [Entry]
    public var origin: Origin

    public init(entries: [Entry], origin: Origin) {
        self.entries = entries
        self.origin = origin
    }

    /// The selection given by `--table` options, in order.
    public init(commandLine: [String]) {
        self.init(entries: commandLine.map { Entry($0) }, origin: .commandLine)
    }

    /// Whether table `id` is selected.
    public func contains(_ id: String) -> Bool {
        entries.contains { $0.matches(id) }
    }

    /// The schema with only the selected tables, and the problems with the selection: an error for each
    /// entry that matches no table of `schema`, a warning for an entry written twice.
    public func select(from schema: Schema) -> (schema: Schema, diagnostics: [Diagnostic]) {
        let ids = schema.tables.map(\.id)
        var diagnostics: [Diagnostic] = []
        var seen: Set<String> = []
        for entry in entries {
            if !seen.insert(entry.text).inserted {
                diagnostics.append(.warning("\(origin.name) lists `\(entry.text)` twice", at: entry.location))
                continue
            }
            guard !ids.contains(where: entry.matches) else { continue }
            diagnostics.append(.error(unmatchedMessage(entry, ids: ids), at: entry.location))
        }
        return (Schema(tables: schema.tables.filter { contains($0.id) }), diagnostics)
    }

    private func unmatchedMessage(_ entry: Entry, ids: [String]) -> String {
        var message =
            entry.isPattern
            ? "\(origin.name) pattern `\(entry.text)` matches no table the inputs define"
            : "\(origin.name) names table `\(entry.text)`, which no input defines"
        let suggestions = Self.suggestions(for: entry, ids: ids)
        if !suggestions.isEmpty {
            message += " (did you mean " + suggestions.map { "`\($0)`" }.joined(separator: " or ") + "?)"
        } else if entry.text.contains(",") {
            message +=
                origin == .commandLine
                ? " (give each table its own `--table`; a comma does not separate them)"
                : " (write each table as its own list item: `tables: [aws.ec2_instance, gcp.run_revision]`)"
        }
        return message
    }

    /// Close ids (or patterns) for an entry that matches nothing, best first, at most three.
    static func suggestions(for entry: Entry, ids: [String]) -> [String] {
        let text = entry.text
        if entry.isPattern {
            // A pattern in the wrong case (`AWS.*`), or with a misspelt namespace (`asw.*`).
            let lowered = text.lowercased()
            if lowered != text, ids.contains(where: { Glob.matches(lowered, $0) }) { return [lowered] }
            guard let dot = text.firstIndex(of: ".") else { return [] }
            let namespace = String(text[..<dot])
            let rest = String(text[dot...])
            guard !namespace.contains("*"), !namespace.contains("?") else { return [] }
            let namespaces = Set(ids.map { Table.split(id: $0).namespace })
            return EditDistance.closest(to: namespace, among: namespaces.sorted())
                .map { $0 + rest }
                .filter { candidate in ids.contains { Glob.matches(candidate, $0) } }
        }
        // A page's file name rather than its table id (`aws.ec2_instance.md`).
        for ext in [".md", ".markdown", ".html", ".htm"] where text.lowercased().hasSuffix(ext) {
            let stem = String(text.dropLast(ext.count))
            if ids.contains(stem) { return [stem] }
        }
        // The right id in the wrong case.
        let sameIgnoringCase = ids.filter { $0.lowercased() == text.lowercased() }
        if !sameIgnoringCase.isEmpty { return Array(sameIgnoringCase.prefix(3)) }
        // A name without its namespace (`ec2_instance`).
        if !text.contains(".") {
            let byName = ids.filter { Table.split(id: $0).name == text }
            if !byName.isEmpty { return Array(byName.prefix(3)) }
        }
        return EditDistance.closest(to: text, among: ids)
    }

}

extension Renderer {
    /// Plans only the tables `selection` keeps (every table when it is nil).
    ///
    /// When the selection has an error (an entry matching no table), nothing is planned and the errors
    /// are returned. With `--swift-file-names page` (the build plugin, which declares one Swift file per
    /// page before anything is parsed), each page whose table is not selected still gets its Swift file,
    /// holding only a comment, so every declared output exists and `--print-outputs` lists what the
    /// plugin declares.
    public func plan(_ schema: Schema, selecting selection: TableSelection?)
        -> (files: [PlannedFile], diagnostics: [Diagnostic])
    {
        guard let selection else { return plan(schema) }
        let (selected, selectionDiagnostics) = selection.select(from: schema)
        guard !selectionDiagnostics.hasErrors else { return ([], selectionDiagnostics) }
        var result = plan(selected)
        if targets.contains(.swift), options.swiftFileNames == .page {
            var taken = Set(result.files.map { $0.path.lowercased() })
            for table in schema.tables where !selection.contains(table.id) {
                let path = "swift/\(OutputFileName.safe(RenderOptions.pageStem(table.source.file))).swift"
                guard taken.insert(path.lowercased()).inserted else { continue }
                let bytes = Array(Self.unselectedPageFile(table).utf8)
                result.files.append(PlannedFile(path: path, sources: nil) { bytes })
            }
            result.files.sort { $0.path < $1.path }
        }
        result.diagnostics = selectionDiagnostics + result.diagnostics
        return result
    }

    /// Renders only the tables `selection` keeps (every table when it is nil).
    public func render(_ schema: Schema, selecting selection: TableSelection?)
        -> (files: [OutputFile], diagnostics: [Diagnostic])
    {
        let planned = plan(schema, selecting: selection)
        return (planned.files.renderAll(), planned.diagnostics)
    }

    /// The Swift file of a page whose table is not selected, with `--swift-file-names page`.
    static func unselectedPageFile(_ table: Table) -> String {
        let page = table.source.file.split(separator: "/").last.map(String.init) ?? table.source.file
        return """
            // Generated by schemagen from \(Escaping.docComment(page)). Do not edit.
            //
            // Table `\(Escaping.docComment(table.id))` is not selected (`tables` in schemagen.yml, or --table),
            // so nothing is declared for it. The file exists because the build plugin declares one Swift
            // file per page.

            """
    }
}
