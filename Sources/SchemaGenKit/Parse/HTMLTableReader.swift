/// Reads one `<table>` from parse events: rows of `<td>`/`<th>` cells, the first row of header
/// cells being the header. Tables nested in a cell are part of that cell's text, not rows of their
/// own; tables nested elsewhere, and whatever a row holds besides its cells, are passed over.
///
/// A class, so the outline reader's capture can hold it and it fills in place.
final class HTMLTableReader {
    private let path: String
    private let limits: ParseLimits
    private let tableLine: Int
    private var header: RawRow?
    private var rows: [RawRow] = []
    /// Over the row limit: the table is dropped and the rest of it passed over.
    private var failed = false

    private var rowDepth: Int?
    private var rowLine = 0
    private var cells: [RawCell] = []
    private var allHeaderCells = true
    private var cellDepth: Int?
    private var cellLine = 0
    /// An element whose content is passed over, until its end.
    private var passedOverDepth: Int?
    /// How many cells the last row had, so the next row's list is the right size from the start.
    private(set) var cellCountHint: Int

    init(path: String, limits: ParseLimits, cellCountHint: Int, tableLine: Int) {
        self.path = path
        self.limits = limits
        self.cellCountHint = cellCountHint
        self.tableLine = tableLine
    }

    /// Whether text now is a cell's (no cell opens once the table is dropped).
    var isInCell: Bool { cellDepth != nil }

    /// An element opened inside the table, at `depth`.
    func start(_ tag: HTMLTag, depth: Int, folder: inout TextFolder) {
        guard !failed, passedOverDepth == nil else { return }
        if cellDepth != nil {
            folder.append(tag)
            return
        }
        if rowDepth != nil {
            // Only the row's own cells count.
            guard tag.element == .td || tag.element == .th else {
                passedOverDepth = depth
                return
            }
            allHeaderCells = allHeaderCells && tag.element == .th
            cellDepth = depth
            cellLine = tag.line
            folder.reset()
            return
        }
        switch tag.element {
        case .tr:
            rowDepth = depth
            rowLine = tag.line
            cells = []
            cells.reserveCapacity(cellCountHint)
            allHeaderCells = true
        case .table:
            passedOverDepth = depth
        default:
            break
        }
    }

    /// The element open at `depth` inside the table ends; returns the error that drops the table
    /// when this row is one too many.
    func end(depth: Int, folder: inout TextFolder) -> Diagnostic? {
        if let passed = passedOverDepth {
            if passed == depth { passedOverDepth = nil }
            return nil
        }
        guard !failed else { return nil }
        if let cell = cellDepth {
            if cell == depth {
                cells.append(RawCell(text: folder.string(), location: location(cellLine)))
                cellDepth = nil
            }
            return nil
        }
        guard rowDepth == depth else { return nil }
        rowDepth = nil
        cellCountHint = cells.count
        let row = RawRow(cells: cells, location: location(rowLine))
        if header == nil, allHeaderCells, !cells.isEmpty {
            header = row
        } else if !cells.isEmpty {
            guard rows.count < limits.maxTableRows else {
                failed = true
                return .error(
                    "the table has more than \(limits.maxTableRows) rows, over the limit of \(limits.maxTableRows) (--max-rows)",
                    at: location(tableLine))
            }
            rows.append(row)
        }
        return nil
    }

    /// The table read, or nil when it was dropped.
    func result() -> RawTable? {
        guard !failed else { return nil }
        return RawTable(header: header ?? RawRow(cells: [], location: location(tableLine)), rows: rows)
    }

    private func location(_ line: Int) -> SourceLocation {
        SourceLocation(file: path, line: max(1, line), column: 1)
    }
}
