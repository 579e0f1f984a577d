/// Whether a config value is written as a Swift type, so a mistyped `swift.types` or
/// `swift.columnTypes` value is an error at its config line rather than generated Swift that does
/// not compile.
///
/// Accepted: a name or dotted path (`Int`, `Foundation.URL`), generic arguments on any component
/// (`Set<String>`, `Swift.Dictionary<String, [Int]>`), arrays and dictionaries (`[T]`, `[K: V]`), and `?`
/// on types inside brackets or generic arguments. The top level must not be optional: every column is
/// already optional. Whether the type exists and is `Codable`, `Hashable` and `Sendable` is the
/// compiler's check, not this one.
enum SwiftTypeSyntax {
    /// nil when `text` is a valid non-optional type, else what is wrong, for the message.
    static func problem(in text: String) -> String? {
        var parser = Parser(scalars: Array(text.unicodeScalars))
        parser.skipSpaces()
        guard parser.parseType() else { return parser.problem ?? "not a Swift type" }
        parser.skipSpaces()
        if parser.peek == "?" || parser.peek == "!" { return "the type itself must not be optional" }
        guard parser.atEnd else { return "unexpected `\(parser.rest)`" }
        return nil
    }

    private struct Parser {
        let scalars: [Unicode.Scalar]
        var index = 0
        var problem: String?
        /// Nesting depth, bounded so a hostile value cannot exhaust the stack.
        var depth = 0

        var atEnd: Bool { index == scalars.count }
        var peek: Unicode.Scalar? { atEnd ? nil : scalars[index] }
        var rest: String { String(String.UnicodeScalarView(scalars[index...])) }

        mutating func skipSpaces() {
            while let c = peek, c == " " { index += 1 }
        }

        mutating func fail(_ message: String) -> Bool {
            if problem == nil { problem = message }
            return false
        }

        /// type := ( `[` type (`:` type)? `]` | path ) `?`*   (the `?` handled by the caller at the top)
        mutating func parseType() -> Bool {
            depth += 1
            defer { depth -= 1 }
            guard depth <= 32 else { return fail("nested too deeply") }
            skipSpaces()
            if peek == "[" {
                index += 1
                guard parseInner() else { return false }
                skipSpaces()
                if peek == ":" {
                    index += 1
                    guard parseInner() else { return false }
                    skipSpaces()
                }
                guard peek == "]" else { return fail(atEnd ? "missing `]`" : "expected `]` at `\(rest)`") }
                index += 1
                return true
            }
            return parsePath()
        }

        /// A type inside brackets or generic arguments, which may be optional.
        mutating func parseInner() -> Bool {
            guard parseType() else { return false }
            skipSpaces()
            while peek == "?" { index += 1 }
            return true
        }

        /// path := identifier generics? (`.` identifier generics?)*
        mutating func parsePath() -> Bool {
            while true {
                guard parseIdentifier() else { return false }
                if peek == "<" {
                    index += 1
                    repeat {
                        if peek == "," { index += 1 }
                        guard parseInner() else { return false }
                        skipSpaces()
                    } while peek == ","
                    guard peek == ">" else { return fail(atEnd ? "missing `>`" : "expected `>` at `\(rest)`") }
                    index += 1
                }
                guard peek == "." else { return true }
                index += 1
            }
        }

        mutating func parseIdentifier() -> Bool {
            let start = index
            while let c = peek, c.isASCII, c.properties.isAlphabetic || ("0"..."9").contains(c) || c == "_" {
                index += 1
            }
            let name = String(String.UnicodeScalarView(scalars[start..<index]))
            guard let first = name.unicodeScalars.first else {
                return fail(atEnd ? "a type name is missing at the end" : "expected a type name at `\(rest)`")
            }
            if ("0"..."9").contains(first) { return fail("`\(name)` starts with a digit") }
            if SwiftNaming.keywords.contains(name), !["Any", "Self", "Type", "Protocol"].contains(name) {
                return fail("`\(name)` is a Swift keyword")
            }
            return true
        }
    }
}
