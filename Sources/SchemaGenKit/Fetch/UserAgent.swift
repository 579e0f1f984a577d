/// How `fetch` names itself to the docs site, so the site's operators can tell who is asking.
public enum UserAgent {
    public static let value = "schemagen/\(SchemaGenVersion.current)"
}
