/// Picks out the parts of a page's layout from libxml2's parse events, in document order, without
/// a document tree, which libxml2 would build and free for nothing.
///
/// The events nest as the tree would (libxml2 reports the elements it closes implicitly). One
/// exception: a start tag cut off by the end of the input gets no end event; the elements around
/// it still end, each one event early, which the depths below absorb since the input is over
/// (tested). So the rules are those of a walk over the tree: an element is either acted on as a
/// whole (a heading, a paragraph, a table: its text is folded into one reused buffer) or its
/// children are looked at in turn. Only the text the outline keeps (title, summary, table id,
/// cells) becomes a String.
struct HTMLOutlineReader {
    private(set) var outline: PageOutline
    private let limits: ParseLimits

    private var pending: PendingTable?
    private var titleFromPageTitle = false

    /// The `ddsql-schema-single` block: the page's summary is the first paragraph inside it.
    private enum SchemaBlock {
        case notSeen
        case open(depth: Int)
        case closed
    }
    private var schemaBlock = SchemaBlock.notSeen

    /// How many elements are open.
    private(set) var depth = 0
    /// Set by the parser when a start tag at this line was nested past the limit and it stopped.
    var tooDeepAt: Int?
    /// The element being read as a whole, if any: everything inside it goes to it.
    private var capture: Capture?
    /// Scratch buffer for the text being folded, reused from element to element.
    private var folder = TextFolder()
    /// How many cells the previous row had: rows of a table are alike.
    private var cellCountHint = 5
    /// The held events of an alert being replayed, and the index of the one being replayed: an
    /// alert inside it is judged from the events ahead instead of being held again, so however deep
    /// alerts nest, the page's events are held once.
    private var replaying: (held: HeldEvents, index: Int)?

    init(path: String, limits: ParseLimits) {
        outline = PageOutline(path: path)
        self.limits = limits
    }

    // MARK: Events

    mutating func start(_ tag: HTMLTag) {
        depth += 1
        guard let capture else { return look(at: tag) }
        switch capture.purpose {
        case .skip:
            break
        case .title, .heading, .summary, .tableID:
            folder.append(tag)
        case .alert(let held):
            folder.append(tag)
            held.events.append(.start(tag))
        case .table(_, let table):
            table.start(tag, depth: depth, folder: &folder)
        }
    }

    mutating func end() {
        guard depth > 0 else { return }
        defer { depth -= 1 }
        if let capture, depth > capture.depth {
            switch capture.purpose {
            case .alert(let held):
                held.events.append(.end)
            case .table(_, let table):
                if let problem = table.end(depth: depth, folder: &folder) {
                    outline.diagnostics.append(problem)
                }
            case .skip, .title, .heading, .summary, .tableID:
                break
            }
            return
        }
        if let capture {
            self.capture = nil
            finish(capture)
        }
        if case .open(let blockDepth) = schemaBlock, blockDepth == depth { schemaBlock = .closed }
    }

    /// Text and CDATA, entities already decoded.
    mutating func text(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let capture else { return }
        switch capture.purpose {
        case .skip:
            break
        case .title, .heading, .summary, .tableID:
            folder.append(bytes)
        case .alert(let held):
            folder.append(bytes)
            held.append(bytes)
        case .table(_, let table):
            if table.isInCell { folder.append(bytes) }
        }
    }

    // MARK: Elements looked at in turn

    /// An element whose parent's children are being looked at.
    private mutating func look(at tag: HTMLTag) {
        switch tag.element {
        case .h1:
            let wanted = outline.title == nil || (tag.isPageTitle && !titleFromPageTitle)
            begin(wanted ? .title(isPageTitle: tag.isPageTitle) : .skip, tag)
        case .h2:
            begin(.heading, tag)
        case .div:
            if case .notSeen = schemaBlock, tag.isSchemaBlock { schemaBlock = .open(depth: depth) }
            // An alert before the fields is read whole if it says "deprecated"; otherwise its
            // children are looked at. Which of the two shows only at its end: until then its events
            // are held, or, when they are being replayed already, read ahead.
            guard outline.fieldsHeading == nil, tag.isAlert else { return }
            if let (held, index) = replaying {
                if aheadMentionsDeprecation(held, after: index) {
                    outline.deprecated = true
                    outline.deprecationNotice = folder.string()
                    begin(.skip, tag)
                }
            } else {
                begin(.alert(HeldEvents()), tag)
            }
        case .p:
            let wanted =
                outline.summary.isEmpty && outline.tableID == nil && outline.title != nil && isInSchemaBlockOrNone
            begin(wanted ? .summary : .skip, tag)
        case .pre:
            let wanted =
                outline.tableID == nil && outline.title != nil && outline.fieldsHeading == nil && pending == nil
            begin(wanted ? .tableID : .skip, tag)
        case .table:
            if let wanted = pending {
                pending = nil
                let table = HTMLTableReader(
                    path: outline.path, limits: limits, cellCountHint: cellCountHint, tableLine: tag.line)
                begin(.table(wanted, table), tag)
            } else {
                begin(.skip, tag)
            }
        case .skipped:
            begin(.skip, tag)
        case .tr, .td, .th, .br, .other:
            break
        }
    }

    private var isInSchemaBlockOrNone: Bool {
        switch schemaBlock {
        case .notSeen, .open: true
        case .closed: false
        }
    }

    private mutating func begin(_ purpose: Capture.Purpose, _ tag: HTMLTag) {
        folder.reset()
        capture = Capture(purpose: purpose, depth: depth, line: tag.line)
    }

    private mutating func finish(_ capture: Capture) {
        switch capture.purpose {
        case .skip:
            break
        case .title(let isPageTitle):
            outline.title = folder.string()
            outline.titleLocation = location(capture.line)
            titleFromPageTitle = isPageTitle
        case .heading:
            if ASCII.equalsIgnoringCase(folder.bytes, "fields") {
                pending = .fields
                if outline.fieldsHeading == nil { outline.fieldsHeading = location(capture.line) }
            } else if ASCII.equalsIgnoringCase(folder.bytes, "query parameters") {
                pending = .queryParameters
            } else {
                pending = nil
            }
        case .summary:
            outline.summary = folder.string()
        case .tableID:
            let text = folder.string()
            if !text.isEmpty {
                outline.tableID = text
                outline.tableIDLocation = location(capture.line)
            }
        case .table(let wanted, let table):
            cellCountHint = table.cellCountHint
            guard let table = table.result() else { return }
            switch wanted {
            case .fields: outline.fieldsTable = table
            case .queryParameters: outline.queryParametersTable = table
            }
        case .alert(let held):
            if mentionsDeprecation() {
                outline.deprecated = true
                outline.deprecationNotice = folder.string()
                return
            }
            // Not about deprecation: its children are looked at as if they had just been read.
            // Alerts inside it are judged by reading ahead (`look(at:)`), never held again, so a
            // replay never starts within a replay.
            held.text.withUnsafeBufferPointer { text in
                for index in held.events.indices {
                    replaying = (held, index)
                    switch held.events[index] {
                    case .start(let tag): start(tag)
                    case .end: end()
                    case .text(let range): self.text(UnsafeBufferPointer(rebasing: text[range]))
                    }
                }
            }
            replaying = nil
        }
    }

    /// Whether the text of the element that starts at `held.events[index]` says "deprecated":
    /// its events up to its end, folded as they would be if it were read whole.
    private mutating func aheadMentionsDeprecation(_ held: HeldEvents, after index: Int) -> Bool {
        folder.reset()
        var open = 1
        var i = index + 1
        held.text.withUnsafeBufferPointer { text in
            while i < held.events.count, open > 0 {
                switch held.events[i] {
                case .start(let tag):
                    open += 1
                    folder.append(tag)
                case .end:
                    open -= 1
                case .text(let range):
                    folder.append(UnsafeBufferPointer(rebasing: text[range]))
                }
                i += 1
            }
        }
        return mentionsDeprecation()
    }

    /// Whether the folded text says "deprecated", in any case. ASCII text is searched as bytes;
    /// other text keeps the String search (Foundation's, which matches equivalent Unicode).
    private func mentionsDeprecation() -> Bool {
        if ASCII.isASCII(folder.bytes) {
            return folder.bytes.withUnsafeBufferPointer { ASCII.containsIgnoringCase($0, "deprecated") }
        }
        return folder.string().lowercased().contains("deprecated")
    }

    private func location(_ line: Int) -> SourceLocation {
        SourceLocation(file: outline.path, line: max(1, line), column: 1)
    }
}

/// The element being read as a whole, and what for.
private struct Capture {
    enum Purpose {
        /// Read for nothing: a subtree the outline never looks into.
        case skip
        case title(isPageTitle: Bool)
        case heading
        case summary
        case tableID
        case table(PendingTable, HTMLTableReader)
        case alert(HeldEvents)
    }

    let purpose: Purpose
    /// The element's depth: its end is the end at this depth.
    let depth: Int
    let line: Int
}

/// The table a heading announces, to be read when it comes.
private enum PendingTable { case fields, queryParameters }

/// An alert's events, held until its text shows whether it is about deprecation. A class, so the
/// events are appended in place while the capture holding it stays where it is.
private final class HeldEvents {
    enum Event {
        case start(HTMLTag)
        case end
        case text(Range<Int>)
    }

    var events: [Event] = []
    /// The texts of the `.text` events, one after the other.
    private(set) var text: [UInt8] = []

    func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        let start = text.count
        text.append(contentsOf: bytes)
        events.append(.text(start..<text.count))
    }
}
