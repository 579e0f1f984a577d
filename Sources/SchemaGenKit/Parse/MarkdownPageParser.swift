/// Reads a data-directory page as the docs site serves it in markdown.
///
/// A line scanner, not a general markdown parser: it needs only the title, the summary, the table id
/// fence, the deprecation notice and two tables, and it must report the exact line and column of
/// anything malformed, which general-purpose parsers do not expose.
public struct MarkdownPageParser: PageParser {
    public var limits: ParseLimits

    public init(limits: ParseLimits = .default) {
        self.limits = limits
    }

    public func outline(of page: Page) -> PageOutline {
        var outline = PageOutline(path: page.path)
        let text: String
        do {
            text = try PageText.decode(page.bytes)
        } catch {
            outline.diagnostics.append(error.diagnostic(file: page.path))
            return outline
        }
        var scanner = MarkdownScanner(path: page.path, lines: PageText(text).lines, limits: limits)
        scanner.scan(into: &outline)
        return outline
    }
}

/// The state of one pass over a markdown page's lines.
private struct MarkdownScanner {
    enum Section { case preamble, fields, queryParameters, other }

    struct OpenFence {
        var marker: Unicode.Scalar
        var length: Int
        var line: Int
        /// The first fence before any section holds the table id.
        var holdsTableID: Bool
        var content: [(line: Int, text: Substring)] = []
    }

    let path: String
    let lines: [Substring]
    let limits: ParseLimits
    var index = 0
    var section = Section.preamble
    var fence: OpenFence?
    var sawTitle = false
    var paragraph: [Substring] = []
    var markdocBlockDepth = 0

    init(path: String, lines: [Substring], limits: ParseLimits) {
        self.path = path
        self.lines = lines
        self.limits = limits
    }

    func location(_ lineIndex: Int, column: Int = 1) -> SourceLocation {
        SourceLocation(file: path, line: lineIndex + 1, column: column)
    }

    mutating func scan(into outline: inout PageOutline) {
        skipBlankLines()
        if index < lines.count, lines[index].hasPrefix("# Source:") {
            index += 1
            skipBlankLines()
        }
        if index < lines.count, trimmed(lines[index]) == "---" {
            guard readFrontMatter(into: &outline) else { return }
        }
        while index < lines.count {
            scanLine(into: &outline)
            index += 1
        }
        if let fence {
            outline.diagnostics.append(.error(
                "code fence opened here is never closed", at: location(fence.line)))
        }
        flushParagraph(into: &outline)
    }

    private mutating func skipBlankLines() {
        while index < lines.count, isBlank(lines[index]) { index += 1 }
    }

    /// Returns false when the front matter is never closed: the rest of the page cannot be trusted.
    private mutating func readFrontMatter(into outline: inout PageOutline) -> Bool {
        let open = index
        var close = open + 1
        while close < lines.count, !["---", "..."].contains(trimmed(lines[close])) { close += 1 }
        guard close < lines.count else {
            outline.diagnostics.append(.error(
                "front matter opened here is never closed (no closing `---` line)", at: location(open)))
            return false
        }
        let yaml = lines[(open + 1)..<close].joined(separator: "\n")
        let (matter, diagnostics) = FrontMatter.parse(yaml, firstLine: open + 2, file: path)
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
        let body = dropIndent(line)
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
        if body.hasPrefix("|") {
            flushParagraph(into: &outline)
            readTable(into: &outline)
            return
        }
        if isBlank(line) {
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
                outline.titleLocation = location(index, column: column(ofFirstNonSpaceIn: lines[index]))
            }
            return
        }
        guard level == 2 else { return }
        switch text.lowercased() {
        case "fields":
            section = .fields
            if outline.fieldsHeading == nil { outline.fieldsHeading = location(index) }
        case "query parameters":
            section = .queryParameters
        default:
            section = .other
        }
    }

    /// Prose before the first `##` section: the summary, the deprecation notice, link lines, tags.
    private mutating func noteProse(_ body: Substring, into outline: inout PageOutline) {
        let lower = body.lowercased()
        if lower.contains("**deprecated**") || lower.contains("no longer returns data")
            || (body.hasPrefix("{%") && lower.contains("deprecat"))
        {
            outline.deprecated = true
            flushParagraph(into: &outline)
            return
        }
        if body.hasPrefix("{%") {
            // Markdoc tags: `{% icon ... /%}` stand alone; `{% alert %}` ... `{% /alert %}` enclose.
            flushParagraph(into: &outline)
            if body.hasPrefix("{% /") || body.hasPrefix("{%/") {
                markdocBlockDepth = max(0, markdocBlockDepth - 1)
            } else if !body.contains("/%}") {
                markdocBlockDepth += 1
            }
            return
        }
        if body.hasPrefix(">") || body.hasPrefix("<!--") || markdocBlockDepth > 0 {
            flushParagraph(into: &outline)
            return
        }
        // The summary is the first paragraph before the table id.
        if outline.summary.isEmpty, outline.tableID == nil {
            paragraph.append(body)
        }
    }

    private mutating func flushParagraph(into outline: inout PageOutline) {
        guard !paragraph.isEmpty else { return }
        if outline.summary.isEmpty {
            outline.summary = CellText.fold(paragraph.joined(separator: " "))
        }
        paragraph.removeAll()
    }

    private func takeTableID(from fence: OpenFence, into outline: inout PageOutline) {
        let nonBlank = fence.content.filter { !isBlank($0.text) }
        guard let first = nonBlank.first else {
            outline.diagnostics.append(.error(
                "the table id code block is empty", at: location(fence.line)))
            return
        }
        outline.tableID = trimmed(first.text)
        outline.tableIDLocation = location(first.line, column: column(ofFirstNonSpaceIn: first.text))
        if nonBlank.count > 1 {
            outline.diagnostics.append(.warning(
                "the table id code block has \(nonBlank.count) lines; using the first",
                at: location(nonBlank[1].line)))
        }
    }

    // MARK: Tables

    private mutating func readTable(into outline: inout PageOutline) {
        let start = index
        var end = start + 1
        while end < lines.count, dropIndent(lines[end]).hasPrefix("|") { end += 1 }
        defer { index = end - 1 }
        let wanted: Bool
        switch section {
        case .fields: wanted = outline.fieldsTable == nil
        case .queryParameters: wanted = outline.queryParametersTable == nil
        case .preamble, .other: wanted = false
        }
        guard wanted else {
            if section == .fields {
                outline.diagnostics.append(.warning(
                    "a second table under `## Fields` is ignored", at: location(start)))
            }
            return
        }
        let header = splitRow(start)
        guard start + 1 < end, isDelimiterRow(splitRow(start + 1)) else {
            outline.diagnostics.append(.error(
                "table header is not followed by a delimiter row (`| --- | --- |`)",
                at: location(min(start + 1, lines.count - 1))))
            return
        }
        guard end - start - 2 <= limits.maxTableRows else {
            outline.diagnostics.append(.error(
                "the table has \(end - start - 2) rows, over the limit of \(limits.maxTableRows) (--max-rows)",
                at: location(start)))
            return
        }
        let rows = ((start + 2)..<end).map { splitRow($0) }
        let table = RawTable(header: header, rows: rows)
        if section == .fields {
            outline.fieldsTable = table
        } else {
            outline.queryParametersTable = table
        }
    }

    /// Splits a table row into cells the way GitHub-flavoured markdown does: `\|` is a literal pipe,
    /// a backslash before other punctuation is kept as written, outer pipes are optional. Works on the
    /// UTF-8 bytes (every character that matters here is ASCII) and folds white space as it goes.
    private func splitRow(_ lineIndex: Int) -> RawRow {
        let line = lines[lineIndex]
        if let row = line.utf8.withContiguousStorageIfAvailable({ splitRow($0, lineIndex: lineIndex) }) {
            return row
        }
        // Only bridged strings are not contiguous: work on a copy.
        return Array(line.utf8).withUnsafeBufferPointer { splitRow($0, lineIndex: lineIndex) }
    }

    private func splitRow(_ bytes: UnsafeBufferPointer<UInt8>, lineIndex: Int) -> RawRow {
        let pipe = UInt8(ascii: "|")
        let backslash = UInt8(ascii: "\\")
        var lo = 0
        var hi = bytes.count
        while lo < hi, Self.isSpaceByte(bytes[lo]) { lo += 1 }
        let rowColumn = Self.scalarCount(bytes, upTo: lo) + 1
        while hi > lo, Self.isSpaceByte(bytes[hi - 1]) { hi -= 1 }
        if lo < hi, bytes[lo] == pipe { lo += 1 }
        if hi > lo, bytes[hi - 1] == pipe {
            var backslashes = 0
            var k = hi - 2
            while k >= lo, bytes[k] == backslash { backslashes += 1; k -= 1 }
            if backslashes % 2 == 0 { hi -= 1 }
        }

        var cells: [RawCell] = []
        var text: [UInt8] = []
        text.reserveCapacity(hi - lo)
        var pendingSpace = false
        var cellStart = lo
        var firstText: Int?
        func append(_ byte: UInt8) {
            if pendingSpace, !text.isEmpty { text.append(UInt8(ascii: " ")) }
            pendingSpace = false
            text.append(byte)
        }
        func finishCell() {
            let column = Self.scalarCount(bytes, upTo: firstText ?? cellStart) + 1
            cells.append(RawCell(
                text: String(decoding: text, as: UTF8.self), location: location(lineIndex, column: column)))
            text.removeAll(keepingCapacity: true)
            pendingSpace = false
            firstText = nil
        }
        var i = lo
        while i < hi {
            let c = bytes[i]
            if c == backslash, i + 1 < hi, Self.isASCIIPunctuation(bytes[i + 1]) {
                if firstText == nil { firstText = i }
                if bytes[i + 1] != pipe { append(c) }
                append(bytes[i + 1])
                i += 2
                continue
            }
            if c == pipe {
                finishCell()
                cellStart = i + 1
            } else if Self.isFoldedSpace(c) {
                pendingSpace = true
            } else {
                if firstText == nil { firstText = i }
                append(c)
            }
            i += 1
        }
        finishCell()
        return RawRow(cells: cells, location: location(lineIndex, column: rowColumn))
    }

    /// Unicode scalars in `bytes[..<end]`: the bytes that do not continue a UTF-8 sequence.
    private static func scalarCount(_ bytes: UnsafeBufferPointer<UInt8>, upTo end: Int) -> Int {
        var n = 0
        for i in 0..<end where bytes[i] & 0xC0 != 0x80 { n += 1 }
        return n
    }

    private static func isSpaceByte(_ b: UInt8) -> Bool {
        b == 0x20 || b == 0x09 || b == 0x0B || b == 0x0C
    }

    /// The white space `CellText.fold` folds.
    private static func isFoldedSpace(_ b: UInt8) -> Bool {
        b == 0x20 || (0x09...0x0D).contains(b)
    }

    private static func isASCIIPunctuation(_ b: UInt8) -> Bool {
        (0x21...0x2F).contains(b) || (0x3A...0x40).contains(b) || (0x5B...0x60).contains(b) || (0x7B...0x7E).contains(b)
    }

    private func isDelimiterRow(_ row: RawRow) -> Bool {
        !row.cells.isEmpty && row.cells.allSatisfy { cell in
            var t = Substring(cell.text)
            if t.hasPrefix(":") { t = t.dropFirst() }
            if t.hasSuffix(":") { t = t.dropLast() }
            return !t.isEmpty && t.allSatisfy { $0 == "-" }
        }
    }

    // MARK: Line shapes

    private func openingFence(_ body: Substring) -> (Unicode.Scalar, Int)? {
        guard let first = body.unicodeScalars.first, first == "`" || first == "~" else { return nil }
        let length = body.unicodeScalars.prefix { $0 == first }.count
        guard length >= 3 else { return nil }
        // A backtick fence's info string cannot contain backticks (else it is inline code).
        let info = body.unicodeScalars.dropFirst(length)
        if first == "`", info.contains("`") { return nil }
        return (first, length)
    }

    private func isClosingFence(_ line: Substring, for fence: OpenFence) -> Bool {
        let body = dropIndent(line)
        let run = body.unicodeScalars.prefix { $0 == fence.marker }.count
        guard run >= fence.length else { return false }
        return body.unicodeScalars.dropFirst(run).allSatisfy(isSpace)
    }

    private func heading(_ body: Substring) -> (Int, String)? {
        let level = body.prefix { $0 == "#" }.count
        guard (1...6).contains(level) else { return nil }
        var rest = body.dropFirst(level)
        guard rest.isEmpty || rest.first == " " || rest.first == "\t" else { return nil }
        // Markdoc heading ids (`## Fields{% #fields %}`) and closing hashes are not part of the text.
        if let tag = rest.range(of: "{%") { rest = rest[..<tag.lowerBound] }
        var text = trimmed(rest)
        while text.hasSuffix("#") { text.removeLast() }
        return (level, CellText.fold(text))
    }

    private func dropIndent(_ line: Substring) -> Substring {
        var body = line
        var dropped = 0
        while dropped < 3, body.first == " " { body = body.dropFirst(); dropped += 1 }
        return body
    }

    private func isBlank(_ line: Substring) -> Bool { line.unicodeScalars.allSatisfy(isSpace) }

    private func isSpace(_ c: Unicode.Scalar) -> Bool {
        c == " " || c == "\t" || c == "\u{0B}" || c == "\u{0C}"
    }

    private func trimmed(_ line: Substring) -> String {
        CellText.fold(line)
    }

    private func column(ofFirstNonSpaceIn line: Substring) -> Int {
        (line.unicodeScalars.firstIndex { !isSpace($0) }).map {
            line.unicodeScalars.distance(from: line.unicodeScalars.startIndex, to: $0) + 1
        } ?? 1
    }
}
