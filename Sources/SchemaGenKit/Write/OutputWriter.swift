/// The last stage of the pipeline: puts generated files into an output folder.
///
/// A code generator's output folder is shared with the user, their editor and their version control, so
/// the writer is conservative: it rewrites only files whose bytes change (build systems and editors see
/// no spurious modifications), deletes only files it generated itself (recorded in a manifest in the
/// folder), never writes through a link or over a file it did not generate, and either completes or
/// leaves the folder as it was.
public enum OutputWriter {
    /// What `write` would do, without changing anything; `schemagen check` fails when the plan is not
    /// up to date. Throws for exactly the problems `write` throws for before it writes.
    public static func plan(_ files: [OutputFile], for directory: String) throws(Failure) -> WritePlan {
        try plan(files, keeping: [], for: directory)
    }

    /// `plan`, where `kept` are generated files the caller knows are on disk as the last run wrote
    /// them (the generation cache checked their stamps or bytes): listed in the manifest, not read or written.
    static func plan(_ files: [OutputFile], keeping kept: [String], for directory: String) throws(Failure)
        -> WritePlan
    {
        var planner = try WritePlanner(directory: directory)
        return try planner.plan(files, keeping: kept)
    }

    /// Makes `directory` hold exactly `files` (plus anything of the user's that was already there) and
    /// records them in the folder's manifest. On failure nothing in the folder has changed.
    @discardableResult
    public static func write(_ files: [OutputFile], to directory: String) throws(Failure) -> WriteReport {
        try write(files, to: directory, faults: nil)
    }

    /// `write`, keeping `kept` as they are (see `plan(_:keeping:for:)`).
    @discardableResult
    static func write(_ files: [OutputFile], keeping kept: Set<String>, to directory: String) throws(Failure)
        -> WriteReport
    {
        try write(files, keeping: kept, to: directory, faults: nil)
    }

    /// Carries out a plan made by `plan`: all of it, or nothing.
    @discardableResult
    public static func write(_ plan: WritePlan) throws(Failure) -> WriteReport {
        try commit(plan).report
    }

    /// `write(plan)`, returning also the stamp of every file placed, taken once the write is complete:
    /// the generation cache records these, and only if the files still have them when it records.
    static func commit(_ plan: WritePlan, faults: WriteTransaction.FaultInjector? = nil)
        throws(Failure) -> (report: WriteReport, placed: [String: FileStamp])
    {
        if plan.isUpToDate { return (plan.expectedReport, [:]) }
        var transaction = WriteTransaction(plan: plan, faults: faults)
        let report = try transaction.run()
        var placed: [String: FileStamp] = [:]
        for path in report.created + report.changed + [OutputManifest.fileName] {
            placed[path] = FileStamp.of(OutputFileSystem.join(plan.directory, path))
        }
        return (report, placed)
    }

    /// `write` with a test hook that can make any step fail, to prove a failure leaves no trace.
    @discardableResult
    static func write(
        _ files: [OutputFile], keeping kept: Set<String> = [], to directory: String,
        faults: WriteTransaction.FaultInjector?
    ) throws(Failure) -> WriteReport {
        // Up to date: not even a staging folder is made, so the folder's own modification time stays.
        try commit(plan(files, keeping: Array(kept), for: directory), faults: faults).report
    }
}

extension OutputWriter {
    /// Finishes what an interrupted run left in `directory`; called with the folder's lock held,
    /// before anything else looks at the folder.
    static func recover(_ directory: String) throws(Failure) {
        try WriteJournal.recover(directory)
    }
}
