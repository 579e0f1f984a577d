import Foundation

/// What a template can read: text, a flag, a list, or an object of named values — a context as a
/// tree of plain values (no reflection, no `Any`), for library users, tests and other engines.
/// schemagen's own contexts are built flat (`FlatContext`), and a tree is laid out flat before it is
/// rendered.
///
/// Not `indirect`: lists and objects already hold their members in arrays, so a value needs no box
/// of its own.
public enum TemplateValue: Sendable, Hashable {
    case text(String)
    case bool(Bool)
    case list([TemplateValue])
    /// A list whose items are made one at a time as the template reaches them, so a 2,200-table
    /// catalog never has every table's context in memory at once.
    case items(TemplateItems)
    case object(TemplateObject)
}

/// The items of a lazily made list: how many, and how to make the one at an index. Held in one
/// reference, so that a `TemplateValue` is no larger than its text case.
public struct TemplateItems: Sendable, Hashable {
    private final class Storage: Sendable {
        let count: Int
        let make: @Sendable (Int) -> TemplateValue

        init(count: Int, make: @escaping @Sendable (Int) -> TemplateValue) {
            self.count = count
            self.make = make
        }
    }

    private let storage: Storage

    public var count: Int { storage.count }

    public init(count: Int, _ make: @escaping @Sendable (Int) -> TemplateValue) {
        storage = Storage(count: count, make: make)
    }

    public subscript(index: Int) -> TemplateValue { storage.make(index) }

    /// Every item, made now (for tests and other engines).
    public var all: [TemplateValue] { (0..<count).map(storage.make) }

    public static func == (lhs: TemplateItems, rhs: TemplateItems) -> Bool { lhs.all == rhs.all }
    public func hash(into hasher: inout Hasher) { hasher.combine(all) }
}

/// The named values of an object context, kept as a short list rather than a dictionary: a context
/// has a dozen keys at most, and comparing a few key numbers is cheaper than hashing a name. The
/// order is kept, as it is when the object is laid out flat.
public struct TemplateObject: Sendable, Hashable, ExpressibleByDictionaryLiteral {
    /// In the order given; a later entry for a key hides an earlier one, as a dictionary would
    /// replace it. The literal's own array is kept as the storage: no copy, no per-key search.
    private(set) var entries: [(TemplateKey, TemplateValue)]

    public init(dictionaryLiteral elements: (TemplateKey, TemplateValue)...) {
        entries = elements
    }

    init(entries: [(TemplateKey, TemplateValue)]) {
        self.entries = entries
    }

    /// The value for `key`; setting one that exists replaces it, setting nil removes it.
    public subscript(key: TemplateKey) -> TemplateValue? {
        get { index(of: key).map { entries[$0].1 } }
        set {
            if let newValue {
                if let i = index(of: key) { entries[i].1 = newValue } else { entries.append((key, newValue)) }
            } else {
                entries.removeAll { $0.0.id == key.id }
            }
        }
    }

    /// The last entry for `key`.
    @inline(__always)
    private func index(of key: TemplateKey) -> Int? {
        var i = entries.count - 1
        while i >= 0 {
            if entries[i].0.id == key.id { return i }
            i -= 1
        }
        return nil
    }

    public var isEmpty: Bool { entries.isEmpty }

    /// The members as a dictionary (for tests and other engines).
    public var dictionary: [String: TemplateValue] {
        Dictionary(entries.map { ($0.0.name, $0.1) }, uniquingKeysWith: { _, last in last })
    }

    /// Equal when the same names have the same values, whatever order they were added in.
    public static func == (lhs: TemplateObject, rhs: TemplateObject) -> Bool {
        lhs.dictionary == rhs.dictionary
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(dictionary)
    }
}

/// A name in a template context, numbered once (`id`): every key with the same name has the same
/// number, so lookups compare integers.
public struct TemplateKey: Sendable, Hashable, ExpressibleByStringLiteral {
    public let name: String
    let id: Int32

    public init(_ name: String) {
        self.name = name
        id = KeyNumbers.shared.id(of: name)
    }

    public init(stringLiteral literal: String) {
        self.init(literal)
    }

    /// The key numbered `id`.
    init(id: Int32) {
        self.id = id
        name = KeyNumbers.shared.name(of: id)
    }

    public static func == (lhs: TemplateKey, rhs: TemplateKey) -> Bool { lhs.id == rhs.id }
    public func hash(into hasher: inout Hasher) { hasher.combine(id) }
}

/// The numbers of key names, handed out as keys are made: by the contexts' keys once (they are
/// constants, `TemplateContextKeys`) and by each template's names when it is compiled, so never on
/// the rendering path. Making a key takes a lock and the table only grows: a library user building
/// contexts from many distinct or dynamic names pays for that, which schemagen's fixed keys do not.
private final class KeyNumbers: @unchecked Sendable {
    static let shared = KeyNumbers()
    private let lock = NSLock()
    private var ids: [String: Int32] = [:]
    private var names: [String] = []

    func id(of name: String) -> Int32 {
        lock.lock()
        defer { lock.unlock() }
        if let id = ids[name] { return id }
        let id = Int32(names.count)
        names.append(name)
        ids[name] = id
        return id
    }

    func name(of id: Int32) -> String {
        lock.lock()
        defer { lock.unlock() }
        return names[Int(id)]
    }
}

extension TemplateValue: ExpressibleByStringLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral
{
    public init(stringLiteral value: String) { self = .text(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(arrayLiteral elements: TemplateValue...) { self = .list(elements) }
    public init(dictionaryLiteral elements: (TemplateKey, TemplateValue)...) {
        self = .object(TemplateObject(entries: elements))
    }
}
