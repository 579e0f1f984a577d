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
        let header = table.header.cells.map { $0.text.lowercased() }
        if !header.isEmpty, header != expectedHeader {
            diagnostics.append(.warning(
                "unexpected Fields header `\(table.header.cells.map(\.text).joined(separator: " | "))` "
                    + "(expected `Title | ID | Type | Data Type | Description`); rows are read by their content",
                at: table.header.location))
        }
        if table.rows.isEmpty {
            diagnostics.append(.error("the Fields table has no rows", at: table.header.location))
        }
        var fields: [Field] = []
        var firstLineByName: [String: Int] = [:]
        for row in table.rows {
            guard let reading = RowReading.best(for: row) else {
                diagnostics.append(.error(
                    "row fits neither Fields layout (expected `| id | variant | data type | description |` "
                        + "or `| title | id | variant | data type | description |`, found \(row.cells.count) cells)",
                    at: row.location))
                continue
            }
            let field = reading.field(from: row)
            if reading.extraCells > 0 {
                diagnostics.append(.warning(
                    "row has \(row.cells.count) cells; the description seems to contain an unescaped `|` "
                        + "(write `\\|`), so its cells were joined",
                    at: row.cells[reading.descriptionIndex].location))
            }
            if !Field.knownVariants.contains(field.variant) {
                diagnostics.append(.warning(
                    "unknown field variant `\(field.variant)` (known: core, event_attribute)",
                    at: row.cells[reading.variantIndex].location))
            }
            if !field.dataType.isKnown {
                diagnostics.append(.warning(
                    "unknown data type `\(field.dataType.spelling)`; kept as written "
                        + "(known: \(DataType.Base.knownNames) and array<T> of those)",
                    at: row.cells[reading.dataTypeIndex].location))
            }
            if let first = firstLineByName[field.name] {
                diagnostics.append(.error(
                    "duplicate field id `\(field.name)` (first defined on line \(first))",
                    at: row.cells[reading.nameIndex].location))
                continue
            }
            firstLineByName[field.name] = row.location.line
            fields.append(field)
        }
        return (fields, diagnostics)
    }
}

/// One way of reading a row: where its id, variant, data type and description are.
private struct RowReading {
    var titleIndex: Int?
    var nameIndex: Int
    var cellCount: Int

    var variantIndex: Int { nameIndex + 1 }
    var dataTypeIndex: Int { nameIndex + 2 }
    var descriptionIndex: Int { nameIndex + 3 }
    /// Cells beyond the layout's own, which belong to a description with an unescaped pipe.
    var extraCells: Int { max(0, cellCount - (descriptionIndex + 1)) }

    static let aligned = (titleIndex: Optional(0), nameIndex: 1)
    static let shifted = (titleIndex: Optional<Int>.none, nameIndex: 0)

    /// The reading that fits the row, preferring known variants and types, then the layout that the
    /// row's cell count suggests (5 cells: aligned; 3 or 4: shifted).
    static func best(for row: RawRow) -> RowReading? {
        let n = row.cells.count
        let candidates = [aligned, shifted].compactMap { layout -> (RowReading, Int)? in
            let reading = RowReading(titleIndex: layout.titleIndex, nameIndex: layout.nameIndex, cellCount: n)
            guard let score = reading.score(row) else { return nil }
            return (reading, score)
        }
        let natural = n >= 5 ? 1 : 0
        return candidates.max { a, b in
            (a.1, a.0.titleIndex != nil ? natural : 1 - natural)
                < (b.1, b.0.titleIndex != nil ? natural : 1 - natural)
        }?.0
    }

    /// Nil when the row cannot be read this way; otherwise higher for known values.
    func score(_ row: RawRow) -> Int? {
        let cells = row.cells.map(\.text)
        guard cells.count > dataTypeIndex else { return nil }
        let name = CellText.unquoteCode(cells[nameIndex])
        let variant = CellText.unquoteCode(cells[variantIndex])
        guard !name.isEmpty, Self.isWord(variant),
            let type = DataType(parsing: CellText.unquoteCode(cells[dataTypeIndex]))
        else { return nil }
        return (Field.knownVariants.contains(variant) ? 2 : 0) + (type.isKnown ? 2 : 0)
    }

    func field(from row: RawRow) -> Field {
        let cells = row.cells.map(\.text)
        let title = titleIndex.map { cells[$0] }.flatMap { $0.isEmpty ? nil : $0 }
        let description =
            cells.count > descriptionIndex ? cells[descriptionIndex...].joined(separator: " | ") : ""
        return Field(
            name: CellText.unquoteCode(cells[nameIndex]),
            title: title,
            variant: CellText.unquoteCode(cells[variantIndex]),
            // `score` accepted this cell, so it parses.
            dataType: DataType(parsing: CellText.unquoteCode(cells[dataTypeIndex]))!,
            description: description,
            line: row.location.line)
    }

    private static func isWord(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, ("a"..."z").contains(first) else { return false }
        return text.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }
    }
}
