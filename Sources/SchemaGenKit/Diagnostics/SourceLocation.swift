/// A place in an input page, so every message can point a user (or an editor) at the exact spot.
public struct SourceLocation: Hashable, Sendable, Codable, Comparable {
    /// The path as the user gave it (or as found under a directory they gave).
    public var file: String
    /// 1-based line number.
    public var line: Int
    /// 1-based column, counted in Unicode scalars.
    public var column: Int

    public init(file: String, line: Int, column: Int = 1) {
        self.file = file
        self.line = line
        self.column = column
    }

    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        (lhs.file, lhs.line, lhs.column) < (rhs.file, rhs.line, rhs.column)
    }

    /// `path:line:col`, the prefix compilers use and editors jump to.
    public var description: String { "\(file):\(line):\(column)" }
}
