/// A parameter of a polymorphic table function (dd.logs and friends): these tables are queried as
/// `dd.logs(columns => ..., filter => ...)`, so the parameters are part of the contract but are not columns.
public struct QueryParameter: Hashable, Sendable, Codable {
    public var name: String
    /// The type as written, without its backticks: `array<string>`, `string`.
    public var type: String
    public var required: Bool
    public var description: String
    public var line: Int

    public init(name: String, type: String, required: Bool, description: String, line: Int) {
        self.name = name
        self.type = type
        self.required = required
        self.description = description
        self.line = line
    }
}
