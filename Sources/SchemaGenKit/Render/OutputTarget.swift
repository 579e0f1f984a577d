/// What schemagen can generate. Each target is rendered from its own templates and checked in the
/// tests by its real consumer (swiftc, PostgreSQL, SQLite, a JSON Schema validator).
public enum OutputTarget: String, CaseIterable, Sendable, Hashable, Comparable {
    case swift
    case postgres
    case sqlite
    case jsonschema

    public static func < (lhs: OutputTarget, rhs: OutputTarget) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }

    /// Parses `swift,postgres` (the `--targets` option); nil names the first unknown word.
    public static func parseList(_ text: String) -> Result<Set<OutputTarget>, UnknownTarget> {
        var targets = Set<OutputTarget>()
        for word in text.split(separator: ",").map({ $0.trimmingCharacters(in: " ") }) where !word.isEmpty {
            guard let target = OutputTarget(rawValue: word.lowercased()) else {
                return .failure(UnknownTarget(name: word))
            }
            targets.insert(target)
        }
        // An empty list would make every generated file stale and delete it.
        if targets.isEmpty { return .failure(UnknownTarget(name: "")) }
        return .success(targets)
    }

    public struct UnknownTarget: Error, CustomStringConvertible {
        public var name: String
        public var description: String {
            let known = OutputTarget.allCases.map(\.rawValue).joined(separator: ", ")
            return name.isEmpty ? "no target named (known: \(known))" : "unknown target `\(name)` (known: \(known))"
        }
    }
}
