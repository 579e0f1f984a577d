/// A template cut around its one top-level section over a list: what comes before the section, the
/// section's body, and what comes after. Rendering the head, then the body for each item on top of
/// the whole context, then the tail gives the bytes rendering the whole template gives, so a caller
/// can render (or keep) one item's part of a file without the others.
struct TemplateSplit: Sendable {
    let head: CompiledTemplate
    let body: CompiledTemplate
    let tail: CompiledTemplate
}

extension CompiledTemplate {
    /// The template cut around its section `key`, when `key` names exactly one section at the top
    /// level and nothing else in the template (no other section, variable or dotted name reads it);
    /// otherwise nil, and the template can only be rendered whole.
    func split(around key: TemplateKey) -> TemplateSplit? {
        func readsKey(_ op: Op) -> Bool {
            guard op.kind != .text else { return false }
            let name = names[Int(op.name)]
            return name.first == key.id || path[Int(name.restStart)..<Int(name.restEnd)].contains(key.id)
        }
        var found: Int? = nil
        var pc = 0
        while pc < ops.count {
            let op = ops[pc]
            if op.kind == .section, readsKey(op), names[Int(op.name)].restStart == names[Int(op.name)].restEnd {
                guard found == nil else { return nil }
                found = pc
            }
            pc = op.kind == .section || op.kind == .invertedSection ? Int(op.end) : pc + 1
        }
        guard let at = found else { return nil }
        let end = Int(ops[at].end)
        for i in ops.indices where i != at && readsKey(ops[i]) { return nil }
        func part(_ range: Range<Int>) -> CompiledTemplate {
            let shift = Int32(range.lowerBound)
            let rebased = ops[range].map { op -> Op in
                var op = op
                if op.kind == .section || op.kind == .invertedSection { op.end -= shift }
                return op
            }
            return CompiledTemplate(ops: rebased, text: text, names: names, path: path)
        }
        return TemplateSplit(head: part(0..<at), body: part((at + 1)..<end), tail: part(end..<ops.count))
    }
}
