/// A name a template reads that its context does not offer there, so it would render as nothing:
/// a misspelt or renamed key, an item's key outside its list, a list used as text.
public struct UndeclaredTemplateName: Sendable, Hashable, CustomStringConvertible {
    /// The name as written (`titel`, `properties.column`, `.`).
    public var name: String
    /// The sections it is inside, outermost first, as opened (`["#properties", "^hasTitle"]`).
    public var sections: [String]
    /// Why it renders nothing, with the nearest declared keys when the name is not one.
    public var reason: String

    public var description: String {
        let place =
            sections.isEmpty
            ? "at the top level" : "inside " + sections.map { "{{\($0)}}" }.joined(separator: " ")
        return "`\(name)` \(place): \(reason)"
    }
}

extension TemplateContextDeclaration {
    /// Every name in `source` that this context does not offer where it is read, in template order.
    ///
    /// Follows Mustache's lookup: a name is found in the innermost enclosing list item that has it,
    /// else further out, up to the root; a flag's section or an inverted section opens no scope; in a
    /// section over lines (or text), `.` is the line.
    public func undeclaredNames(in source: String) throws(TemplateSyntaxError) -> [UndeclaredTemplateName] {
        var compiler = TemplateCompiler(source)
        var found: [UndeclaredTemplateName] = []
        Self.check(try compiler.compile(), scopes: [.object(keys)], sections: [], into: &found)
        return found
    }

    /// What a section pushed on the context stack, as far as names go.
    private enum Scope {
        case object([Key])
        case text
    }

    private static func check(
        _ nodes: [CompiledTemplate.Node], scopes: [Scope], sections: [String],
        into found: inout [UndeclaredTemplateName]
    ) {
        for node in nodes {
            switch node {
            case .text:
                continue
            case .variable(let name, _, _):
                switch resolve(name, in: scopes) {
                case .failure(let reason):
                    found.append(UndeclaredTemplateName(name: name.spelling, sections: sections, reason: reason.text))
                case .success(.list), .success(.lines):
                    found.append(
                        UndeclaredTemplateName(
                            name: name.spelling, sections: sections,
                            reason:
                                "a list renders nothing as a variable; open it as a section, `{{#\(name.spelling)}}`"))
                case .success:
                    continue
                }
            case .section(let name, let inverted, let children):
                let inside = sections + [(inverted ? "^" : "#") + name.spelling]
                switch resolve(name, in: scopes) {
                case .failure(let reason):
                    found.append(UndeclaredTemplateName(name: name.spelling, sections: sections, reason: reason.text))
                    // An inverted section's body reads the same scopes; a section's would read an
                    // unknown item's keys, each reported again for nothing.
                    if inverted { check(children, scopes: scopes, sections: inside, into: &found) }
                case .success(let kind):
                    var inner = scopes
                    if !inverted {
                        switch kind {
                        case .list(let keys): inner.append(.object(keys))
                        case .lines, .text: inner.append(.text)
                        case .flag: break
                        }
                    }
                    check(children, scopes: inner, sections: inside, into: &found)
                }
            }
        }
    }

    /// The kind of the value `name` finds, or why it finds nothing.
    private static func resolve(_ name: TemplateName, in scopes: [Scope]) -> Result<Kind, ReasonText> {
        guard let first = name.parts.first else {
            if case .text = scopes.last { return .success(.text) }
            return .failure(ReasonText("`.` is a line only inside a section over lines (`summaryLines`)"))
        }
        var known: [String] = []
        for scope in scopes.reversed() {
            guard case .object(let keys) = scope else { continue }
            if let key = keys.last(where: { $0.key == first }) {
                guard name.parts.count == 1 else {
                    return .failure(ReasonText("`\(first.name)` has no keys of its own; dotted names find nothing"))
                }
                return .success(key.kind)
            }
            known += keys.map(\.name)
        }
        let near = EditDistance.closest(to: first.name, among: known)
        let suggestion = near.isEmpty ? "" : " (did you mean " + near.map { "`\($0)`" }.joined(separator: ", ") + "?)"
        return .failure(ReasonText("no such key here" + suggestion))
    }

    /// A `Result` failure carrying the reason as text.
    private struct ReasonText: Error {
        var text: String
        init(_ text: String) { self.text = text }
    }
}
