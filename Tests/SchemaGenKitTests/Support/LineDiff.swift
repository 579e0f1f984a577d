/// A unified diff of two texts, line by line, for test failures a person reads: hunks with three
/// lines of context, cut short after `maxLines` lines rather than printing a whole file.
enum LineDiff {
    static func unified(
        old: String, new: String, oldName: String = "expected", newName: String = "actual", maxLines: Int = 40
    ) -> String {
        let a = old.split(separator: "\n", omittingEmptySubsequences: false)
        let b = new.split(separator: "\n", omittingEmptySubsequences: false)
        let edits = script(a, b)
        var out = ["--- \(oldName)", "+++ \(newName)"]
        var shown = 0
        for hunk in hunks(edits, context: 3) {
            let oldStart = hunk.first { $0.old != nil }?.old ?? 0
            let newStart = hunk.first { $0.new != nil }?.new ?? 0
            let oldCount = hunk.filter { $0.old != nil }.count
            let newCount = hunk.filter { $0.new != nil }.count
            out.append("@@ -\(oldStart + 1),\(oldCount) +\(newStart + 1),\(newCount) @@")
            for edit in hunk {
                guard shown < maxLines else {
                    out.append("… (diff cut after \(maxLines) lines)")
                    return out.joined(separator: "\n")
                }
                switch (edit.old, edit.new) {
                case (let i?, _?): out.append(" " + a[i])
                case (let i?, nil): out.append("-" + a[i])
                case (nil, let j?): out.append("+" + b[j])
                case (nil, nil): continue
                }
                shown += 1
            }
        }
        if old.hasSuffix("\n") != new.hasSuffix("\n") {
            out.append("\\ the last line ends with a newline in only one of them")
        }
        return out.joined(separator: "\n")
    }

    /// One step of the edit script: a line of both (kept), of the old text only (removed) or of the
    /// new only (added), by line index.
    struct Edit {
        var old: Int?
        var new: Int?
    }

    /// The shortest edit script (a longest common subsequence) between the lines that differ after
    /// the common head and tail; a middle too large to compare cell by cell is shown as removed and
    /// added whole.
    static func script(_ a: [Substring], _ b: [Substring]) -> [Edit] {
        var head = 0
        while head < a.count, head < b.count, a[head] == b[head] { head += 1 }
        var tail = 0
        while tail < a.count - head, tail < b.count - head, a[a.count - 1 - tail] == b[b.count - 1 - tail] { tail += 1 }
        var edits = (0..<head).map { Edit(old: $0, new: $0) }
        let (n, m) = (a.count - head - tail, b.count - head - tail)
        if n * m <= 4_000_000 {
            // lcs[i][j]: the common subsequence length of a[head+i...] and b[head+j...] (middle only).
            var lcs = [[Int32]](repeating: [Int32](repeating: 0, count: m + 1), count: n + 1)
            for i in stride(from: n - 1, through: 0, by: -1) {
                for j in stride(from: m - 1, through: 0, by: -1) {
                    lcs[i][j] = a[head + i] == b[head + j] ? lcs[i + 1][j + 1] + 1 : max(lcs[i + 1][j], lcs[i][j + 1])
                }
            }
            var (i, j) = (0, 0)
            while i < n || j < m {
                if i < n, j < m, a[head + i] == b[head + j] {
                    edits.append(Edit(old: head + i, new: head + j))
                    (i, j) = (i + 1, j + 1)
                } else if i < n, j == m || lcs[i + 1][j] >= lcs[i][j + 1] {
                    edits.append(Edit(old: head + i, new: nil))
                    i += 1
                } else {
                    edits.append(Edit(old: nil, new: head + j))
                    j += 1
                }
            }
        } else {
            edits += (0..<n).map { Edit(old: head + $0, new: nil) } + (0..<m).map { Edit(old: nil, new: head + $0) }
        }
        edits += (0..<tail).map { Edit(old: a.count - tail + $0, new: b.count - tail + $0) }
        return edits
    }

    /// The changes with up to `context` kept lines around each; changes closer than twice that share a hunk.
    static func hunks(_ edits: [Edit], context: Int) -> [[Edit]] {
        let changed = edits.indices.filter { edits[$0].old == nil || edits[$0].new == nil }
        var ranges: [ClosedRange<Int>] = []
        for index in changed {
            let range = max(0, index - context)...min(edits.count - 1, index + context)
            if let last = ranges.last, range.lowerBound <= last.upperBound + 1 {
                ranges[ranges.count - 1] = last.lowerBound...range.upperBound
            } else {
                ranges.append(range)
            }
        }
        return ranges.map { Array(edits[$0]) }
    }
}
