/// A page's prose as a Swift doc comment shows it: the HTML that upstream API docs leave in Fields
/// descriptions (`<ul> <li> <code>STANDARD</code> – ...`) as the Markdown Xcode and DocC render, and
/// UTF-8 that was read as Latin-1 or Windows-1252 repaired (`Mojibake`, warned about when the page is
/// read). The schema, and so `dump`, JSON Schema and SQL comments, keep the page's text.
enum DocCommentText {
    static func markdown(_ text: String) -> String {
        let repaired = Mojibake.repaired(text) ?? text
        guard repaired.utf8.contains(UInt8(ascii: "<")) || repaired.utf8.contains(UInt8(ascii: "\n")) else {
            return repaired
        }
        var out = ""
        var rest = Substring(repaired)
        var link: String?
        while let open = rest.firstIndex(of: "<") {
            out += rest[..<open]
            guard let close = rest[open...].firstIndex(of: ">"),
                let tag = Tag(rest[rest.index(after: open)..<close])
            else {
                // Not a tag we know (`<namespace>` in prose, a lone `<`): text.
                out += "<"
                rest = rest[rest.index(after: open)...]
                continue
            }
            rest = rest[rest.index(after: close)...]
            switch (tag.name, tag.closing) {
            case ("code", _): out += "`"
            case ("b", _), ("strong", _): out += "**"
            case ("i", _), ("em", _): out += "*"
            case ("li", false): out = trimmedLine(out) + "\n- "
            case ("li", true), ("ul", false), ("ol", false): out = trimmedLine(out)
            case ("ul", true), ("ol", true), ("p", _): out = trimmedLine(out) + "\n"
            case ("br", _): out = trimmedLine(out) + "\n"
            case ("a", false):
                link = tag.href
                out += link == nil ? "" : "["
            case ("a", true):
                if let href = link { out += "](\(href))" }
                link = nil
            default: break
            }
        }
        out += rest
        // No blank lines (a `///` line with nothing after it would end in a space; a Markdown list
        // may follow its paragraph directly), and no spaces the tags left at line starts.
        return out.split(separator: "\n").map { line -> String in
            let text = line.drop(while: { $0 == " " })
            guard text.hasPrefix("- ") else { return String(text) }
            return "- " + text.dropFirst(2).drop(while: { $0 == " " })
        }.filter { !$0.isEmpty }.joined(separator: "\n")
    }

    private static func trimmedLine(_ text: String) -> String {
        var text = text
        while text.last == " " { text.removeLast() }
        return text
    }

    /// A tag of the few HTML elements upstream descriptions use; nil for anything else.
    private struct Tag {
        static let known: Set<String> = ["code", "b", "strong", "i", "em", "li", "ul", "ol", "p", "br", "a"]
        var name: String
        var closing: Bool
        var href: String?

        init?(_ inside: Substring) {
            var body = inside.trimmingSuffix("/")
            closing = body.first == "/"
            if closing { body = body.dropFirst() }
            let parts = body.split(separator: " ", maxSplits: 1)
            guard let first = parts.first, Tag.known.contains(first.lowercased()) else { return nil }
            name = first.lowercased()
            if let attributes = parts.dropFirst().first, let start = attributes.range(of: "href=\"") {
                let value = attributes[start.upperBound...]
                href = value.firstIndex(of: "\"").map { String(value[..<$0]) }
            }
        }
    }
}

extension Substring {
    fileprivate func trimmingSuffix(_ suffix: Character) -> Substring {
        var text = self
        while text.last == suffix || text.last == " " { text = text.dropLast() }
        return text
    }
}
