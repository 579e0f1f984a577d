import CLibXML2

/// One pass over a parsed HTML document in order, picking out the parts of the page's layout.
///
/// Text is folded from libxml2's node contents into one reused buffer, and only the text the
/// outline keeps (title, summary, table id, cells) becomes a String.
struct HTMLOutlineWalker {
    enum PendingTable { case fields, queryParameters }

    let path: String
    let limits: ParseLimits
    var pending: PendingTable?
    var titleFromPageTitle = false
    var schemaBlock: HTMLNodePointer?
    /// Scratch buffers reused from node to node.
    private var folder = TextFolder()
    private var attributeBytes: [UInt8] = []
    /// How many cells the previous row had: rows of a table are alike.
    private var cellCountHint = 5

    init(path: String, limits: ParseLimits) {
        self.path = path
        self.limits = limits
    }

    mutating func walk(_ root: HTMLNodePointer?, into outline: inout PageOutline) {
        var node = root
        while let current = node {
            let descend = visit(current, into: &outline)
            node = HTMLNode.next(after: current, descend: descend)
        }
    }

    /// Returns whether to walk into the node's children.
    private mutating func visit(_ node: HTMLNodePointer, into outline: inout PageOutline) -> Bool {
        switch HTMLElement(node) {
        case .h1:
            attributeBytes.removeAll(keepingCapacity: true)
            let isPageTitle = HTMLNode.attribute("id", of: node, into: &attributeBytes)
                && attributeBytes.elementsEqual("pagetitle".utf8)
            if outline.title == nil || (isPageTitle && !titleFromPageTitle) {
                outline.title = text(node)
                outline.titleLocation = location(node)
                titleFromPageTitle = isPageTitle
            }
            return false
        case .h2:
            foldText(node)
            if ASCII.equalsIgnoringCase(folder.bytes, "fields") {
                pending = .fields
                if outline.fieldsHeading == nil { outline.fieldsHeading = location(node) }
            } else if ASCII.equalsIgnoringCase(folder.bytes, "query parameters") {
                pending = .queryParameters
            } else {
                pending = nil
            }
            return false
        case .div:
            if schemaBlock == nil, HTMLNode.hasClass("ddsql-schema-single", node, scratch: &attributeBytes) {
                schemaBlock = node
            }
            if outline.fieldsHeading == nil, HTMLNode.hasClass("alert", node, scratch: &attributeBytes),
                mentionsDeprecation(node)
            {
                outline.deprecated = true
                return false
            }
            return true
        case .p:
            if outline.summary.isEmpty, outline.tableID == nil, outline.title != nil, isInSchemaBlockOrNone(node) {
                outline.summary = text(node)
            }
            return false
        case .pre:
            if outline.tableID == nil, outline.title != nil, outline.fieldsHeading == nil, pending == nil {
                let text = text(node)
                if !text.isEmpty {
                    outline.tableID = text
                    outline.tableIDLocation = location(node)
                }
            }
            return false
        case .table:
            guard let wanted = pending else { return false }
            pending = nil
            guard let table = readTable(node, into: &outline) else { return false }
            switch wanted {
            case .fields: outline.fieldsTable = table
            case .queryParameters: outline.queryParametersTable = table
            }
            return false
        case .skipped:
            return false
        case .tr, .td, .th, .br, .other:
            return true
        }
    }

    /// Whether an alert's text says "deprecated", in any case. ASCII text is searched as bytes;
    /// other text keeps the String search (Foundation's, which matches equivalent Unicode).
    private mutating func mentionsDeprecation(_ node: HTMLNodePointer) -> Bool {
        foldText(node)
        if ASCII.isASCII(folder.bytes) {
            return folder.bytes.withUnsafeBufferPointer { ASCII.containsIgnoringCase($0, "deprecated") }
        }
        return folder.string().lowercased().contains("deprecated")
    }

    private func isInSchemaBlockOrNone(_ node: HTMLNodePointer) -> Bool {
        guard let block = schemaBlock else { return true }
        var current = node.pointee.parent
        while let c = current {
            if c == block { return true }
            current = c.pointee.parent
        }
        return false
    }

    /// Rows of `<td>`/`<th>` cells; the first row of header cells is the header. Tables nested in a
    /// cell are part of that cell's text, not rows of their own.
    private mutating func readTable(_ table: HTMLNodePointer, into outline: inout PageOutline) -> RawTable? {
        var header: RawRow?
        var rows: [RawRow] = []
        var node = table.pointee.children
        while let current = node {
            var descend = true
            switch HTMLElement(current) {
            case .tr:
                descend = false
                let (cells, allHeaderCells) = readCells(current)
                let row = RawRow(cells: cells, location: location(current))
                if header == nil, allHeaderCells, !cells.isEmpty {
                    header = row
                } else if !cells.isEmpty {
                    guard rows.count < limits.maxTableRows else {
                        outline.diagnostics.append(.error(
                            "the table has more than \(limits.maxTableRows) rows, over the limit of \(limits.maxTableRows) (--max-rows)",
                            at: location(table)))
                        return nil
                    }
                    rows.append(row)
                }
            case .table:
                descend = false
            default:
                break
            }
            node = HTMLNode.next(after: current, descend: descend, within: table)
        }
        return RawTable(header: header ?? RawRow(cells: [], location: location(table)), rows: rows)
    }

    private mutating func readCells(_ row: HTMLNodePointer) -> ([RawCell], Bool) {
        var cells: [RawCell] = []
        cells.reserveCapacity(cellCountHint)
        var allHeaderCells = true
        var child = row.pointee.children
        while let c = child {
            let element = HTMLElement(c)
            if element == .td || element == .th {
                allHeaderCells = allHeaderCells && element == .th
                cells.append(RawCell(text: text(c), location: location(c)))
            }
            child = c.pointee.next
        }
        cellCountHint = cells.count
        return (cells, allHeaderCells)
    }

    /// The node's text with white space folded, left in `folder.bytes`.
    private mutating func foldText(_ node: HTMLNodePointer) {
        folder.reset()
        HTMLNode.appendText(of: node, to: &folder)
    }

    /// The node's text with white space folded.
    private mutating func text(_ node: HTMLNodePointer) -> String {
        foldText(node)
        return folder.string()
    }

    private func location(_ node: HTMLNodePointer) -> SourceLocation {
        SourceLocation(file: path, line: max(1, Int(xmlGetLineNo(node))), column: 1)
    }
}
