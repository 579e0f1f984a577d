/// The API key and application key a request is made with.
///
/// Never printed: `description`, `debugDescription` and the mirror `dump` uses all show the keys as redacted,
/// so a credential cannot reach a log through string interpolation or a debugger summary.
public struct DDSQLCredentials: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable
{
    let apiKey: String
    let applicationKey: String

    public init(apiKey: String, applicationKey: String) {
        self.apiKey = apiKey
        self.applicationKey = applicationKey
    }

    public var description: String { "DDSQLCredentials(apiKey: <redacted>, applicationKey: <redacted>)" }
    public var debugDescription: String { description }
    public var customMirror: Mirror {
        Mirror(self, children: ["apiKey": "<redacted>", "applicationKey": "<redacted>"], displayStyle: .struct)
    }
}
