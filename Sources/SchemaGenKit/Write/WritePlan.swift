#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// What a write would do to an output folder, worked out without changing anything.
///
/// `schemagen check` reports from it (the folder is stale when it is not up to date), and
/// `OutputWriter.write` carries out exactly this value, so the two can never disagree.
public struct WritePlan: Sendable {
    /// The output folder as given, without trailing slashes.
    public let directory: String
    /// What `write` reports after carrying out this plan.
    public let expectedReport: WriteReport

    public var created: [String] { expectedReport.created }
    public var changed: [String] { expectedReport.changed }
    public var unchanged: [String] { expectedReport.unchanged }
    public var adopted: [String] { expectedReport.adopted }
    public var removed: [String] { expectedReport.removed }
    public var removedFolders: [String] { expectedReport.removedFolders }
    public var manifestChanged: Bool { expectedReport.manifestChanged }

    /// Writing would change nothing on disk: every file has its bytes, nothing stale is left, and the
    /// manifest lists exactly these files.
    public var isUpToDate: Bool { expectedReport.isEmpty }

    // What `write` needs beyond the summary.

    /// One file to (re)write.
    struct FileWrite: Sendable {
        var path: String
        var bytes: [UInt8]
        /// The permissions of the file being replaced, kept; nil for a new file.
        var replacedMode: mode_t?
    }

    /// Whether the output folder exists yet; when not, `write` creates it (and its parents).
    let directoryExists: Bool
    /// The output folder the plan was made for, checked again when the write opens it.
    var directoryIdentity: FileIdentity? = nil
    let writes: [FileWrite]
    /// Stale files and folders that stand where a new file or folder goes (a generated file `a` that is
    /// now a folder `a/`, or the reverse); removed before anything is placed. Files first, then folders
    /// deepest first.
    let clearingFiles: [String]
    let clearingFolders: [String]
    /// The other stale files and folders, removed after everything is placed (folders deepest first).
    let staleFiles: [String]
    let staleFolders: [String]
    /// The new manifest's bytes when they differ from the one on disk.
    let manifestBytes: [UInt8]?
    let manifestExists: Bool
}
