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
