/// Turns the rows of a page's Fields table into fields, whichever parser found them.
///
/// Real pages use two layouts under the same five-column header: aligned rows with all five cells
/// (`| Pod Name | name | core | string | ... |`) and shifted rows that lack the title
/// (`| arn | core | string | ... |`). Mapping cells by header position gets one of them wrong, so each
/// row is read by its cell count and content: the variant is a lower-case word and the data type
/// follows the type grammar, and known values win over merely well-formed ones.
public enum FieldsTableReader {
    public static let expectedHeader = ["title", "id", "type", "data type", "description"]

    public static func read(_ table: RawTable) -> (fields: [Field], diagnostics: [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        if !table.header.cells.isEmpty, !hasExpectedHeader(table.header) {
            diagnostics.append(
                .warning(
                    "unexpected Fields header `\(table.header.cells.map(\.text).joined(separator: " | "))` "
                        + "(expected `Title | ID | Type | Data Type | Description`); rows are read by their content",
                    at: table.header.location))
        }
        if table.rows.isEmpty {
            diagnostics.append(.error("the Fields table has no rows", at: table.header.location))
        }
        var fields: [Field] = []
        fields.reserveCapacity(table.rows.count)
        var firstLineByName: [String: Int] = [:]
        firstLineByName.reserveCapacity(table.rows.count)
        for row in table.rows {
            guard let reading = RowReading.best(for: row) else {
                diagnostics.append(
                    .error(
                        "row fits neither Fields layout (expected `| id | variant | data type | description |` "
                            + "or `| title | id | variant | data type | description |`, found \(row.cells.count) cells)",
                        at: row.location))
                continue
            }
            let field = reading.field(from: row)
            if reading.extraCells > 0 {
                diagnostics.append(
                    .warning(
                        "row has \(row.cells.count) cells; the description seems to contain an unescaped `|` "
                            + "(write `\\|`), so its cells were joined",
                        at: row.cells[reading.descriptionIndex].location))
            }
            if !reading.hasKnownVariant {
                diagnostics.append(
                    .warning(
                        "unknown field variant `\(field.variant)` (known: core, event_attribute)",
                        at: row.cells[reading.variantIndex].location))
            }
            if !field.dataType.isKnown {
                diagnostics.append(
                    .warning(
                        "unknown data type `\(field.dataType.spelling)`; kept as written "
                            + "(known: \(DataType.Base.knownNames) and array<T> of those)",
                        at: row.cells[reading.dataTypeIndex].location))
            }
            if let repaired = Mojibake.repaired(field.description) {
                // Said here, with the page's parse (which the cache keeps), so it is said on every run.
                diagnostics.append(
                    .warning(
                        "the description of `\(field.name)` looks like UTF-8 read as Latin-1 or Windows-1252; "
                            + "Swift doc comments show it repaired (\(Mojibake.firstChange(field.description, repaired))), "
                            + "`dump` as the page has it",
                        at: row.cells[reading.descriptionIndex].location))
            }
            if let first = firstLineByName[field.name] {
                diagnostics.append(
                    .error(
                        "duplicate field id `\(field.name)` (first defined on line \(first))",
                        at: row.cells[reading.nameIndex].location))
                continue
            }
            firstLineByName[field.name] = row.location.line
            fields.append(field)
        }
        return (fields, diagnostics)
    }

    /// Whether the header cells, lower-cased, are `expectedHeader`. ASCII cells are compared as
    /// bytes; others are lower-cased as Strings.
    private static func hasExpectedHeader(_ header: RawRow) -> Bool {
        guard header.cells.count == expectedHeader.count else { return false }
        for (cell, word) in zip(header.cells, expectedHeader) {
            var text = cell.text
            let isASCII = text.withUTF8 { ASCII.isASCII($0) }
            guard isASCII else {
                if cell.text.lowercased() != word { return false }
                continue
            }
            var word = word
            let equal = text.withUTF8 { text in
                word.withUTF8 { word in
                    text.count == word.count && zip(text, word).allSatisfy { ASCII.lowercased($0) == $1 }
                }
            }
            guard equal else { return false }
        }
        return true
    }
}

/// One way of reading a row: where its id, variant, data type and description are, and what they
/// hold.
private struct RowReading {
    var titleIndex: Int?
    var nameIndex: Int
    var cellCount: Int
    var name: String
    var variant: String
    var dataType: DataType
    var hasKnownVariant: Bool
    /// Higher for known values.
    var score: Int

    var variantIndex: Int { nameIndex + 1 }
    var dataTypeIndex: Int { nameIndex + 2 }
    var descriptionIndex: Int { nameIndex + 3 }
    /// Cells beyond the layout's own, which belong to a description with an unescaped pipe.
    var extraCells: Int { max(0, cellCount - (descriptionIndex + 1)) }

    /// The reading that fits the row, preferring known variants and types, then the layout that the
    /// row's cell count suggests (5 cells: aligned; 3 or 4: shifted).
    static func best(for row: RawRow) -> RowReading? {
        let aligned = RowReading(row, titleIndex: 0, nameIndex: 1)
        let shifted = RowReading(row, titleIndex: nil, nameIndex: 0)
        guard let aligned else { return shifted }
        guard let shifted else { return aligned }
        let natural = row.cells.count >= 5 ? 1 : 0
        // On a tie in score the natural layout wins.
        return (aligned.score, natural) < (shifted.score, 1 - natural) ? shifted : aligned
    }

    /// Nil when the row cannot be read this way.
    init?(_ row: RawRow, titleIndex: Int?, nameIndex: Int) {
        let cells = row.cells
        guard cells.count > nameIndex + 2 else { return nil }
        // The variant test first: it is the one that usually rules a layout out.
        let variant = CellText.unquoteCode(cells[nameIndex + 1].text)
        guard Self.isWord(variant) else { return nil }
        let name = CellText.unquoteCode(cells[nameIndex].text)
        guard !name.isEmpty, let type = CommonDataTypes.parse(CellText.unquoteCode(cells[nameIndex + 2].text))
        else { return nil }
        self.titleIndex = titleIndex
        self.nameIndex = nameIndex
        self.cellCount = cells.count
        self.name = name
        self.variant = variant
        self.dataType = type
        // A word is ASCII, so comparing with each known variant is set membership.
        hasKnownVariant = Field.knownVariants.contains { $0 == variant }
        score = (hasKnownVariant ? 2 : 0) + (type.isKnown ? 2 : 0)
    }

    func field(from row: RawRow) -> Field {
        let cells = row.cells
        let title = titleIndex.map { cells[$0].text }.flatMap { $0.isEmpty ? nil : $0 }
        let description: String
        if cells.count == descriptionIndex + 1 {
            description = cells[descriptionIndex].text
        } else if cells.count > descriptionIndex {
            description = cells[descriptionIndex...].map(\.text).joined(separator: " | ")
        } else {
            description = ""
        }
        return Field(
            name: name, title: title, variant: variant, dataType: dataType, description: description,
            line: row.location.line)
    }

    /// A lower-case ASCII word: `a`-`z` first, then `a`-`z`, `0`-`9` or `_`.
    private static func isWord(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            guard let first = bytes.first, first &- UInt8(ascii: "a") < 26 else { return false }
            for b in bytes where !(b &- UInt8(ascii: "a") < 26 || b &- UInt8(ascii: "0") < 10 || b == UInt8(ascii: "_"))
            {
                return false
            }
            return true
        }
    }
}

/// `DataType(parsing:)` for the spellings real pages use (`string`, `array<int64>`, ...), parsed
/// once: the parser compares Characters, a cost otherwise paid on every row. Other text is parsed
/// as it comes.
private enum CommonDataTypes {
    static let all: [DataType] = DataType.Base.known.flatMap { base in
        [DataType(parsing: base.name), DataType(parsing: "array<\(base.name)>")].compactMap { $0 }
    }

    static func parse(_ text: String) -> DataType? {
        // `==` is byte equality here: no other text is canonically equivalent to an ASCII
        // spelling of letters, digits, `_`, `<` and `>`.
        let count = text.utf8.count
        for type in all where type.spelling.utf8.count == count && type.spelling == text { return type }
        // The grammar's text is `a`-`z`, `0`-`9`, `_`, `<`, `>`; any other byte (a description
        // tried as a type) cannot parse.
        guard text.utf8.allSatisfy(isTypeByte) else { return nil }
        return DataType(parsing: text)
    }

    private static func isTypeByte(_ b: UInt8) -> Bool {
        b &- UInt8(ascii: "a") < 26 || b &- UInt8(ascii: "0") < 10 || b == UInt8(ascii: "_")
            || b == UInt8(ascii: "<") || b == UInt8(ascii: ">")
    }
}
