/// What a write did, so the command line can say what changed and a build system can tell whether it
/// has anything to rebuild. Every list is relative to the output folder and sorted by bytes.
public struct WriteReport: Hashable, Sendable {
    /// New files.
    public var created: [String]
    /// Files schemagen had generated before whose bytes differed; rewritten.
    public var changed: [String]
    /// Files whose bytes were already right; not touched (their modification times stay).
    public var unchanged: [String]
    /// Files among `unchanged` that schemagen did not generate before but that already held exactly the
    /// bytes it would write; now listed in the manifest as schemagen's.
    public var adopted: [String]
    /// Files schemagen generated before and no longer generates; deleted.
    public var removed: [String]
    /// Folders that held only removed files; deleted.
    public var removedFolders: [String]
    /// Whether the manifest was (re)written.
    public var manifestChanged: Bool

    public init(
        created: [String] = [], changed: [String] = [], unchanged: [String] = [], adopted: [String] = [],
        removed: [String] = [], removedFolders: [String] = [], manifestChanged: Bool = false
    ) {
        self.created = created
        self.changed = changed
        self.unchanged = unchanged
        self.adopted = adopted
        self.removed = removed
        self.removedFolders = removedFolders
        self.manifestChanged = manifestChanged
    }

    /// Files whose bytes were written (created or changed).
    public var written: [String] { (created + changed).sortedByBytes() }

    /// One line for the command line, e.g. `out: 2 created, 1 changed, 40 unchanged, 1 removed`, so a user
    /// sees at a glance whether a run did anything.
    public func summary(directory: String) -> String {
        var parts: [String] = []
        if !created.isEmpty { parts.append("\(created.count) created") }
        if !changed.isEmpty { parts.append("\(changed.count) changed") }
        if !unchanged.isEmpty { parts.append("\(unchanged.count) unchanged") }
        if !removed.isEmpty { parts.append("\(removed.count) removed") }
        if parts.isEmpty { parts.append("no files") }
        if !adopted.isEmpty {
            parts.append("\(adopted.count) identical existing file\(adopted.count == 1 ? "" : "s") adopted")
        }
        return "\(directory): " + parts.joined(separator: ", ")
    }

    /// Nothing on disk changed.
    public var isEmpty: Bool {
        created.isEmpty && changed.isEmpty && removed.isEmpty && removedFolders.isEmpty && !manifestChanged
    }
}
