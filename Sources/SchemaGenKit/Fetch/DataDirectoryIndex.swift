import CLibXML2
import Foundation

/// The tables the docs site's data-directory index lists, read from its HTML with libxml2.
///
/// Tables are grouped in namespace sets (`<div data-set-id="AWS" class="set …">`) and each is a card
/// whose `<a class="stretched-link" href="…">` links the table's page. Only those links count: titles
/// repeat across tables, and the page around the sets holds navigation and other links.
public struct DataDirectoryIndex: Sendable, Hashable {
    /// The tables, in the order the index lists them, each id once.
    public var tables: [DocsSite.TablePage]
    /// Problems that make the list unusable (a table link whose id cannot be a file name, one id
    /// linked to two different pages).
    public var errors: [String]
    /// Links inside the sets that are not table pages; skipped.
    public var skipped: [String]

    /// Reads `html`, the index as served at `site.indexURL`.
    public init(html: [UInt8], site: DocsSite) {
        self.init(links: Self.setLinks(in: html), site: site)
    }

    /// The tables of links already found in an index (kept from an earlier run when it answers 304).
    init(links: [SetLink], site: DocsSite) {
        tables = []
        errors = []
        skipped = []
        var seen: [String: DocsSite.TablePage] = [:]
        for link in links {
            switch site.tablePage(href: link.href, setName: link.setName) {
            case .success(let page):
                if let earlier = seen[page.id] {
                    if earlier.htmlURL != page.htmlURL {
                        errors.append(
                            "table `\(page.id)` is linked to two pages: \(earlier.htmlURL.absoluteString) and "
                                + page.htmlURL.absoluteString)
                    }
                    continue
                }
                seen[page.id] = page
                tables.append(page)
            case .failure(let problem):
                if case .badTableID = problem {
                    errors.append(problem.description)
                } else {
                    skipped.append(problem.description)
                }
            }
        }
    }

    /// A link found in a namespace set.
    struct SetLink: Hashable {
        var setName: String
        var href: String
    }

    /// Every `a.stretched-link` inside an element with a `data-set-id`, in document order.
    static func setLinks(in html: [UInt8]) -> [SetLink] {
        guard !html.isEmpty, html.count < Int(Int32.max) else { return [] }
        LibXML2.initialize()
        let options = Int32(
            HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NONET.rawValue | HTML_PARSE_NOERROR.rawValue
                | HTML_PARSE_NOWARNING.rawValue)
        let document = html.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) { chars in
                htmlReadMemory(chars, Int32(buffer.count), nil, "UTF-8", options)
            }
        }
        guard let document else { return [] }
        defer { xmlFreeDoc(document) }
        var links: [SetLink] = []
        // Depth first without recursion (an index may nest deeply); each entry carries the set it is in.
        var stack: [(UnsafeMutablePointer<xmlNode>, String?)] = []
        if let root = xmlDocGetRootElement(document) { stack.append((root, nil)) }
        while let (node, enclosingSet) = stack.popLast() {
            var set = enclosingSet
            if node.pointee.type == XML_ELEMENT_NODE {
                let name = elementName(node)
                if let setID = attribute(node, "data-set-id") { set = setID }
                if name == "a", let set, hasClass(node, "stretched-link"), let href = attribute(node, "href") {
                    links.append(SetLink(setName: set, href: href.trimmingCharacters(in: .whitespacesAndNewlines)))
                }
            }
            // Children pushed last first, so they pop in document order.
            var children: [UnsafeMutablePointer<xmlNode>] = []
            var child = node.pointee.children
            while let current = child {
                if current.pointee.type == XML_ELEMENT_NODE { children.append(current) }
                child = current.pointee.next
            }
            for child in children.reversed() { stack.append((child, set)) }
        }
        return links
    }

    private static func elementName(_ node: UnsafeMutablePointer<xmlNode>) -> String {
        node.pointee.name.map { String(cString: $0) } ?? ""
    }

    /// The attribute's value, read from the tree as it is (no copy for libxml2 to free).
    private static func attribute(_ node: UnsafeMutablePointer<xmlNode>, _ name: String) -> String? {
        var property = node.pointee.properties
        while let current = property {
            defer { property = current.pointee.next }
            guard let attributeName = current.pointee.name, String(cString: attributeName) == name else { continue }
            var value = ""
            var child = current.pointee.children
            while let text = child {
                if let content = text.pointee.content { value += String(cString: content) }
                child = text.pointee.next
            }
            return value
        }
        return nil
    }

    private static func hasClass(_ node: UnsafeMutablePointer<xmlNode>, _ name: String) -> Bool {
        guard let classes = attribute(node, "class") else { return false }
        return classes.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\u{0C}" })
            .contains { $0 == name }
    }
}
