/// The escaping filters every template can apply to text: `{{ sqlString(description) }}`.
/// Checked when a template is compiled, so a misspelt filter is an error with its line, not a blank.
public enum TemplateFilter: String, CaseIterable, Sendable {
    case swiftString, docComment, sqlString, sqlIdentifier, sqlComment, json

    func apply(_ text: String) -> String {
        switch self {
        case .swiftString: Escaping.swiftString(text)
        case .docComment: Escaping.docComment(text)
        case .sqlString: Escaping.sqlString(text)
        case .sqlIdentifier: Escaping.sqlIdentifier(text)
        case .sqlComment: Escaping.sqlComment(text)
        case .json: Escaping.jsonString(text)
        }
    }
}
