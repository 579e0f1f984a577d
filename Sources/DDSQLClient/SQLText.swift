import Foundation

/// Quoting for the SQL text the query builders write: identifiers in double quotes, strings in single quotes,
/// each with its quote character doubled, so no name or value can end the quoting early.
public enum SQLText {
    /// `"name"`.
    public static func identifier(_ name: String) -> String {
        "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// `'text'`.
    public static func literal(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "''") + "'"
    }

    /// `ARRAY['a', 'b']`.
    public static func arrayLiteral(_ texts: [String]) -> String {
        "ARRAY[" + texts.map(literal).joined(separator: ", ") + "]"
    }
}
