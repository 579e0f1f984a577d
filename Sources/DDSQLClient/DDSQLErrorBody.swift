/// Reads an error response: JSON:API `{"errors": [{"detail": ...}]}` or a 429's `{"errors": ["..."]}`.
enum DDSQLErrorBody {
    /// Each error's `detail` verbatim (its `title` when it has no detail; a plain string as it is) and the
    /// request id (`meta.request_id` of the body or of an error), when the body is JSON.
    static func read(_ response: HTTPResponse) -> (details: [String], requestID: String?, text: String) {
        let bytes = Array(response.body)
        let text = String(decoding: bytes.prefix(2000), as: UTF8.self)
        var details: [String] = []
        var requestID: String?
        guard let document = try? JSONDocument(bytes: bytes), document.token(document.root).kind == .object else {
            return (details, response.header("x-request-id"), text)
        }
        func stringMember(_ name: String, of index: Int) -> String? {
            guard let member = document.member(name, of: index), document.token(member).kind == .string else {
                return nil
            }
            return document.string(at: member)
        }
        if let meta = document.member("meta", of: document.root) {
            requestID = stringMember("request_id", of: meta)
        }
        if let errors = document.member("errors", of: document.root), document.token(errors).kind == .array {
            for error in document.children(of: errors) {
                switch document.token(error).kind {
                case .string:
                    details.append(document.string(at: error))
                case .object:
                    if let detail = stringMember("detail", of: error) ?? stringMember("title", of: error) {
                        details.append(detail)
                    }
                    if requestID == nil, let meta = document.member("meta", of: error) {
                        requestID = stringMember("request_id", of: meta)
                    }
                default:
                    details.append(document.sourceText(at: error, limit: 500))
                }
            }
        }
        return (details, requestID ?? response.header("x-request-id"), text)
    }
}
