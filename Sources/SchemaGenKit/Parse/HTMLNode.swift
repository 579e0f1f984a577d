import CLibXML2

typealias HTMLNodePointer = UnsafeMutablePointer<xmlNode>

/// The elements the HTML outline walker acts on, told apart by their name bytes (libxml2's HTML
/// parser lower-cases tag names), so walking a page makes no String per node.
enum HTMLElement {
    case h1, h2, div, p, pre, table, tr, td, th, br
    /// `script`, `style`, `head`: never part of the page's content.
    case skipped
    case other

    init(_ node: HTMLNodePointer) {
        guard node.pointee.type == XML_ELEMENT_NODE, let name = node.pointee.name else {
            self = .other
            return
        }
        func rest(_ literal: StaticString) -> Bool { HTMLNode.equals(name + 1, literal) }
        switch name[0] {
        case UInt8(ascii: "h"):
            self = rest("1") ? .h1 : rest("2") ? .h2 : rest("ead") ? .skipped : .other
        case UInt8(ascii: "d"):
            self = rest("iv") ? .div : .other
        case UInt8(ascii: "p"):
            self = rest("") ? .p : rest("re") ? .pre : .other
        case UInt8(ascii: "t"):
            self = rest("r") ? .tr : rest("d") ? .td : rest("h") ? .th : rest("able") ? .table : .other
        case UInt8(ascii: "b"):
            self = rest("r") ? .br : .other
        case UInt8(ascii: "s"):
            self = rest("cript") || rest("tyle") ? .skipped : .other
        default:
            self = .other
        }
    }
}

/// Reading libxml2 nodes: attributes and text, straight from the `children`, `next` and `content`
/// pointers (no `xmlNodeGetContent` copies).
enum HTMLNode {
    /// Whether the NUL-terminated `cString` is exactly `literal`.
    static func equals(_ cString: UnsafePointer<xmlChar>, _ literal: StaticString) -> Bool {
        let count = literal.utf8CodeUnitCount
        let bytes = literal.utf8Start
        for i in 0..<count where cString[i] != bytes[i] { return false }
        return cString[count] == 0
    }

    static func bytes(of cString: UnsafePointer<xmlChar>) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: cString, count: Int(xmlStrlen(cString)))
    }

    /// The value of the node's attribute `name`, appended to `value`; false when there is no such
    /// attribute.
    static func attribute(_ name: StaticString, of node: HTMLNodePointer, into value: inout [UInt8]) -> Bool {
        var attribute = node.pointee.properties
        while let a = attribute {
            if let n = a.pointee.name, equals(n, name) {
                var child = a.pointee.children
                while let c = child {
                    if let content = c.pointee.content { value.append(contentsOf: bytes(of: content)) }
                    child = c.pointee.next
                }
                return true
            }
            attribute = a.pointee.next
        }
        return false
    }

    /// Whether the node's `class` attribute lists `className`.
    ///
    /// Classes are split at spaces, tabs and line feeds taken as Characters, so a `\r\n` or a
    /// combining mark after a space does not split. Values that are ASCII without `\r` (all real
    /// ones) have one Character per byte and are split as bytes; others as Characters.
    static func hasClass(_ className: StaticString, _ node: HTMLNodePointer, scratch: inout [UInt8]) -> Bool {
        scratch.removeAll(keepingCapacity: true)
        guard attribute("class", of: node, into: &scratch) else { return false }
        let isPlain = scratch.allSatisfy { $0 < 0x80 && $0 != UInt8(ascii: "\r") }
        guard isPlain else {
            let classes = String(decoding: scratch, as: UTF8.self)
                .split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" })
            return classes.contains(Substring(String(describing: className)))
        }
        let wanted = UnsafeBufferPointer(start: className.utf8Start, count: className.utf8CodeUnitCount)
        var tokenStart = 0
        for i in 0...scratch.count where i == scratch.count || scratch[i] == 0x20 || scratch[i] == 0x09 || scratch[i] == 0x0A {
            if scratch[tokenStart..<i].elementsEqual(wanted) { return true }
            tokenStart = i + 1
        }
        return false
    }

    /// Appends the text of the subtree under `root` (entities decoded by libxml2) to `folder`,
    /// which folds white space; `<br>` counts as a space.
    static func appendText(of root: HTMLNodePointer, to folder: inout TextFolder) {
        var node = root.pointee.children
        while let current = node {
            let type = current.pointee.type
            if type == XML_TEXT_NODE || type == XML_CDATA_SECTION_NODE {
                if let content = current.pointee.content { folder.append(bytes(of: content)) }
            } else if type == XML_ELEMENT_NODE, let name = current.pointee.name, equals(name, "br") {
                folder.appendSpace()
            }
            node = next(after: current, descend: type == XML_ELEMENT_NODE, within: root)
        }
    }

    /// Pre-order successor without recursion, so a deeply nested page cannot exhaust the stack.
    static func next(after node: HTMLNodePointer, descend: Bool) -> HTMLNodePointer? {
        if descend, let child = node.pointee.children { return child }
        var current: HTMLNodePointer? = node
        while let c = current {
            if let sibling = c.pointee.next { return sibling }
            current = c.pointee.parent
            if current?.pointee.type == XML_DOCUMENT_NODE || current?.pointee.type == XML_HTML_DOCUMENT_NODE {
                return nil
            }
        }
        return nil
    }

    /// Pre-order successor that stays inside `root`.
    static func next(after node: HTMLNodePointer, descend: Bool, within root: HTMLNodePointer) -> HTMLNodePointer? {
        if descend, let child = node.pointee.children { return child }
        var current: HTMLNodePointer? = node
        while let c = current, c != root {
            if let sibling = c.pointee.next { return sibling }
            current = c.pointee.parent
        }
        return nil
    }
}
