/// How `fetch` names itself to the docs site, so the site's operators can tell who is asking.
public enum UserAgent {
    /// schemagen's version, as sent in the `User-Agent` header.
    public static let schemagenVersion = "0.1.0"

    public static let value = "schemagen/\(schemagenVersion)"
}
