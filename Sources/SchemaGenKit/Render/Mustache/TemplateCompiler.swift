/// Parses Mustache source into `CompiledTemplate` nodes, applying the spec's standalone-line rule:
/// a line holding only a section, inverted, closing, comment or pragma tag (and white space)
/// disappears from the output entirely, line ending included.
struct TemplateCompiler {
    private let bytes: [UInt8]
    private var escapeHTML = true

    init(_ source: String) {
        bytes = Array(source.utf8)
    }

    private struct OpenSection {
        var name: TemplateName
        var inverted: Bool
        var nodes: [CompiledTemplate.Node]
        var line: Int
        var column: Int
    }

    mutating func compile() throws(TemplateSyntaxError) -> [CompiledTemplate.Node] {
        var stack: [OpenSection] = []
        var nodes: [CompiledTemplate.Node] = []
        func emit(_ node: CompiledTemplate.Node) {
            if stack.isEmpty { nodes.append(node) } else { stack[stack.count - 1].nodes.append(node) }
        }
        func emitText(_ range: Range<Int>) {
            if !range.isEmpty { emit(.text(Array(bytes[range]))) }
        }

        var pos = 0
        while let open = find("{{", from: pos) {
            let (line, column) = position(of: open)
            let triple = open + 2 < bytes.count && bytes[open + 2] == UInt8(ascii: "{")
            let closer = triple ? "}}}" : "}}"
            let contentStart = open + (triple ? 3 : 2)
            guard let close = find(closer, from: contentStart) else {
                throw TemplateSyntaxError(line: line, column: column, message: "tag is never closed with `\(closer)`")
            }
            let tagEnd = close + closer.utf8.count
            var content = String(decoding: bytes[contentStart..<close], as: UTF8.self)
                .trimmingCharacters(in: " ")
            var sigil: Character = triple ? "{" : " "
            if !triple, let first = content.first, "#^/!%&>=<$".contains(first) {
                sigil = first
                content = String(content.dropFirst()).trimmingCharacters(in: " ")
            }

            let standaloneKinds: Set<Character> = ["#", "^", "/", "!", "%"]
            var textEnd = open
            var next = tagEnd
            if standaloneKinds.contains(sigil), let (lineStart, after) = standalone(tagStart: open, tagEnd: tagEnd) {
                textEnd = lineStart
                next = after
            }
            emitText(pos..<textEnd)
            pos = next

            switch sigil {
            case "!":
                continue
            case "%":
                try pragma(content, line: line, column: column)
            case "#", "^":
                try checkName(content, line: line, column: column)
                stack.append(
                    OpenSection(
                        name: TemplateName(content), inverted: sigil == "^", nodes: [], line: line, column: column))
            case "/":
                guard let section = stack.popLast() else {
                    throw TemplateSyntaxError(
                        line: line, column: column, message: "`{{/\(content)}}` closes no section")
                }
                guard section.name.spelling == content else {
                    throw TemplateSyntaxError(
                        line: line, column: column,
                        message:
                            "`{{/\(content)}}` closes `\(section.name.spelling)`, opened at \(section.line):\(section.column)"
                    )
                }
                emit(.section(section.name, inverted: section.inverted, children: section.nodes))
            case ">", "<", "$", "=":
                throw TemplateSyntaxError(
                    line: line, column: column,
                    message:
                        "`{{\(sigil)` (partials, blocks and delimiter changes) is not supported by schemagen's templates"
                )
            case "{", "&":
                let (name, filter) = try variable(content, line: line, column: column)
                emit(.variable(name, filter: filter, escapeHTML: false))
            default:
                let (name, filter) = try variable(content, line: line, column: column)
                emit(.variable(name, filter: filter, escapeHTML: escapeHTML))
            }
        }
        emitText(pos..<bytes.count)
        if let open = stack.last {
            throw TemplateSyntaxError(
                line: open.line, column: open.column, message: "section `\(open.name.spelling)` is never closed")
        }
        return nodes
    }

    /// `name` or `filter(name)`.
    private func variable(_ content: String, line: Int, column: Int) throws(TemplateSyntaxError)
        -> (TemplateName, TemplateFilter?)
    {
        if let paren = content.firstIndex(of: "("), content.hasSuffix(")") {
            let filterName = content[..<paren].trimmingCharacters(in: " ")
            let argument = content[content.index(after: paren)..<content.index(before: content.endIndex)]
                .trimmingCharacters(in: " ")
            guard let filter = TemplateFilter(rawValue: filterName) else {
                throw TemplateSyntaxError(
                    line: line, column: column,
                    message: "unknown filter `\(filterName)` (known: "
                        + TemplateFilter.allCases.map(\.rawValue).joined(separator: ", ") + ")")
            }
            try checkName(argument, line: line, column: column)
            return (TemplateName(argument), filter)
        }
        try checkName(content, line: line, column: column)
        return (TemplateName(content), nil)
    }

    private func checkName(_ name: String, line: Int, column: Int) throws(TemplateSyntaxError) {
        let valid =
            name == "."
            || (!name.isEmpty
                && name.split(separator: ".", omittingEmptySubsequences: false).allSatisfy {
                    !$0.isEmpty && $0.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }
                })
        if !valid {
            throw TemplateSyntaxError(line: line, column: column, message: "`\(name)` is not a valid name")
        }
    }

    private mutating func pragma(_ content: String, line: Int, column: Int) throws(TemplateSyntaxError) {
        let parts = content.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: " ") }
        guard parts.count == 2, parts[0] == "CONTENT_TYPE", ["TEXT", "HTML"].contains(parts[1]) else {
            throw TemplateSyntaxError(
                line: line, column: column,
                message: "unknown pragma `\(content)` (supported: CONTENT_TYPE: TEXT, CONTENT_TYPE: HTML)")
        }
        escapeHTML = parts[1] == "HTML"
    }

    /// When the tag stands alone on its line: where that line starts and where the next one does.
    private func standalone(tagStart: Int, tagEnd: Int) -> (lineStart: Int, nextLine: Int)? {
        var lineStart = tagStart
        while lineStart > 0, bytes[lineStart - 1] == UInt8(ascii: " ") || bytes[lineStart - 1] == UInt8(ascii: "\t") {
            lineStart -= 1
        }
        guard lineStart == 0 || bytes[lineStart - 1] == UInt8(ascii: "\n") else { return nil }
        var after = tagEnd
        while after < bytes.count, bytes[after] == UInt8(ascii: " ") || bytes[after] == UInt8(ascii: "\t") {
            after += 1
        }
        if after == bytes.count { return (lineStart, after) }
        if bytes[after] == UInt8(ascii: "\n") { return (lineStart, after + 1) }
        if bytes[after] == UInt8(ascii: "\r"), after + 1 < bytes.count, bytes[after + 1] == UInt8(ascii: "\n") {
            return (lineStart, after + 2)
        }
        return nil
    }

    private func find(_ needle: String, from start: Int) -> Int? {
        let n = Array(needle.utf8)
        guard bytes.count >= n.count else { return nil }
        var i = start
        while i + n.count <= bytes.count {
            if bytes[i] == n[0], bytes[i..<(i + n.count)].elementsEqual(n) { return i }
            i += 1
        }
        return nil
    }

    /// Where `position(of:)` last counted to: tags are met in order, so each byte is counted once.
    private var counted = (offset: 0, line: 1, column: 1)

    /// 1-based line and column (in Unicode scalars) of a byte offset.
    private mutating func position(of offset: Int) -> (Int, Int) {
        if offset < counted.offset { counted = (0, 1, 1) }
        var (line, column) = (counted.line, counted.column)
        for i in counted.offset..<offset {
            if bytes[i] == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else if bytes[i] & 0xC0 != 0x80 {
                column += 1
            }
        }
        counted = (offset, line, column)
        return (line, column)
    }
}
