/// What a template can read: text, a flag, a list, or an object of named values. Contexts are built
/// from these plain values (no reflection, no `Any`), so rendering is lookups and byte copies.
public indirect enum TemplateValue: Sendable, Hashable {
    case text(String)
    case bool(Bool)
    case list([TemplateValue])
    case object([String: TemplateValue])

    /// Mustache's falsy values: `false` and the empty list; everything else opens a section.
    var isFalsy: Bool {
        switch self {
        case .bool(let value): !value
        case .list(let items): items.isEmpty
        case .text, .object: false
        }
    }
}

extension TemplateValue: ExpressibleByStringLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral
{
    public init(stringLiteral value: String) { self = .text(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(arrayLiteral elements: TemplateValue...) { self = .list(elements) }
    public init(dictionaryLiteral elements: (String, TemplateValue)...) {
        self = .object(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }
}
