/// A markdown page's deprecation notice line as the words a reader sees, so the markdown and the HTML form
/// of a page give the same notice: Markdoc tags (`{% alert %}`), a blockquote's `>`, `*` and backquotes and link
/// targets removed, white space folded.
enum DeprecationNoticeText {
    static func plain(_ line: Substring) -> String {
        var out = ""
        var rest = line.drop { $0 == ">" || $0 == " " || $0 == "\t" }
        while let c = rest.first {
            if rest.hasPrefix("{%"), let close = rest.range(of: "%}") {
                out += " "
                rest = rest[close.upperBound...]
            } else if c == "*" || c == "`" {
                rest = rest.dropFirst()
            } else if c == "[", let middle = rest.range(of: "]("),
                let close = rest[middle.upperBound...].firstIndex(of: ")")
            {
                // `[text](url)`: the text stays (its markers removed on the next turns), the target goes.
                let text = rest[rest.index(after: rest.startIndex)..<middle.lowerBound]
                rest = Substring(text + rest[close...].dropFirst())
            } else {
                out.append(c)
                rest = rest.dropFirst()
            }
        }
        return out.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" }).joined(separator: " ")
    }
}
