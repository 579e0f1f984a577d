/// A Mustache template compiled once into a flat array of operations and rendered many times
/// straight into bytes.
///
/// Why not swift-mustache: its dynamic casts of `Any` contexts and `String` building made rendering
/// most of a catalog's run (Documentation/Development/TemplateEngine.md). This renderer keeps Mustache's semantics for what the templates use — variables (HTML-escaped
/// unless `{{%CONTENT_TYPE: TEXT}}`), `{{{raw}}}`/`{{& raw}}`, sections over lists, objects and
/// flags, inverted sections, dotted names and `.`, comments, standalone-line removal — plus
/// schemagen's filters (`{{ sqlString(x) }}`), and the tests render every bundled template with both
/// engines and compare the bytes. Partials and delimiter changes are rejected when compiling.
public struct CompiledTemplate: Sendable {
    indirect enum Node: Sendable {
        case text([UInt8])
        case variable(TemplateName, filter: TemplateFilter?, escapeHTML: Bool)
        case section(TemplateName, inverted: Bool, children: [Node])
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
        /// Text: the bytes' range in `text`. Sections: `end` is the op after the last child.
        var start: Int32 = 0
        var end: Int32 = 0
    }

    /// A name as key numbers: the first part (-1 for `.`, the current item) and the rest, a range
    /// of `path`.
    struct NameRef: Sendable {
        var first: Int32
        var restStart: Int32
        var restEnd: Int32
    }

    let ops: [Op]
    let text: [UInt8]
    let names: [NameRef]
    let path: [Int32]

    public init(_ source: String) throws(TemplateSyntaxError) {
        var compiler = TemplateCompiler(source)
        var program = (ops: [Op](), text: [UInt8](), names: [NameRef](), path: [Int32]())
        Self.flatten(try compiler.compile(), into: &program)
        ops = program.ops
        text = program.text
        names = program.names
        path = program.path
    }

    /// A template of some of another's operations (`CompiledTemplate.Split`): the arrays as they are.
    init(ops: [Op], text: [UInt8], names: [NameRef], path: [Int32]) {
        self.ops = ops
        self.text = text
        self.names = names
        self.path = path
    }

    private static func flatten(
        _ nodes: [Node], into program: inout (ops: [Op], text: [UInt8], names: [NameRef], path: [Int32])
    ) {
        func add(_ name: TemplateName) -> Int32 {
            let start = Int32(program.path.count)
            program.path += name.parts.dropFirst().map(\.id)
            program.names.append(
                NameRef(first: name.parts.first?.id ?? -1, restStart: start, restEnd: Int32(program.path.count)))
            return Int32(program.names.count - 1)
        }
        for node in nodes {
            switch node {
            case .text(let bytes):
                let start = Int32(program.text.count)
                program.text += bytes
                program.ops.append(Op(kind: .text, start: start, end: Int32(program.text.count)))
            case .variable(let name, let filter, let escapeHTML):
                program.ops.append(Op(kind: .variable, escapeHTML: escapeHTML, filter: filter, name: add(name)))
            case .section(let name, let inverted, let children):
                let at = program.ops.count
                program.ops.append(Op(kind: inverted ? .invertedSection : .section, name: add(name)))
                flatten(children, into: &program)
                program.ops[at].end = Int32(program.ops.count)
            }
        }
    }

    /// The arrays of a template, borrowed for one render.
    private struct Program: @unchecked Sendable {
        let ops: UnsafeBufferPointer<Op>
        let text: UnsafeBufferPointer<UInt8>
        let names: UnsafeBufferPointer<NameRef>
        let path: UnsafeBufferPointer<Int32>
    }

    /// A value on the context stack, or found by a lookup: a node of a context being rendered, with
    /// the arrays of that context. Plain values only, so pushing, popping and looking up retain
    /// nothing. A frame never leaves the `withView` of its context (every push is popped inside
    /// it), and the contexts are immutable: hence Sendable, for the items rendered on all cores.
    private struct Frame: @unchecked Sendable {
        let view: FlatContext.View
        let node: FlatContext.Node

        init(_ view: FlatContext.View, _ index: Int32) {
            self.view = view
            node = view.nodes[Int(index)]
        }

        /// Mustache's falsy values: `false` and the empty list; everything else opens a section.
        var isFalsy: Bool {
            switch node.kind {
            case .bool: node.start == 0
            case .list: node.start == node.end
            case .lazy: view.lazies[Int(node.start)].count == 0
            case .text, .object: false
            }
        }

        /// The member `key` of an object (the last, if it has several), nil for anything else.
        @inline(__always)
        func member(_ key: Int32) -> Frame? {
            guard node.kind == .object else { return nil }
            var i = Int(node.end) - 1
            while i >= Int(node.start) {
                let member = view.members[i]
                if member.key == key { return Frame(view, member.value) }
                i -= 1
            }
            return nil
        }

        var bytes: UnsafeBufferPointer<UInt8> {
            UnsafeBufferPointer(rebasing: view.bytes[Int(node.start)..<Int(node.end)])
        }
    }

    /// Renders with `context` as the root of the context stack.
    public func render(_ context: TemplateValue) -> [UInt8] {
        render(FlatContext(context))
    }

    func render(_ context: FlatContext) -> [UInt8] {
        var out = RenderBuffer(capacity: 16 * 1024)
        withProgram { program in
            var stack: [Frame] = []
            Self.render(program, 0..<ops.count, in: context, stack: &stack, into: &out)
        }
        // Exactly the bytes: a run holds every rendered file until it writes them, and the buffer's
        // growth slack (up to half of it) would be held with each.
        return out.array
    }

    /// Renders with `context` on top of `root`: as a section's body renders for one item of a list
    /// that `root` holds, names the item lacks found in `root`.
    func render(_ context: FlatContext, under root: FlatContext) -> [UInt8] {
        var out = RenderBuffer(capacity: 4 * 1024)
        withProgram { program in
            var stack: [Frame] = []
            root.withView { view in
                stack.append(Frame(view, root.root))
                Self.render(program, 0..<ops.count, in: context, stack: &stack, into: &out)
                stack.removeLast()
            }
        }
        return out.array
    }

    /// The template's arrays, read in place for one render.
    private func withProgram(_ body: (Program) -> Void) {
        ops.withUnsafeBufferPointer { ops in
            text.withUnsafeBufferPointer { text in
                names.withUnsafeBufferPointer { names in
                    path.withUnsafeBufferPointer { path in
                        body(Program(ops: ops, text: text, names: names, path: path))
                    }
                }
            }
        }
    }

    private static func render(
        _ program: Program, _ range: Range<Int>, stack: inout [Frame], into out: inout RenderBuffer
    ) {
        var pc = range.lowerBound
        while pc < range.upperBound {
            let op = program.ops[pc]
            switch op.kind {
            case .text:
                out.appendBytes(UnsafeBufferPointer(rebasing: program.text[Int(op.start)..<Int(op.end)]))
                pc += 1
            case .variable:
                pc += 1
                guard let value = lookup(program, op.name, in: stack) else { continue }
                switch value.node.kind {
                case .text:
                    appendVariable(value.bytes, op, into: &out)
                case .bool:
                    let text: StaticString = value.node.start != 0 ? "true" : "false"
                    appendVariable(
                        UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount), op, into: &out)
                case .list, .lazy, .object:
                    continue
                }
            case .invertedSection:
                let value = lookup(program, op.name, in: stack)
                if value?.isFalsy ?? true { render(program, (pc + 1)..<Int(op.end), stack: &stack, into: &out) }
                pc = Int(op.end)
            case .section:
                let children = (pc + 1)..<Int(op.end)
                pc = Int(op.end)
                guard let value = lookup(program, op.name, in: stack), !value.isFalsy else { continue }
                switch value.node.kind {
                case .list:
                    for i in Int(value.node.start)..<Int(value.node.end) {
                        stack.append(Frame(value.view, value.view.items[i]))
                        render(program, children, stack: &stack, into: &out)
                        stack.removeLast()
                    }
                case .lazy:
                    let items = value.view.lazies[Int(value.node.start)]
                    for i in 0..<items.count {
                        render(program, children, in: items.make(i), stack: &stack, into: &out)
                    }
                case .bool:
                    render(program, children, stack: &stack, into: &out)
                case .object, .text:
                    stack.append(value)
                    render(program, children, stack: &stack, into: &out)
                    stack.removeLast()
                }
            }
        }
    }

    /// A variable's text (a flag's is `true` or `false`): through its filter, then HTML-escaped
    /// unless the template is text.
    /// Renders `range` with `context`'s root pushed on the stack, inside the context's view: the one
    /// place a context's frames are made, so none outlives the arrays it points into.
    private static func render(
        _ program: Program, _ range: Range<Int>, in context: FlatContext, stack: inout [Frame],
        into out: inout RenderBuffer
    ) {
        context.withView { view in
            stack.append(Frame(view, context.root))
            render(program, range, stack: &stack, into: &out)
            stack.removeLast()
        }
    }

    @inline(__always)
    private static func appendVariable(_ bytes: UnsafeBufferPointer<UInt8>, _ op: Op, into out: inout RenderBuffer) {
        if let filter = op.filter {
            if op.escapeHTML {
                var filtered: [UInt8] = []
                filter.append(bytes, to: &filtered)
                filtered.withUnsafeBufferPointer { appendHTMLEscaped($0, to: &out) }
            } else {
                filter.append(bytes, to: &out)
            }
        } else if op.escapeHTML {
            appendHTMLEscaped(bytes, to: &out)
        } else {
            out.appendBytes(bytes)
        }
    }

    /// Mustache name resolution: `.` is the top of the stack; otherwise the first part is looked up
    /// from the top down, and the rest of a dotted name inside what it found.
    @inline(__always)
    private static func lookup(_ program: Program, _ index: Int32, in stack: [Frame]) -> Frame? {
        let name = program.names[Int(index)]
        guard name.first >= 0 else { return stack.last }
        var found: Frame?
        var depth = stack.count - 1
        while depth >= 0 {
            if let value = stack[depth].member(name.first) {
                found = value
                break
            }
            depth -= 1
        }
        for i in Int(name.restStart)..<Int(name.restEnd) {
            found = found?.member(program.path[i])
            if found == nil { return nil }
        }
        return found
    }

    private static func appendHTMLEscaped(_ text: UnsafeBufferPointer<UInt8>, to out: inout RenderBuffer) {
        for byte in text {
            switch byte {
            case UInt8(ascii: "&"): out.append("&amp;")
            case UInt8(ascii: "<"): out.append("&lt;")
            case UInt8(ascii: ">"): out.append("&gt;")
            case UInt8(ascii: "\""): out.append("&quot;")
            case UInt8(ascii: "'"): out.append("&#39;")
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
        parts =
            spelling == "."
            ? []
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
