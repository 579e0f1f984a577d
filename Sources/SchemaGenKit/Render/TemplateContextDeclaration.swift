/// The keys one template's context offers, each with its kind and meaning: the contract between
/// schemagen and a user's template (`--templates DIR`), declared once so that the context builders,
/// `Documentation/Templates.md` and the check of a template's names all read the same list.
public struct TemplateContextDeclaration: Sendable, Hashable {
    /// What a key holds, which decides how a template uses it.
    public enum Kind: Sendable, Hashable {
        /// Text: `{{ key }}`, or through a filter, `{{ sqlString(key) }}`.
        case text
        /// A flag: `{{#key}}…{{/key}}` when true, `{{^key}}…{{/key}}` when false.
        case flag
        /// Prose already wrapped into lines: `{{#key}}/// {{ docComment(.) }}{{/key}}`, once per line.
        case lines
        /// A list of objects with these keys: `{{#key}}…{{/key}}` once per item, the item's keys
        /// readable inside besides the outer ones.
        case list([Key])
    }

    public struct Key: Sendable, Hashable {
        public var key: TemplateKey
        public var kind: Kind
        /// One line: what the value is, for the reference.
        public var meaning: String

        public init(_ key: TemplateKey, _ kind: Kind, _ meaning: String) {
            self.key = key
            self.kind = kind
            self.meaning = meaning
        }

        public var name: String { key.name }
    }

    /// The keys of the context's root, in the order the reference lists them.
    public var keys: [Key]

    public init(_ keys: [Key]) {
        self.keys = keys
    }
}
