/// The escaping filters every template can apply to text: `{{ sqlString(description) }}`.
/// Checked when a template is compiled, so a misspelt filter is an error with its line, not a blank.
public enum TemplateFilter: String, CaseIterable, Sendable {
    case swiftString, docComment, sqlString, sqlIdentifier, sqlComment, json

    /// The escaped text (for other engines).
    func apply(_ text: String) -> String {
        var out: [UInt8] = []
        Escaping.appending(text, { append($0, to: &$1) }, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends the escaped text straight to the rendered bytes.
    func append<Sink: ByteSink & ~Copyable>(_ text: UnsafeBufferPointer<UInt8>, to out: inout Sink) {
        switch self {
        case .swiftString: Escaping.appendSwiftString(text, to: &out)
        case .docComment: Escaping.appendDocComment(text, to: &out)
        case .sqlString: Escaping.appendSQLString(text, to: &out)
        case .sqlIdentifier: Escaping.appendSQLIdentifier(text, to: &out)
        case .sqlComment: Escaping.appendSQLComment(text, to: &out)
        case .json: Escaping.appendJSONString(text, to: &out)
        }
    }
}
