/// The version `schemagen --version` prints and `fetch` names in its User-Agent; CHANGELOG.md's latest
/// heading names the same one.
public enum SchemaGenVersion {
    public static let current = "0.2.0"
}
