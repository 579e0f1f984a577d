import Dispatch

/// A Mustache template compiled once into a flat array of operations and rendered many times
/// straight into bytes.
///
/// Why not swift-mustache, which the project started with: rendering 2,200 tables through it cost
/// about 4.4 of the 6.2 seconds of a full run (dynamic casts of `Any` contexts, `String` building).
/// This renderer keeps Mustache's semantics for what the templates use — variables (HTML-escaped
/// unless `{{%CONTENT_TYPE: TEXT}}`), `{{{raw}}}`/`{{& raw}}`, sections over lists, objects and
/// flags, inverted sections, dotted names and `.`, comments, standalone-line removal — plus
/// schemagen's filters (`{{ sqlString(x) }}`), and the tests render every bundled template with both
/// engines and compare the bytes. Partials and delimiter changes are rejected when compiling.
public struct CompiledTemplate: Sendable {
    indirect enum Node: Sendable {
        case text([UInt8])
        case variable(TemplateName, filter: TemplateFilter?, escapeHTML: Bool)
        /// `ordinal`: the section's place among the template's sections, in source order.
        case section(TemplateName, inverted: Bool, children: [Node], ordinal: Int)
    }

    /// What rendering carries besides the output: the fragment memo, and for the item being
    /// memoized, the stack frame lookups must not go below for its fragment to be kept.
    struct RenderState {
        var memo: FragmentMemo?
        var floor = 0
        var reachedBelowFloor = false
    }

    /// The tree flattened into one array: a section's children follow it, up to its `end`. Walking
    /// an array of plain values costs no reference counting, where matching `indirect` enum cases
    /// retained every payload on every visit.
    struct Op: Sendable {
        enum Kind: UInt8, Sendable { case text, variable, section, invertedSection }
        var kind: Kind
        var escapeHTML = false
        var filter: TemplateFilter? = nil
        /// Index into `names` (variables and sections).
        var name: Int32 = 0
        /// Text: the bytes' range in `text`. Sections: `start` is the ordinal, `end` the op after the
        /// last child.
        var start: Int32 = 0
        var end: Int32 = 0
    }

    let ops: [Op]
    let text: [UInt8]
    let names: [TemplateName]

    public init(_ source: String) throws(TemplateSyntaxError) {
        var compiler = TemplateCompiler(source)
        var ops: [Op] = []
        var text: [UInt8] = []
        var names: [TemplateName] = []
        Self.flatten(try compiler.compile(), into: &ops, text: &text, names: &names)
        self.ops = ops
        self.text = text
        self.names = names
    }

    private static func flatten(_ nodes: [Node], into ops: inout [Op], text: inout [UInt8], names: inout [TemplateName]) {
        for node in nodes {
            switch node {
            case .text(let bytes):
                ops.append(Op(kind: .text, start: Int32(text.count), end: Int32(text.count + bytes.count)))
                text += bytes
            case .variable(let name, let filter, let escapeHTML):
                names.append(name)
                ops.append(Op(kind: .variable, escapeHTML: escapeHTML, filter: filter, name: Int32(names.count - 1)))
            case .section(let name, let inverted, let children, let ordinal):
                names.append(name)
                let at = ops.count
                ops.append(Op(
                    kind: inverted ? .invertedSection : .section, name: Int32(names.count - 1), start: Int32(ordinal)))
                flatten(children, into: &ops, text: &text, names: &names)
                ops[at].end = Int32(ops.count)
            }
        }
    }

    /// The arrays of a template, borrowed for one render.
    private struct Program: @unchecked Sendable {
        let ops: UnsafeBufferPointer<Op>
        let text: UnsafeBufferPointer<UInt8>
        let names: UnsafeBufferPointer<TemplateName>
    }

    /// Renders with `context` as the root of the context stack.
    public func render(_ context: TemplateValue) -> [UInt8] {
        render(context, memo: nil)
    }

    /// Renders, taking the items of keyed lists (`TemplateItems.keys`) from `memo` when it has them
    /// and recording the others there.
    func render(_ context: TemplateValue, memo: FragmentMemo?) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(16 * 1024)
        var stack = [context]
        var state = RenderState(memo: memo)
        ops.withUnsafeBufferPointer { ops in
            text.withUnsafeBufferPointer { text in
                names.withUnsafeBufferPointer { names in
                    let program = Program(ops: ops, text: text, names: names)
                    Self.render(program, 0..<ops.count, stack: &stack, into: &out, state: &state)
                }
            }
        }
        // A run holds every rendered file until it writes them: the buffer's growth slack (up to
        // half of it) would be a third of the run's memory, so keep only the bytes.
        let bytes = out.capacity > out.count + out.count / 8 ? Array(out) : out
        memo?.recordSlices(of: bytes)
        return bytes
    }

    private static func render(
        _ program: Program, _ range: Range<Int>, stack: inout [TemplateValue], into out: inout [UInt8],
        state: inout RenderState
    ) {
        var pc = range.lowerBound
        while pc < range.upperBound {
            let op = program.ops[pc]
            switch op.kind {
            case .text:
                out.append(contentsOf: UnsafeBufferPointer(rebasing: program.text[Int(op.start)..<Int(op.end)]))
                pc += 1
            case .variable:
                appendVariable(op, program.names[Int(op.name)], stack: stack, into: &out, state: &state)
                pc += 1
            case .invertedSection:
                let value = lookup(program.names[Int(op.name)], in: stack, state: &state)
                if value?.isFalsy ?? true { render(program, (pc + 1)..<Int(op.end), stack: &stack, into: &out, state: &state) }
                pc = Int(op.end)
            case .section:
                let children = (pc + 1)..<Int(op.end)
                pc = Int(op.end)
                guard let value = lookup(program.names[Int(op.name)], in: stack, state: &state), !value.isFalsy else {
                    continue
                }
                switch value {
                case .list(let items):
                    for item in items {
                        stack.append(item)
                        render(program, children, stack: &stack, into: &out, state: &state)
                        stack.removeLast()
                    }
                case .items(let items):
                    if state.floor == 0, items.count >= parallelItems || (state.memo != nil && items.keys != nil) {
                        renderItems(items, ordinal: Int(op.start), memo: state.memo, program, children, stack, &out)
                        continue
                    }
                    for i in 0..<items.count {
                        stack.append(items[i])
                        render(program, children, stack: &stack, into: &out, state: &state)
                        stack.removeLast()
                    }
                case .bool:
                    render(program, children, stack: &stack, into: &out, state: &state)
                case .object, .text:
                    stack.append(value)
                    render(program, children, stack: &stack, into: &out, state: &state)
                    stack.removeLast()
                }
            }
        }
    }

    @inline(__always)
    private static func appendVariable(
        _ op: Op, _ name: TemplateName, stack: [TemplateValue], into out: inout [UInt8], state: inout RenderState
    ) {
        guard let value = lookup(name, in: stack, state: &state) else { return }
        let text: String
        switch value {
        case .text(let s): text = s
        case .bool(let b): text = b ? "true" : "false"
        case .list, .items, .object: return
        }
        if op.escapeHTML {
            appendHTMLEscaped(op.filter.map { $0.apply(text) } ?? text, to: &out)
        } else if let filter = op.filter {
            filter.append(text, to: &out)
        } else if text.utf8.withContiguousStorageIfAvailable({ out.append(contentsOf: $0) }) == nil {
            out.append(contentsOf: text.utf8)
        }
    }

    /// A list of at least this many lazily made items (a catalog's tables) is rendered on all cores.
    static let parallelItems = 64

    /// Renders each item of a top-level section over lazily made items on its own, on all cores,
    /// and joins the fragments in order: for long lists, and for keyed lists under a memo. Rendering
    /// reads the context and writes only its own buffer, so the bytes are those of rendering the
    /// items one after another.
    ///
    /// With a memo, an item's output is a function of the item alone unless the section looks a name
    /// up below it on the stack (or fails to find one): an item whose key the last run recorded is
    /// copied, and only fragments rendered without looking below their item are recorded, so a
    /// recorded fragment stands for any item with the same key. Inside an item, lists are rendered
    /// one item after another and without the memo: a keyed list nested in another list is rendered
    /// every time (no bundled template has one).
    private static func renderItems(
        _ items: TemplateItems, ordinal: Int, memo: FragmentMemo?, _ program: Program, _ children: Range<Int>,
        _ stack: [TemplateValue], _ out: inout [UInt8]
    ) {
        let memoKeys = memo.flatMap { memo in items.keys.map { $0.map { memo.key(section: ordinal, item: $0) } } }
        let fragments = ResultSlots<(bytes: Fragment, reusable: Bool)>(count: items.count)
        let chunk = 8
        DispatchQueue.concurrentPerform(iterations: (items.count + chunk - 1) / chunk) { c in
            var stack = stack
            var state = RenderState(memo: nil)
            for i in (c * chunk)..<min(items.count, (c + 1) * chunk) {
                if let key = memoKeys?[i], let fragment = memo?.previous[key] {
                    fragments[i] = (fragment, true)
                    continue
                }
                var fragment: [UInt8] = []
                stack.append(items[i])
                state.floor = stack.count - 1
                state.reachedBelowFloor = false
                render(program, children, stack: &stack, into: &fragment, state: &state)
                stack.removeLast()
                fragments[i] = (fragment[...], !state.reachedBelowFloor)
            }
        }
        let rendered = fragments.values
        out.reserveCapacity(out.count + rendered.reduce(0) { $0 + $1.bytes.count })
        for (i, fragment) in rendered.enumerated() {
            let start = out.count
            out.append(contentsOf: fragment.bytes)
            if let memo, let key = memoKeys?[i], fragment.reusable { memo.recordedRanges[key] = start..<out.count }
        }
    }

    /// Mustache name resolution: `.` is the top of the stack; otherwise the first part is looked up
    /// from the top down, and the rest of a dotted name inside what it found.
    private static func lookup(_ name: TemplateName, in stack: [TemplateValue], state: inout RenderState) -> TemplateValue? {
        guard let first = name.parts.first else { return stack.last }
        var found: TemplateValue?
        var index = stack.count - 1
        while index >= 0 {
            if let value = stack[index].member(first) {
                found = value
                break
            }
            index -= 1
        }
        if index < state.floor { state.reachedBelowFloor = true }
        if name.parts.count > 1 {
            for part in name.parts.dropFirst() {
                found = found?.member(part)
                if found == nil { return nil }
            }
        }
        return found
    }

    private static func appendHTMLEscaped(_ text: String, to out: inout [UInt8]) {
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "&"): out.append(contentsOf: "&amp;".utf8)
            case UInt8(ascii: "<"): out.append(contentsOf: "&lt;".utf8)
            case UInt8(ascii: ">"): out.append(contentsOf: "&gt;".utf8)
            case UInt8(ascii: "\""): out.append(contentsOf: "&quot;".utf8)
            case UInt8(ascii: "'"): out.append(contentsOf: "&#39;".utf8)
            default: out.append(byte)
            }
        }
    }
}

/// `a.b.c` as its parts; `.` (the current item) has none.
struct TemplateName: Sendable, Equatable {
    var parts: [TemplateKey]
    var spelling: String

    init(_ spelling: String) {
        self.spelling = spelling
        parts = spelling == "." ? []
            : spelling.split(separator: ".", omittingEmptySubsequences: false).map { TemplateKey(String($0)) }
    }
}

/// A template that does not compile, with where.
public struct TemplateSyntaxError: Error, Sendable, CustomStringConvertible {
    public var line: Int
    public var column: Int
    public var message: String

    public var description: String { "\(line):\(column): \(message)" }
}
