@_spi(Reflection) import Swift

extension DDSQLRow {
    /// The key paths of the row type's stored properties, in declaration order, read from the type's runtime
    /// metadata (the standard library's `_forEachFieldWithKeyPath`, which reads the field records `Mirror` reads);
    /// empty for a type that is not a struct.
    ///
    /// For a generated row these are its columns in `ddsqlColumns`' order, which is how
    /// `query().selecting(\.creationTime, \.tags)` finds columns by property without a key path literal per
    /// column in every table, each of which the compiler type-checks and emits.
    public static var ddsqlStoredPropertyKeyPaths: [PartialKeyPath<Self>] {
        var keyPaths: [PartialKeyPath<Self>] = []
        let complete = _forEachFieldWithKeyPath(of: Self.self) { _, keyPath in
            keyPaths.append(keyPath)
            return true
        }
        return complete ? keyPaths : []
    }
}
