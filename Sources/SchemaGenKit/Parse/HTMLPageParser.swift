import CLibXML2

/// Reads a data-directory page as the docs site serves it in HTML, through libxml2's HTML parser
/// with error recovery and no network access.
///
/// The fields table is found by its `<h2>Fields</h2>` heading, never by position, because the site
/// wraps the page in navigation and footer chrome that holds tables of its own.
public struct HTMLPageParser: PageParser {
    public var limits: ParseLimits

    public init(limits: ParseLimits = .default) {
        self.limits = limits
    }

    public func outline(of page: Page) -> PageOutline {
        var outline = PageOutline(path: page.path)
        do {
            try PageText.validate(page.bytes)
        } catch {
            outline.diagnostics.append(error.diagnostic(file: page.path))
            return outline
        }
        guard page.bytes.count < Int(Int32.max) else {
            outline.diagnostics.append(.error(
                "the page is too large for libxml2 (\(page.bytes.count) bytes)",
                at: SourceLocation(file: page.path, line: 1)))
            return outline
        }
        LibXML2.initialize()
        let options = Int32(
            HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NONET.rawValue | HTML_PARSE_NOERROR.rawValue
                | HTML_PARSE_NOWARNING.rawValue | HTML_PARSE_COMPACT.rawValue)
        guard let context = htmlNewParserCtxt() else {
            outline.diagnostics.append(.error("libxml2 could not start a parser", at: SourceLocation(file: page.path, line: 1)))
            return outline
        }
        defer { htmlFreeParserCtxt(context) }
        let document = page.bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress.map { base in
                base.withMemoryRebound(to: CChar.self, capacity: buffer.count) { chars in
                    htmlCtxtReadMemory(context, chars, Int32(buffer.count), nil, "UTF-8", options)
                }
            } ?? nil
        }
        guard let document else {
            outline.diagnostics.append(.error(
                "libxml2 could not read the page as HTML", at: SourceLocation(file: page.path, line: 1)))
            return outline
        }
        defer { xmlFreeDoc(document) }
        // libxml2 stops (silently, with recovery on) at elements nested deeper than its limit; the
        // rest of the page is lost, so say so instead of reporting what is then missing.
        if context.pointee.lastError.code == Int32(XML_ERR_INTERNAL_ERROR.rawValue),
            let message = context.pointee.lastError.message, String(cString: message).contains("Excessive depth")
        {
            outline.diagnostics.append(.error(
                "elements are nested more than \(ParseLimits.htmlNestingDepth) deep, libxml2's limit; "
                    + "the rest of the page cannot be read",
                at: SourceLocation(file: page.path, line: max(1, Int(context.pointee.lastError.line)))))
            return outline
        }
        var walker = HTMLOutlineWalker(path: page.path, limits: limits)
        walker.walk(xmlDocGetRootElement(document), into: &outline)
        return outline
    }
}

/// libxml2's one-time global set-up, which must happen before parsing on several threads.
enum LibXML2 {
    private static let initialized: Bool = {
        xmlInitParser()
        return true
    }()

    static func initialize() { _ = initialized }
}

private typealias NodePointer = UnsafeMutablePointer<xmlNode>

/// One pass over the document in order, picking out the parts of the page's layout.
private struct HTMLOutlineWalker {
    enum PendingTable { case fields, queryParameters }

    let path: String
    let limits: ParseLimits
    var pending: PendingTable?
    var titleFromPageTitle = false
    var schemaBlock: NodePointer?

    init(path: String, limits: ParseLimits) {
        self.path = path
        self.limits = limits
    }

    mutating func walk(_ root: NodePointer?, into outline: inout PageOutline) {
        var node = root
        while let current = node {
            let descend = visit(current, into: &outline)
            node = Self.next(after: current, descend: descend)
        }
    }

    /// Pre-order successor without recursion, so a deeply nested page cannot exhaust the stack.
    static func next(after node: NodePointer, descend: Bool) -> NodePointer? {
        if descend, let child = node.pointee.children { return child }
        var current: NodePointer? = node
        while let c = current {
            if let sibling = c.pointee.next { return sibling }
            current = c.pointee.parent
            if current?.pointee.type == XML_DOCUMENT_NODE || current?.pointee.type == XML_HTML_DOCUMENT_NODE {
                return nil
            }
        }
        return nil
    }

    /// Returns whether to walk into the node's children.
    mutating func visit(_ node: NodePointer, into outline: inout PageOutline) -> Bool {
        guard node.pointee.type == XML_ELEMENT_NODE, let name = Self.name(node) else { return true }
        switch name {
        case "h1":
            let isPageTitle = Self.attribute("id", of: node) == "pagetitle"
            if outline.title == nil || (isPageTitle && !titleFromPageTitle) {
                outline.title = Self.text(node)
                outline.titleLocation = location(node)
                titleFromPageTitle = isPageTitle
            }
            return false
        case "h2":
            switch Self.text(node).lowercased() {
            case "fields":
                pending = .fields
                if outline.fieldsHeading == nil { outline.fieldsHeading = location(node) }
            case "query parameters": pending = .queryParameters
            default: pending = nil
            }
            return false
        case "div":
            let classes = Self.classes(of: node)
            if classes.contains("ddsql-schema-single"), schemaBlock == nil { schemaBlock = node }
            if classes.contains("alert"), outline.fieldsHeading == nil,
                Self.text(node).lowercased().contains("deprecated")
            {
                outline.deprecated = true
                return false
            }
            return true
        case "p":
            if outline.summary.isEmpty, outline.tableID == nil, outline.title != nil, isInSchemaBlockOrNone(node) {
                outline.summary = Self.text(node)
            }
            return false
        case "pre":
            if outline.tableID == nil, outline.title != nil, outline.fieldsHeading == nil, pending == nil {
                let text = Self.text(node)
                if !text.isEmpty {
                    outline.tableID = text
                    outline.tableIDLocation = location(node)
                }
            }
            return false
        case "table":
            guard let wanted = pending else { return false }
            pending = nil
            guard let table = readTable(node, into: &outline) else { return false }
            switch wanted {
            case .fields: outline.fieldsTable = table
            case .queryParameters: outline.queryParametersTable = table
            }
            return false
        case "script", "style", "head":
            return false
        default:
            return true
        }
    }

    private func isInSchemaBlockOrNone(_ node: NodePointer) -> Bool {
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
    private func readTable(_ table: NodePointer, into outline: inout PageOutline) -> RawTable? {
        var header: RawRow?
        var rows: [RawRow] = []
        var node = table.pointee.children
        while let current = node {
            var descend = true
            if current.pointee.type == XML_ELEMENT_NODE, let name = Self.name(current) {
                if name == "tr" {
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
                } else if name == "table" {
                    descend = false
                }
            }
            node = Self.next(after: current, descend: descend, within: table)
        }
        return RawTable(header: header ?? RawRow(cells: [], location: location(table)), rows: rows)
    }

    private func readCells(_ row: NodePointer) -> ([RawCell], Bool) {
        var cells: [RawCell] = []
        var allHeaderCells = true
        var child = row.pointee.children
        while let c = child {
            if c.pointee.type == XML_ELEMENT_NODE, let name = Self.name(c), name == "td" || name == "th" {
                allHeaderCells = allHeaderCells && name == "th"
                cells.append(RawCell(text: Self.text(c), location: location(c)))
            }
            child = c.pointee.next
        }
        return (cells, allHeaderCells)
    }

    /// Pre-order successor that stays inside `root`.
    private static func next(after node: NodePointer, descend: Bool, within root: NodePointer) -> NodePointer? {
        if descend, let child = node.pointee.children { return child }
        var current: NodePointer? = node
        while let c = current, c != root {
            if let sibling = c.pointee.next { return sibling }
            current = c.pointee.parent
        }
        return nil
    }

    private func location(_ node: NodePointer) -> SourceLocation {
        SourceLocation(file: path, line: max(1, Int(xmlGetLineNo(node))), column: 1)
    }

    // MARK: Node helpers

    static func name(_ node: NodePointer) -> String? {
        node.pointee.name.map { String(cString: $0) }
    }

    static func attribute(_ attributeName: String, of node: NodePointer) -> String? {
        var attribute = node.pointee.properties
        while let a = attribute {
            if let n = a.pointee.name, String(cString: n) == attributeName {
                var value = ""
                var child = a.pointee.children
                while let c = child {
                    if let content = c.pointee.content { value += String(cString: content) }
                    child = c.pointee.next
                }
                return value
            }
            attribute = a.pointee.next
        }
        return nil
    }

    static func classes(of node: NodePointer) -> [Substring] {
        (attribute("class", of: node) ?? "").split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" })
    }

    /// The text of a subtree (entities decoded by libxml2), with white space folded; `<br>` counts as a space.
    static func text(_ root: NodePointer) -> String {
        var bytes: [UInt8] = []
        var node = root.pointee.children
        while let current = node {
            switch current.pointee.type {
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if let content = current.pointee.content {
                    var p = content
                    while p.pointee != 0 { bytes.append(p.pointee); p += 1 }
                }
            case XML_ELEMENT_NODE:
                if let n = current.pointee.name, strcmpASCII(n, "br") { bytes.append(UInt8(ascii: " ")) }
            default:
                break
            }
            let descend = current.pointee.type == XML_ELEMENT_NODE
            node = next(after: current, descend: descend, within: root)
        }
        return CellText.fold(String(decoding: bytes, as: UTF8.self))
    }

    private static func strcmpASCII(_ cString: UnsafePointer<xmlChar>, _ literal: StaticString) -> Bool {
        let count = literal.utf8CodeUnitCount
        let lit = literal.utf8Start
        for i in 0..<count where cString[i] != lit[i] { return false }
        return cString[count] == 0
    }
}
