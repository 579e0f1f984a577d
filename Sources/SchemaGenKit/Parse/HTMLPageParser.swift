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
        do {
            try PageText.validate(page.bytes)
        } catch {
            return failed(error.diagnostic(file: page.path), page)
        }
        guard page.bytes.count < Int(Int32.max) else {
            return failed(
                .error(
                    "the page is too large for libxml2 (\(page.bytes.count) bytes)",
                    at: SourceLocation(file: page.path, line: 1)), page)
        }
        LibXML2.initialize()
        let options = Int32(
            HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NONET.rawValue | HTML_PARSE_NOERROR.rawValue
                | HTML_PARSE_NOWARNING.rawValue)
        guard let context = htmlNewParserCtxt() else {
            return failed(
                .error("libxml2 could not start a parser", at: SourceLocation(file: page.path, line: 1)), page)
        }
        defer { htmlFreeParserCtxt(context) }
        var reader = HTMLOutlineReader(path: page.path, limits: limits)
        // Events instead of a tree: libxml2 calls the reader back as it parses (the handler has no
        // tree-building callbacks, so no document is made).
        context.pointee.sax.pointee = Self.events
        withUnsafeMutablePointer(to: &reader) { reader in
            context.pointee._private = UnsafeMutableRawPointer(reader)
            let document = page.bytes.withUnsafeBufferPointer { buffer in
                buffer.baseAddress.map { base in
                    base.withMemoryRebound(to: CChar.self, capacity: buffer.count) { chars in
                        htmlCtxtReadMemory(context, chars, Int32(buffer.count), nil, "UTF-8", options)
                    }
                } ?? nil
            }
            // No document is built with these callbacks, so none is returned; one is freed all the same.
            if let document { xmlFreeDoc(document) }
            context.pointee._private = nil
        }
        if let line = reader.tooDeepAt {
            return failed(
                .error(
                    "an element is nested inside more than \(ParseLimits.htmlNestingDepth) others; "
                        + "the rest of the page cannot be read",
                    at: SourceLocation(file: page.path, line: max(1, line))), page)
        }
        return reader.outline
    }

    private func failed(_ diagnostic: Diagnostic, _ page: Page) -> PageOutline {
        var outline = PageOutline(path: page.path)
        outline.diagnostics.append(diagnostic)
        return outline
    }

    /// The callbacks, each handing libxml2's event to the reader that `_private` points at.
    private static var events: htmlSAXHandler {
        var handler = htmlSAXHandler()
        handler.startElement = { context, name, attributes in
            guard let name, let reader = HTMLPageParser.reader(context) else { return }
            let tag = HTMLPageParser.tag(name: name, attributes: attributes, context: context)
            // Where libxml2's tree builder stops: an element inside more than 256 open ones ends the parse.
            guard reader.pointee.depth <= ParseLimits.htmlNestingDepth else {
                reader.pointee.tooDeepAt = tag.line
                xmlStopParser(context?.assumingMemoryBound(to: xmlParserCtxt.self))
                return
            }
            reader.pointee.start(tag)
        }
        handler.endElement = { context, _ in
            HTMLPageParser.reader(context)?.pointee.end()
        }
        let text: charactersSAXFunc = { context, bytes, count in
            guard let bytes, count > 0, let reader = HTMLPageParser.reader(context) else { return }
            reader.pointee.text(UnsafeBufferPointer(start: bytes, count: Int(count)))
        }
        handler.characters = text
        // Script and style content: text to anything reading an element whole, as it is in the tree.
        handler.cdataBlock = text
        return handler
    }

    private static func reader(_ context: UnsafeMutableRawPointer?) -> UnsafeMutablePointer<HTMLOutlineReader>? {
        context?.assumingMemoryBound(to: xmlParserCtxt.self).pointee._private?
            .assumingMemoryBound(to: HTMLOutlineReader.self)
    }

    /// The start tag as the reader needs it; attributes are looked at only on the elements that
    /// have one the reader acts on.
    private static func tag(
        name: UnsafePointer<xmlChar>, attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?,
        context: UnsafeMutableRawPointer?
    ) -> HTMLTag {
        let element = HTMLElement(name: name)
        // The line the parser has reached: the start tag's end, as libxml2's tree records it.
        let line = context.map { Int($0.assumingMemoryBound(to: xmlParserCtxt.self).pointee.input.pointee.line) } ?? 1
        var tag = HTMLTag(element: element, line: line)
        guard element == .h1 || element == .div, let attributes else { return tag }
        // Pairs of name and value (nil for an attribute without one), ended by a nil name; libxml2
        // has dropped repeats of a name, keeping the first.
        var i = 0
        while let attribute = attributes[i] {
            let value =
                attributes[i + 1].map { UnsafeBufferPointer(start: $0, count: Int(xmlStrlen($0))) }
                ?? UnsafeBufferPointer(start: nil, count: 0)
            if element == .h1, HTMLName.equals(attribute, "id") {
                tag.isPageTitle = value.elementsEqual("pagetitle".utf8)
            } else if element == .div, HTMLName.equals(attribute, "class") {
                tag.isSchemaBlock = HTMLName.classList(value, contains: "ddsql-schema-single")
                tag.isAlert = HTMLName.classList(value, contains: "alert")
            }
            i += 2
        }
        return tag
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
