/// What one execute or fetch call answered: still running (with the id to poll), or the completed result.
enum DDSQLResponse {
    case running(queryID: String, requestID: String?)
    case completed(DDSQLResult)

    /// How deep `data.attributes.columns[i].values` is: the body is tokenized down to it, and each value in it
    /// (an hstore object, an array) is kept as one token, so a column's values are consecutive tokens.
    static let valuesDepth = 6

    /// Reads a 200 response body, checking the documented shape; unknown keys are ignored.
    static func parse(_ body: [UInt8]) throws(DDSQLError) -> DDSQLResponse {
        let document: JSONDocument
        do {
            document = try JSONDocument(bytes: body, tokenDepth: valuesDepth)
        } catch {
            throw .malformedResponse("body is not JSON: \(error.description)", requestID: nil)
        }
        let root = document.root
        var requestID: String?
        if let meta = document.member("meta", of: root), let id = document.member("request_id", of: meta),
            document.token(id).kind == .string
        {
            requestID = document.string(at: id)
        }
        func malformed(_ message: String) -> DDSQLError { .malformedResponse(message, requestID: requestID) }
        func object(_ name: String, in parent: Int, path: String) throws(DDSQLError) -> Int {
            guard let index = document.member(name, of: parent) else { throw malformed("no \(path)") }
            guard document.token(index).kind == .object else { throw malformed("\(path) is not an object") }
            return index
        }
        func string(_ name: String, in parent: Int, path: String) throws(DDSQLError) -> String {
            guard let index = document.member(name, of: parent), document.token(index).kind == .string else {
                throw malformed("no string \(path)")
            }
            return document.string(at: index)
        }

        guard document.token(root).kind == .object else { throw malformed("body is not a JSON object") }
        let data = try object("data", in: root, path: "data")
        let attributes = try object("attributes", in: data, path: "data.attributes")
        let state = try string("state", in: attributes, path: "data.attributes.state")
        switch state {
        case "running":
            return .running(
                queryID: try string("query_id", in: attributes, path: "data.attributes.query_id"),
                requestID: requestID)
        case "completed":
            break
        default:
            throw malformed("unknown state \"\(state)\"")
        }

        var warnings: [String] = []
        if let list = document.member("warnings", of: attributes), document.token(list).kind == .array {
            for warning in document.children(of: list) {
                let kind = document.token(warning).kind
                warnings.append(kind == .string ? document.string(at: warning) : document.sourceText(at: warning))
            }
        }

        guard let columnList = document.member("columns", of: attributes) else {
            throw malformed("completed without data.attributes.columns")
        }
        guard document.token(columnList).kind == .array else {
            throw malformed("data.attributes.columns is not an array")
        }
        var columns: [DDSQLResult.Column] = []
        var firstValues: [Int] = []
        var rowCount = 0
        for (position, entry) in document.children(of: columnList).enumerated() {
            let path = "data.attributes.columns[\(position)]"
            guard document.token(entry).kind == .object else { throw malformed("\(path) is not an object") }
            let name = try string("name", in: entry, path: "\(path).name")
            guard let typeIndex = document.member("type", of: entry), document.token(typeIndex).kind == .string else {
                throw malformed("column \(name) has no string type")
            }
            guard let values = document.member("values", of: entry), document.token(values).kind == .array else {
                throw malformed("column \(name) has no values array")
            }
            columns.append(.init(name: name, type: DDSQLColumnType(document.string(at: typeIndex))))
            // Each value is one token (see `valuesDepth`): the column's values are the tokens up to `next`.
            let count = Int(document.token(values).next) - values - 1
            firstValues.append(values + 1)
            if position == 0 {
                rowCount = count
            } else if count != rowCount {
                throw malformed(
                    "column \(name) has \(count) values but column "
                        + "\(columns[0].name) has \(rowCount): columns of different lengths")
            }
        }
        return .completed(
            DDSQLResult(
                document: document, firstValues: firstValues, columns: columns,
                rowCount: rowCount, warnings: warnings, requestID: requestID))
    }
}
