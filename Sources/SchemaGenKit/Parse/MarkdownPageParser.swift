/// Reads a data-directory page as the docs site serves it in markdown.
///
/// A line scanner, not a general markdown parser: it needs only the title, the summary, the table id
/// fence, the deprecation notice and two tables, and it must report the exact line and column of
/// anything malformed, which general-purpose parsers do not expose. It works on the page's UTF-8
/// bytes (`LineBytes`) and makes Strings only of what it keeps.
public struct MarkdownPageParser: PageParser {
    public var limits: ParseLimits

    public init(limits: ParseLimits = .default) {
        self.limits = limits
    }

    public func outline(of page: Page) -> PageOutline {
        var outline = PageOutline(path: page.path)
        let text: PageText
        do {
            text = try PageText(validating: page.bytes)
        } catch {
            outline.diagnostics.append(error.diagnostic(file: page.path))
            return outline
        }
        text.bytes.withUnsafeBufferPointer { buffer in
            var scanner = MarkdownScanner(
                path: page.path, bytes: LineBytes(buffer: buffer), lines: text.lines, limits: limits)
            scanner.scan(into: &outline)
        }
        return outline
    }
}

/// The state of one pass over a markdown page's lines.
private struct MarkdownScanner {
    enum Section { case preamble, fields, queryParameters, other }

    struct OpenFence {
        var marker: UInt8
        var length: Int
        var line: Int
        /// The first fence before any section holds the table id.
        var holdsTableID: Bool
        var content: [(line: Int, text: Range<Int>)] = []
    }

    let path: String
    let bytes: LineBytes
    let lines: [Range<Int>]
    let limits: ParseLimits
    var index = 0
    var section = Section.preamble
    var fence: OpenFence?
    var sawTitle = false
    var paragraph: [Range<Int>] = []
    var markdocBlockDepth = 0
    /// Scratch space for table rows, reused from row to row.
    var rowReader = MarkdownRowReader()

    init(path: String, bytes: LineBytes, lines: [Range<Int>], limits: ParseLimits) {
        self.path = path
        self.bytes = bytes
        self.lines = lines
        self.limits = limits
    }

    func location(_ lineIndex: Int, column: Int = 1) -> SourceLocation {
        SourceLocation(file: path, line: lineIndex + 1, column: column)
    }

    mutating func scan(into outline: inout PageOutline) {
        skipBlankLines()
        if index < lines.count, bytes.hasPrefix("# Source:", lines[index]) {
            index += 1
            skipBlankLines()
        }
        if index < lines.count, bytes.foldedEquals(lines[index], "---") {
            guard readFrontMatter(into: &outline) else { return }
        }
        while index < lines.count {
            scanLine(into: &outline)
            index += 1
        }
        if let fence {
            outline.diagnostics.append(
                .error(
                    "code fence opened here is never closed", at: location(fence.line)))
        }
        flushParagraph(into: &outline)
    }

    private mutating func skipBlankLines() {
        while index < lines.count, bytes.isBlank(lines[index]) { index += 1 }
    }

    /// Returns false when the front matter is never closed: the rest of the page cannot be trusted.
    private mutating func readFrontMatter(into outline: inout PageOutline) -> Bool {
        let open = index
        var close = open + 1
        while close < lines.count, !bytes.foldedEquals(lines[close], "---"), !bytes.foldedEquals(lines[close], "...") {
            close += 1
        }
        guard close < lines.count else {
            outline.diagnostics.append(
                .error(
                    "front matter opened here is never closed (no closing `---` line)", at: location(open)))
            return false
        }
        var yaml: [UInt8] = []
        for line in (open + 1)..<close {
            if line > open + 1 { yaml.append(UInt8(ascii: "\n")) }
            yaml.append(contentsOf: bytes.slice(lines[line]))
        }
        let (matter, diagnostics) = FrontMatter.parse(
            String(decoding: yaml, as: UTF8.self), firstLine: open + 2, file: path)
        outline.diagnostics += diagnostics
        if outline.title == nil, let title = matter.title {
            outline.title = CellText.fold(title)
            outline.titleLocation = location(open + 1)
        }
        index = close + 1
        return true
    }

    private mutating func scanLine(into outline: inout PageOutline) {
        let line = lines[index]
        if var open = fence {
            if isClosingFence(line, for: open) {
                if open.holdsTableID { takeTableID(from: open, into: &outline) }
                fence = nil
            } else if open.holdsTableID {
                open.content.append((index, line))
                fence = open
            }
            return
        }
        let body = bytes.dropIndent(line)
        if let (marker, length) = openingFence(body) {
            flushParagraph(into: &outline)
            fence = OpenFence(
                marker: marker, length: length, line: index,
                holdsTableID: section == .preamble && outline.tableID == nil)
            return
        }
        if let (level, text) = heading(body) {
            flushParagraph(into: &outline)
            enterHeading(level: level, text: text, into: &outline)
            return
        }
        if bytes.hasPrefix("|", body) {
            flushParagraph(into: &outline)
            readTable(into: &outline)
            return
        }
        if bytes.isBlank(line) {
            flushParagraph(into: &outline)
            return
        }
        guard section == .preamble else { return }
        noteProse(body, into: &outline)
    }

    private mutating func enterHeading(level: Int, text: String, into outline: inout PageOutline) {
        if level == 1 {
            if section == .preamble, !sawTitle {
                sawTitle = true
                outline.title = text
                outline.titleLocation = location(index, column: bytes.columnOfFirstNonSpace(lines[index]))
            }
            return
        }
        guard level == 2 else { return }
        if ASCII.equalsIgnoringCase(text.utf8, "fields") {
            section = .fields
            if outline.fieldsHeading == nil { outline.fieldsHeading = location(index) }
        } else if ASCII.equalsIgnoringCase(text.utf8, "query parameters") {
            section = .queryParameters
        } else {
            section = .other
        }
    }

    /// Prose before the first `##` section: the summary, the deprecation notice, link lines, tags.
    private mutating func noteProse(_ body: Range<Int>, into outline: inout PageOutline) {
        let isTag = bytes.hasPrefix("{%", body)
        if isDeprecationNotice(body, isTag: isTag) {
            outline.deprecated = true
            let notice = DeprecationNoticeText.plain(bytes.substring(body))
            if !notice.isEmpty {
                outline.deprecationNotice += (outline.deprecationNotice.isEmpty ? "" : " ") + notice
            }
            flushParagraph(into: &outline)
            return
        }
        if isTag {
            // Markdoc tags: `{% icon ... /%}` stand alone; `{% alert %}` ... `{% /alert %}` enclose.
            flushParagraph(into: &outline)
            if bytes.hasPrefix("{% /", body) || bytes.hasPrefix("{%/", body) {
                markdocBlockDepth = max(0, markdocBlockDepth - 1)
            } else if !selfCloses(body) {
                markdocBlockDepth += 1
            }
            return
        }
        if bytes.hasPrefix(">", body) || bytes.hasPrefix("<!--", body) || markdocBlockDepth > 0 {
            flushParagraph(into: &outline)
            return
        }
        // The summary is the first paragraph before the table id.
        if outline.summary.isEmpty, outline.tableID == nil {
            paragraph.append(body)
        }
    }

    /// `**Deprecated**`, "no longer returns data", or a Markdoc tag that mentions deprecation.
    /// ASCII lines are searched as bytes; others keep the String search (Foundation's, which
    /// matches canonically equivalent text).
    private func isDeprecationNotice(_ body: Range<Int>, isTag: Bool) -> Bool {
        if bytes.isASCII(body) {
            let text = bytes.slice(body)
            return ASCII.containsIgnoringCase(text, "**deprecated**")
                || ASCII.containsIgnoringCase(text, "no longer returns data")
                || (isTag && ASCII.containsIgnoringCase(text, "deprecat"))
        }
        let lower = bytes.substring(body).lowercased()
        return lower.contains("**deprecated**") || lower.contains("no longer returns data")
            || (isTag && lower.contains("deprecat"))
    }

    /// Whether a Markdoc tag line closes itself (`{% icon ... /%}`).
    private func selfCloses(_ body: Range<Int>) -> Bool {
        bytes.isASCII(body) ? ASCII.contains(bytes.slice(body), "/%}") : bytes.substring(body).contains("/%}")
    }

    private mutating func flushParagraph(into outline: inout PageOutline) {
        guard !paragraph.isEmpty else { return }
        if outline.summary.isEmpty {
            // The lines joined with spaces, then folded.
            var folder = TextFolder()
            for line in paragraph {
                folder.append(bytes.slice(line))
                folder.appendSpace()
            }
            outline.summary = folder.string()
        }
        paragraph.removeAll(keepingCapacity: true)
    }

    private func takeTableID(from fence: OpenFence, into outline: inout PageOutline) {
        let nonBlank = fence.content.filter { !bytes.isBlank($0.text) }
        guard let first = nonBlank.first else {
            outline.diagnostics.append(
                .error(
                    "the table id code block is empty", at: location(fence.line)))
            return
        }
        outline.tableID = bytes.folded(first.text)
        outline.tableIDLocation = location(first.line, column: bytes.columnOfFirstNonSpace(first.text))
        if nonBlank.count > 1 {
            outline.diagnostics.append(
                .warning(
                    "the table id code block has \(nonBlank.count) lines; using the first",
                    at: location(nonBlank[1].line)))
        }
    }

    // MARK: Tables

    private mutating func readTable(into outline: inout PageOutline) {
        let start = index
        var end = start + 1
        while end < lines.count, bytes.hasPrefix("|", bytes.dropIndent(lines[end])) { end += 1 }
        defer { index = end - 1 }
        let wanted: Bool
        switch section {
        case .fields: wanted = outline.fieldsTable == nil
        case .queryParameters: wanted = outline.queryParametersTable == nil
        case .preamble, .other: wanted = false
        }
        guard wanted else {
            if section == .fields {
                outline.diagnostics.append(
                    .warning(
                        "a second table under `## Fields` is ignored", at: location(start)))
            }
            return
        }
        let header = splitRow(start)
        guard start + 1 < end, MarkdownRowReader.isDelimiterRow(splitRow(start + 1)) else {
            outline.diagnostics.append(
                .error(
                    "table header is not followed by a delimiter row (`| --- | --- |`)",
                    at: location(min(start + 1, lines.count - 1))))
            return
        }
        guard end - start - 2 <= limits.maxTableRows else {
            outline.diagnostics.append(
                .error(
                    "the table has \(end - start - 2) rows, over the limit of \(limits.maxTableRows) (--max-rows)",
                    at: location(start)))
            return
        }
        var rows: [RawRow] = []
        rows.reserveCapacity(end - start - 2)
        for row in (start + 2)..<end { rows.append(splitRow(row)) }
        let table = RawTable(header: header, rows: rows)
        if section == .fields {
            outline.fieldsTable = table
        } else {
            outline.queryParametersTable = table
        }
    }

    private mutating func splitRow(_ lineIndex: Int) -> RawRow {
        rowReader.split(bytes.slice(lines[lineIndex]), path: path, line: lineIndex + 1)
    }

    // MARK: Line shapes

    /// A line of three or more backticks or tildes: the marker byte and the run's length.
    private func openingFence(_ body: Range<Int>) -> (UInt8, Int)? {
        guard let first = body.first.map({ bytes[$0] }), first == UInt8(ascii: "`") || first == UInt8(ascii: "~")
        else { return nil }
        var end = body.lowerBound
        while end < body.upperBound, bytes[end] == first { end += 1 }
        let length = end - body.lowerBound
        guard length >= 3 else { return nil }
        // A backtick fence's info string cannot contain backticks (else it is inline code).
        if first == UInt8(ascii: "`"), ASCII.contains(bytes.slice(end..<body.upperBound), "`") { return nil }
        return (first, length)
    }

    private func isClosingFence(_ line: Range<Int>, for fence: OpenFence) -> Bool {
        let body = bytes.dropIndent(line)
        var i = body.lowerBound
        while i < body.upperBound, bytes[i] == fence.marker { i += 1 }
        guard i - body.lowerBound >= fence.length else { return false }
        return bytes.isBlank(i..<body.upperBound)
    }

    /// An ATX heading: `#` to `######`, then white space or the end of the line. The text drops a
    /// Markdoc heading id (`## Fields{% #fields %}`) and closing hashes.
    private func heading(_ body: Range<Int>) -> (Int, String)? {
        var i = body.lowerBound
        while i < body.upperBound, bytes[i] == UInt8(ascii: "#") { i += 1 }
        let level = i - body.lowerBound
        guard (1...6).contains(level) else { return nil }
        if i < body.upperBound {
            // The hashes must be followed by a whole space or tab Character.
            guard bytes[i] == UInt8(ascii: " ") || bytes[i] == UInt8(ascii: "\t"),
                bytes.isWholeCharacter(at: i, lineEnd: body.upperBound)
            else { return nil }
        }
        let rest = i..<body.upperBound
        guard bytes.isASCII(rest) else { return (level, Self.headingText(bytes.substring(rest))) }
        var text = rest
        if let tag = ASCII.firstIndex(of: "{%", in: bytes.slice(rest)) {
            text = rest.lowerBound..<(rest.lowerBound + tag)
        }
        var folder = TextFolder()
        folder.append(bytes.slice(text))
        var folded = folder.bytes[...]
        while folded.last == UInt8(ascii: "#") { folded = folded.dropLast() }
        if folded.last == UInt8(ascii: " ") { folded = folded.dropLast() }
        return (level, String(decoding: folded, as: UTF8.self))
    }

    /// The heading text of a line that is not ASCII, by Characters and Foundation's search.
    private static func headingText(_ rest: Substring) -> String {
        var rest = rest
        if let tag = rest.range(of: "{%") { rest = rest[..<tag.lowerBound] }
        var text = CellText.fold(rest)
        while text.hasSuffix("#") { text.removeLast() }
        return CellText.fold(text)
    }
}
