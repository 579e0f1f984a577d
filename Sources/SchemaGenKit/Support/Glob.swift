/// The one wildcard syntax schemagen takes (`--table`, `tables:`, the diff's ignore list, `fetch`):
/// `*` any run of characters (also empty), `?` exactly one, everything else itself, and the whole text
/// must match. Characters are Swift `Character`s, so `?` is one user-perceived character.
public enum Glob {
    public static func matches(_ pattern: String, _ text: String) -> Bool {
        let p = Array(pattern)
        let t = Array(text)
        var pi = 0
        var ti = 0
        var star = -1
        var mark = 0
        while ti < t.count {
            if pi < p.count && (p[pi] == "?" || p[pi] == t[ti]) {
                pi += 1
                ti += 1
            } else if pi < p.count && p[pi] == "*" {
                star = pi
                mark = ti
                pi += 1
            } else if star >= 0 {
                pi = star + 1
                mark += 1
                ti = mark
            } else {
                return false
            }
        }
        while pi < p.count && p[pi] == "*" { pi += 1 }
        return pi == p.count
    }

    /// Whether `text` has a wildcard, rather than naming one thing.
    public static func isPattern(_ text: String) -> Bool { text.contains("*") || text.contains("?") }
}
