/// A template context laid out in a few flat arrays: values are nodes that refer to each other by
/// index, and every text is a range of one byte buffer.
///
/// Why not render from `TemplateValue` itself: a tree of enums holding strings and arrays is
/// reference counted at every step: copying values out at each lookup, pushing them on the stack and
/// freeing the trees afterwards dominated rendering a catalog. Here a lookup compares integers, the stack holds plain frames (a node and the
/// context's arrays), a variable is a copy from the byte buffer, and a table's whole context is a
/// handful of allocations.
struct FlatContext: Sendable {
    enum Kind: UInt8, Sendable { case text, bool, list, object, lazy }

    /// Text: a range of `bytes`. Bool: `start` is 1 for true. List: a range of `items`. Object: a
    /// range of `members`. Lazy: `start` indexes `lazies`.
    struct Node: Sendable {
        var kind: Kind
        var start: Int32
        var end: Int32
    }

    /// A named value of an object: the key's `TemplateKey.id`, and the value's node.
    struct Member: Sendable {
        var key: Int32
        var value: Int32
    }

    var nodes: [Node]
    var members: [Member]
    var items: [Int32]
    var bytes: [UInt8]
    var lazies: [LazyItems]
    var root: Int32

    /// The arrays, borrowed for one render: valid inside `body` only.
    struct View {
        let nodes: UnsafeBufferPointer<Node>
        let members: UnsafeBufferPointer<Member>
        let items: UnsafeBufferPointer<Int32>
        let bytes: UnsafeBufferPointer<UInt8>
        let lazies: UnsafeBufferPointer<LazyItems>
    }

    func withView<R>(_ body: (View) -> R) -> R {
        nodes.withUnsafeBufferPointer { nodes in
            members.withUnsafeBufferPointer { members in
                items.withUnsafeBufferPointer { items in
                    bytes.withUnsafeBufferPointer { bytes in
                        lazies.withUnsafeBufferPointer { lazies in
                            body(View(nodes: nodes, members: members, items: items, bytes: bytes, lazies: lazies))
                        }
                    }
                }
            }
        }
    }
}

/// A list whose items are made one at a time as the template reaches them (`TemplateItems`), each
/// item a context of its own.
struct LazyItems: Sendable {
    let count: Int
    let make: @Sendable (Int) -> FlatContext
}

/// Builds a `FlatContext` value by value: open an object or list, set its members or append its
/// items, close it. The members of open containers wait in one scratch buffer and move into place
/// when their container closes, so each object's members end up side by side without an array of
/// their own.
struct FlatContextBuilder: ~Copyable {
    private var nodes: GrowingBuffer<FlatContext.Node>
    private var members: GrowingBuffer<FlatContext.Member>
    private var items = GrowingBuffer<Int32>(capacity: 64)
    private var bytes: GrowingBuffer<UInt8>
    private var lazies: [LazyItems] = []
    private var root: Int32 = 0
    /// The open containers' members (`key` is -1 for list items).
    private var pending = GrowingBuffer<FlatContext.Member>(capacity: 64)
    private var open: [(kind: FlatContext.Kind, key: Int32, start: Int)] = []

    init(bytes: Int = 0, nodes: Int = 0) {
        self.bytes = GrowingBuffer(capacity: bytes)
        self.nodes = GrowingBuffer(capacity: nodes)
        members = GrowingBuffer(capacity: nodes)
    }

    /// The context, once every container is closed; the last one closed at the top is the root.
    consuming func finish() -> FlatContext {
        precondition(open.isEmpty, "a container is still open")
        return FlatContext(
            nodes: nodes.array, members: members.array, items: items.array, bytes: bytes.array, lazies: lazies,
            root: root)
    }

    /// Starts an object: the root, an item of the open list, or with `key` a member of the open object.
    mutating func beginObject(_ key: TemplateKey? = nil) { begin(.object, key) }

    mutating func beginList(_ key: TemplateKey? = nil) { begin(.list, key) }

    /// Closes the innermost open object or list.
    mutating func end() {
        let frame = open.removeLast()
        let count = pending.count - frame.start
        let node: FlatContext.Node
        if frame.kind == .object {
            node = FlatContext.Node(kind: .object, start: Int32(members.count), end: Int32(members.count + count))
            pending.withElements(from: frame.start) { members.append(contentsOf: $0) }
        } else {
            node = FlatContext.Node(kind: .list, start: Int32(items.count), end: Int32(items.count + count))
            items.reserve(count)
            for i in frame.start..<pending.count { items.append(pending[i].value) }
        }
        pending.removeLast(count)
        attach(node, key: frame.key)
    }

    /// A member of the open object.
    mutating func set(_ key: TemplateKey, _ text: String) { attach(textNode(text), key: key.id) }

    mutating func set(_ key: TemplateKey, _ flag: Bool) { attach(flagNode(flag), key: key.id) }

    /// A list of texts (`summaryLines`).
    mutating func set(_ key: TemplateKey, lines: [String]) {
        beginList(key)
        for line in lines { append(line) }
        end()
    }

    mutating func set(_ key: TemplateKey, _ lazy: LazyItems) { attach(lazyNode(lazy), key: key.id) }

    /// A text item of the open list.
    mutating func append(_ text: String) { attach(textNode(text), key: -1) }

    /// A flag or lazy list as an item of the open list (only converted trees have these).
    mutating func appendFlag(_ flag: Bool) { attach(flagNode(flag), key: -1) }

    mutating func appendLazy(_ lazy: LazyItems) { attach(lazyNode(lazy), key: -1) }

    private mutating func begin(_ kind: FlatContext.Kind, _ key: TemplateKey?) {
        open.append((kind, key?.id ?? -1, pending.count))
    }

    private mutating func textNode(_ text: String) -> FlatContext.Node {
        let start = bytes.count
        if text.utf8.withContiguousStorageIfAvailable({ bytes.append(contentsOf: $0) }) == nil {
            var text = text
            text.withUTF8 { bytes.append(contentsOf: $0) }
        }
        return FlatContext.Node(kind: .text, start: Int32(start), end: Int32(bytes.count))
    }

    private func flagNode(_ flag: Bool) -> FlatContext.Node {
        FlatContext.Node(kind: .bool, start: flag ? 1 : 0, end: 0)
    }

    private mutating func lazyNode(_ lazy: LazyItems) -> FlatContext.Node {
        lazies.append(lazy)
        return FlatContext.Node(kind: .lazy, start: Int32(lazies.count - 1), end: 0)
    }

    /// Adds `node` as the root, or to the open container: with `key` to an object, with -1 to a list.
    @inline(__always)
    private mutating func attach(_ node: FlatContext.Node, key: Int32) {
        assert(
            open.last.map { ($0.kind == .object) == (key >= 0) } ?? true,
            "a member needs an open object, an item an open list")
        nodes.append(node)
        let index = Int32(nodes.count - 1)
        if open.isEmpty {
            root = index
        } else {
            pending.append(FlatContext.Member(key: key, value: index))
        }
    }
}

extension FlatContext {
    /// The same context laid out flat (for `CompiledTemplate.render(_: TemplateValue)`).
    init(_ value: TemplateValue) {
        var builder = FlatContextBuilder()
        Self.add(value, key: nil, to: &builder)
        self = builder.finish()
    }

    private static func add(_ value: TemplateValue, key: TemplateKey?, to builder: inout FlatContextBuilder) {
        switch value {
        case .text(let text):
            if let key { builder.set(key, text) } else { builder.append(text) }
        case .bool(let flag):
            if let key { builder.set(key, flag) } else { builder.appendFlag(flag) }
        case .list(let items):
            builder.beginList(key)
            for item in items { add(item, key: nil, to: &builder) }
            builder.end()
        case .items(let items):
            let lazy = LazyItems(count: items.count) { FlatContext(items[$0]) }
            if let key { builder.set(key, lazy) } else { builder.appendLazy(lazy) }
        case .object(let object):
            builder.beginObject(key)
            for (member, value) in object.entries { add(value, key: member, to: &builder) }
            builder.end()
        }
    }

    /// The context as a tree of values again (for tests and other engines).
    var tree: TemplateValue { withView { Self.tree(root, in: $0) } }

    private static func tree(_ index: Int32, in view: View) -> TemplateValue {
        let node = view.nodes[Int(index)]
        switch node.kind {
        case .text:
            return .text(
                String(
                    decoding: UnsafeBufferPointer(rebasing: view.bytes[Int(node.start)..<Int(node.end)]), as: UTF8.self)
            )
        case .bool:
            return .bool(node.start != 0)
        case .list:
            return .list(view.items[Int(node.start)..<Int(node.end)].map { tree($0, in: view) })
        case .object:
            return .object(
                TemplateObject(
                    entries: view.members[Int(node.start)..<Int(node.end)].map {
                        (TemplateKey(id: $0.key), tree($0.value, in: view))
                    }))
        case .lazy:
            let lazy = view.lazies[Int(node.start)]
            return .items(TemplateItems(count: lazy.count) { lazy.make($0).tree })
        }
    }
}
