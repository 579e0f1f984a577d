/// Why a text is not JSON, and the byte offset where that became clear.
struct JSONSyntaxError: Error, CustomStringConvertible {
    let offset: Int
    let message: String

    var description: String { "\(message) at byte \(offset)" }
}
