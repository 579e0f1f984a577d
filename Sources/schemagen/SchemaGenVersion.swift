/// The version `schemagen --version` prints; CHANGELOG.md's latest heading names the same one.
enum SchemaGenVersion {
    static let current = "0.2.0"
}
