/// "Did you mean": the names closest to one that matched nothing, for config keys, table ids and options.
enum EditDistance {
    /// The candidates at the smallest edit distance from `text` (ignoring case), when it is at most 2 (at
    /// most 1 for names under 4 characters), at most three, in the candidates' order.
    static func closest(to text: String, among candidates: [String]) -> [String] {
        let limit = text.count < 4 ? 1 : 2
        var best = limit + 1
        var found: [String] = []
        let x = Array(text.lowercased())
        for candidate in candidates {
            let y = Array(candidate.lowercased())
            guard abs(x.count - y.count) <= limit else { continue }
            let distance = levenshtein(x, y)
            if distance < best {
                best = distance
                found = [candidate]
            } else if distance == best {
                found.append(candidate)
            }
        }
        return best <= limit ? Array(found.prefix(3)) : []
    }

    /// Insertions, deletions and substitutions of one character.
    static func levenshtein(_ x: [Character], _ y: [Character]) -> Int {
        if x.isEmpty { return y.count }
        if y.isEmpty { return x.count }
        var previous = Array(0...y.count)
        for i in 1...x.count {
            var current = [i] + Array(repeating: 0, count: y.count)
            for j in 1...y.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[y.count]
    }
}
