import Dispatch
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Carries out a `WritePlan` so that it either completes or leaves the output folder as it was.
///
/// Every new content is first written into a staging folder inside the output folder (same file system,
/// so each move into place is an atomic `rename`). Only then are files moved into place; every file
/// replaced or deleted is first set aside in the staging folder, so a failure part-way can put back
/// exactly what was there. The manifest is replaced last, so it never lists a file that is not in place.
///
/// Each step is written to an intent journal before it is taken (`WriteJournal`), so that a run killed
/// part-way is undone by the next; SIGINT, SIGTERM and SIGHUP stop the write at the next step and undo
/// it at once (`Interruption`). Everything inside the output folder is done relative to descriptors of
/// its folders opened without following links (`FolderHandles`).
struct WriteTransaction {
    typealias Failure = OutputWriter.Failure

    /// The points at which a write can fail, named so tests can make each one fail on purpose.
    enum Step: Hashable, Sendable {
        case createFolder(String)
        case stage(String)
        case place(String)
        /// A first write moving the whole new folder into place.
        case placeFolder
        case remove(String)
        case removeFolder(String)
    }

    /// Test hook: return true to make that step fail as if the file system had refused it.
    typealias FaultInjector = @Sendable (Step) -> Bool

    static let stagingPrefix = ".schemagen-staging-"

    /// Undoing a first write: folders made above the output folder, or files moved by `rename` where the
    /// file system has no hard links (journalled only once moved).
    private enum LocalUndo {
        case createdParent(String)
        case movedNew(String)
    }

    let plan: WritePlan
    let faults: FaultInjector?
    /// Steps taken inside the output folder, oldest first: undone newest first on failure.
    private var undo: [WriteJournal.Step] = []
    private var localUndo: [LocalUndo] = []
    private var staging: String?
    private var stagingName = ""
    private var stagingFD: Int32 = -1
    private var backups = 0
    private var knownFolders = Set<ExactPath>()

    init(plan: WritePlan, faults: FaultInjector?) {
        self.plan = plan
        self.faults = faults
    }

    mutating func run() throws(Failure) -> WriteReport {
        try Interruption.duringWrite { () throws(Failure) -> WriteReport in
            if !plan.directoryExists {
                do throws(Failure) {
                    return try commitNewFolder()
                } catch {
                    if stagingFD >= 0 { close(stagingFD) }
                    removeStaging()
                    _ = undoLocal()
                    throw error
                }
            }
            var handles = try FolderHandles(directory: plan.directory, expected: plan.directoryIdentity)
            defer { if stagingFD >= 0 { close(stagingFD) } }
            do throws(Failure) {
                let report = try commit(&handles)
                removeStaging()
                return report
            } catch {
                let unrestored = rollBack(&handles)
                guard let first = unrestored.first else { throw error }
                // The staging folder still holds what could not be put back: keep it for the user (and the
                // journal, for the next run to try again).
                throw .io(
                    first,
                    message: "\(error.description); undoing the partial write also failed for "
                        + "\(unrestored.count) path(s), see `\(staging ?? plan.directory)`")
            }
        }
    }

    private func full(_ relative: String) -> String {
        OutputFileSystem.join(plan.directory, relative)
    }

    private func check(_ step: Step, _ path: String) throws(Failure) {
        if faults?(step) == true { throw .io(path, message: "injected failure at \(step)") }
        try Interruption.check(path)
        TestPause.at(step)
    }

    private mutating func commit(_ handles: inout FolderHandles) throws(Failure) -> WriteReport {
        try makeStagingFolder(in: handles.root)
        let journal = try WriteJournal(in: stagingFD, reportedAs: staging! + "/" + WriteJournal.fileName)

        let staged = plan.writes.indices.map { String($0) }
        try stage(plan.writes, named: staged)
        var stagedManifest: String?
        if let bytes = plan.manifestBytes {
            let manifest = full(OutputManifest.fileName)
            try check(.stage(OutputManifest.fileName), manifest)
            try OutputFileSystem.createFile(
                in: stagingFD, named: "manifest", bytes: bytes, mode: nil, reportedAs: manifest)
            stagedManifest = "manifest"
        }

        for path in plan.clearingFiles { try remove(path, &handles, journal) }
        for folder in plan.clearingFolders {
            if try !removeFolder(folder, &handles, journal) { throw .folderInTheWay(full(folder)) }
        }
        for (write, stagedName) in zip(plan.writes, staged) {
            try makeParentFolders(of: write.path, &handles, journal)
            try place(stagedName, at: write.path, replacing: write.replacedMode != nil, &handles, journal)
        }
        for path in plan.staleFiles { try remove(path, &handles, journal) }
        var removedFolders = plan.clearingFolders
        for folder in plan.staleFolders where try removeFolder(folder, &handles, journal) {
            removedFolders.append(folder)
        }
        if let stagedManifest {
            try place(stagedManifest, at: OutputManifest.fileName, replacing: plan.manifestExists, &handles, journal)
        }
        try journal.commit(reportedAs: full(OutputManifest.fileName))

        var report = plan.expectedReport
        report.removedFolders = removedFolders.sortedByBytes()
        return report
    }

    /// A first write: the whole folder is built beside where it goes (`.out.schemagen-staging-…`) and
    /// renamed into place in one step. A file is created once, not staged and then linked into place,
    /// and the folder appears complete or not at all; what an interrupted one leaves beside the folder
    /// is removed by the next run.
    private mutating func commitNewFolder() throws(Failure) -> WriteReport {
        try createParentsOfOutputFolder()
        let (parent, name) = PathSplit.split(plan.directory)
        let parentPath = parent.isEmpty ? "." : parent
        let parentFD = open(parentPath, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard parentFD >= 0 else { throw OutputFileSystem.failure(parentPath, "cannot open folder") }
        defer { close(parentFD) }
        try makeStagingFolder(in: parentFD, parentPath: parentPath, named: "." + name + Self.stagingPrefix)
        var made = Set<ExactPath>()
        for write in plan.writes {
            for folder in OutputPathCheck.parentFolders(of: write.path) where made.insert(ExactPath(folder)).inserted {
                try check(.createFolder(folder), full(folder))
                _ = try OutputFileSystem.makeDirectory(at: staging! + "/" + folder)
            }
        }
        try stage(plan.writes, named: plan.writes.map(\.path))
        if let bytes = plan.manifestBytes {
            let manifest = full(OutputManifest.fileName)
            try check(.stage(OutputManifest.fileName), manifest)
            try OutputFileSystem.createFile(
                in: stagingFD, named: OutputManifest.fileName, bytes: bytes, mode: nil, reportedAs: manifest)
        }
        try check(.placeFolder, plan.directory)
        // rename(2) replaces an empty folder that appeared meanwhile, and fails on anything else.
        if renameat(parentFD, stagingName, parentFD, name) != 0 {
            let code = errno
            if code == EEXIST || code == ENOTEMPTY || code == ENOTDIR { throw .userFileInTheWay(plan.directory) }
            throw OutputFileSystem.failure(plan.directory, "cannot move the new folder into place", code)
        }
        close(stagingFD)
        stagingFD = -1
        staging = nil
        return plan.expectedReport
    }

    /// Creates each new content in the staging folder, on all cores: creating and filling 4,400 files is
    /// most of a first write's time. Only the staging folder is touched, which a failure removes whole,
    /// so the order files are made in does not matter; the error reported is that of the first file in
    /// plan order that failed, whatever thread got there first. After a failure, files later in plan
    /// order are not attempted (a full disk fails once, not 4,400 times).
    private func stage(_ writes: [WritePlan.FileWrite], named names: [String]) throws(Failure) {
        let failures = ResultSlots<Failure>(count: writes.count)
        let firstFailure = FirstFailure()
        let chunks = Self.chunksAlternatingFolders(names, size: 16)
        let directory = plan.directory
        let faults = faults
        let stagingFD = stagingFD
        DispatchQueue.concurrentPerform(iterations: chunks.count) { c in
            for i in chunks[c] {
                if i > firstFailure.index { return }
                let write = writes[i]
                let reported = OutputFileSystem.join(directory, write.path)
                do throws(Failure) {
                    if faults?(.stage(write.path)) == true {
                        throw .io(reported, message: "injected failure at \(Step.stage(write.path))")
                    }
                    try Interruption.check(reported)
                    try OutputFileSystem.createFile(
                        in: stagingFD, named: names[i], bytes: write.bytes, mode: write.replacedMode,
                        reportedAs: reported)
                } catch {
                    failures[i] = error
                    firstFailure.note(i)
                    return
                }
            }
        }
        if let first = failures.firstValue { throw first }
    }

    /// The indices of `paths` in runs of at most `size` files of one folder, the runs of different
    /// folders taking turns: creating a file locks its folder, so two threads creating files side by
    /// side should each be in a folder of its own (swift/ and jsonschema/ hold 2,200 files each).
    static func chunksAlternatingFolders(_ paths: [String], size: Int) -> [[Int]] {
        var folders: [String: Int] = [:]
        var byFolder: [[Int]] = []
        for (i, path) in paths.enumerated() {
            let folder = PathSplit.split(path).folder
            if let f = folders[folder] {
                byFolder[f].append(i)
            } else {
                folders[folder] = byFolder.count
                byFolder.append([i])
            }
        }
        let runs = byFolder.map { indices in
            stride(from: 0, to: indices.count, by: size).map { Array(indices[$0..<min(indices.count, $0 + size)]) }
        }
        var chunks: [[Int]] = []
        for round in 0..<(runs.map(\.count).max() ?? 0) {
            for folderRuns in runs where round < folderRuns.count { chunks.append(folderRuns[round]) }
        }
        return chunks
    }

    /// `mkdir -p` for the folders above the output folder, remembering each one made so a failure
    /// removes them again.
    private mutating func createParentsOfOutputFolder() throws(Failure) {
        var missing: [String] = []
        let parent = PathSplit.split(plan.directory).folder
        guard !parent.isEmpty else { return }
        var path = parent
        search: while true {
            switch try OutputFileSystem.followedNode(at: path) {
            case .missing:
                missing.append(path)
                let parent = PathSplit.split(path).folder
                if parent.isEmpty || parent == path { break search }
                path = parent
            case .directory:
                break search
            default:
                throw .notADirectory(path)
            }
        }
        for folder in missing.reversed() {
            try check(.createFolder(folder), folder)
            if try OutputFileSystem.makeDirectory(at: folder) { localUndo.append(.createdParent(folder)) }
        }
    }

    /// A new, uniquely named folder in `folder`. One beside the output folder becomes the output folder,
    /// so it gets the usual permissions; one inside it is private.
    private mutating func makeStagingFolder(
        in folder: Int32, parentPath: String? = nil, named prefix: String = stagingPrefix
    ) throws(Failure) {
        var generator = SystemRandomNumberGenerator()
        let base = parentPath ?? plan.directory
        let mode: mode_t = parentPath == nil ? 0o700 : 0o777
        for _ in 0..<16 {
            let name = prefix + String(generator.next() as UInt64, radix: 36)
            if mkdirat(folder, name, mode) == 0 {
                let fd = openat(folder, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
                guard fd >= 0 else { throw OutputFileSystem.failure(base + "/" + name, "cannot open staging folder") }
                staging = base + "/" + name
                stagingName = name
                stagingFD = fd
                return
            }
            if errno != EEXIST { throw OutputFileSystem.failure(base + "/" + name, "cannot create staging folder") }
        }
        throw .io(base + "/" + prefix + "*", message: "cannot create staging folder: every name tried exists")
    }

    private mutating func nextBackupName() -> String {
        backups += 1
        return "backup-" + String(backups)
    }

    private mutating func makeParentFolders(
        of relative: String, _ handles: inout FolderHandles, _ journal: borrowing WriteJournal
    ) throws(Failure) {
        for folder in OutputPathCheck.parentFolders(of: relative) {
            guard knownFolders.insert(ExactPath(folder)).inserted else { continue }
            let path = full(folder)
            try check(.createFolder(folder), path)
            let (parentFD, name) = try handles.parent(of: folder)
            try journal.note(.createdFolder(folder), reportedAs: path)
            if mkdirat(parentFD, name, 0o777) == 0 {
                undo.append(.createdFolder(folder))
            } else if errno == EEXIST {
                _ = try handles.folder(folder)
            } else {
                throw OutputFileSystem.failure(path, "cannot create folder")
            }
        }
    }

    /// Moves a staged file into place. A replaced file is hard-linked aside first, so the target never
    /// goes missing; a new file is linked in, so a file that appeared since planning is never clobbered.
    private mutating func place(
        _ stagedName: String, at relative: String, replacing: Bool, _ handles: inout FolderHandles,
        _ journal: borrowing WriteJournal
    ) throws(Failure) {
        let target = full(relative)
        try check(.place(relative), target)
        let (folderFD, name) = try handles.parent(of: relative)
        if replacing {
            let backup = nextBackupName()
            try journal.note(.setAside(relative, backup: backup), reportedAs: target)
            if linkat(folderFD, name, stagingFD, backup, 0) != 0 {
                let code = errno
                guard OutputFileSystem.linksUnsupported(code) else {
                    throw OutputFileSystem.failure(target, "cannot set the old version aside", code)
                }
                if renameat(folderFD, name, stagingFD, backup) != 0 {
                    throw OutputFileSystem.failure(target, "cannot set the old version aside")
                }
            }
            undo.append(.setAside(relative, backup: backup))
            if renameat(stagingFD, stagedName, folderFD, name) != 0 {
                throw OutputFileSystem.failure(target, "cannot move the new version into place")
            }
        } else {
            try journal.note(.placedNew(relative, staged: stagedName), reportedAs: target)
            if linkat(stagingFD, stagedName, folderFD, name, 0) == 0 {
                undo.append(.placedNew(relative, staged: stagedName))
                return
            }
            let code = errno
            if code == EEXIST { throw .userFileInTheWay(target) }
            guard OutputFileSystem.linksUnsupported(code) else {
                throw OutputFileSystem.failure(target, "cannot move the new file into place", code)
            }
            var info = stat()
            guard fstatat(folderFD, name, &info, AT_SYMLINK_NOFOLLOW) != 0, errno == ENOENT else {
                throw .userFileInTheWay(target)
            }
            if renameat(stagingFD, stagedName, folderFD, name) != 0 {
                throw OutputFileSystem.failure(target, "cannot move the new file into place")
            }
            // The staged file is gone, so the journal's inode check cannot recognise it: undone here only.
            localUndo.append(.movedNew(relative))
        }
    }

    /// Deletes a stale file by moving it into the staging folder, from where a failure can put it back.
    private mutating func remove(
        _ relative: String, _ handles: inout FolderHandles, _ journal: borrowing WriteJournal
    ) throws(Failure) {
        let target = full(relative)
        try check(.remove(relative), target)
        let (folderFD, name) = try handles.parent(of: relative)
        let backup = nextBackupName()
        try journal.note(.setAside(relative, backup: backup), reportedAs: target)
        if renameat(folderFD, name, stagingFD, backup) != 0 { throw OutputFileSystem.failure(target, "cannot delete") }
        undo.append(.setAside(relative, backup: backup))
    }

    /// Removes a folder if it is empty; false when something was put in it since planning.
    private mutating func removeFolder(
        _ relative: String, _ handles: inout FolderHandles, _ journal: borrowing WriteJournal
    ) throws(Failure) -> Bool {
        let path = full(relative)
        try check(.removeFolder(relative), path)
        let (parentFD, name) = try handles.parent(of: relative)
        var info = stat()
        guard fstatat(parentFD, name, &info, AT_SYMLINK_NOFOLLOW) == 0 else {
            throw OutputFileSystem.failure(path, "cannot inspect")
        }
        guard info.st_mode & S_IFMT == S_IFDIR else { throw .folderChanged(path) }
        handles.forget(relative)
        try journal.note(.removedFolder(relative, mode: info.st_mode & 0o7777), reportedAs: path)
        if unlinkat(parentFD, name, AT_REMOVEDIR) != 0 {
            let code = errno
            if code == ENOTEMPTY || code == EEXIST { return false }
            throw OutputFileSystem.failure(path, "cannot remove folder", code)
        }
        undo.append(.removedFolder(relative, mode: info.st_mode & 0o7777))
        return true
    }

    /// Undoes every step taken, newest first, then removes the staging folder once it holds nothing
    /// that still needs putting back; returns the paths that could not be restored.
    private mutating func rollBack(_ handles: inout FolderHandles) -> [String] {
        var unrestored = undoLocal()
        for step in undo.reversed() {
            do {
                try WriteJournal.undo(step, staging: stagingFD, in: &handles)
            } catch {
                switch step {
                case .placedNew(let path, _), .setAside(let path, _), .createdFolder(let path),
                    .removedFolder(let path, _):
                    unrestored.append(full(path))
                }
            }
        }
        undo.removeAll()
        if unrestored.isEmpty { removeStaging() }
        return unrestored
    }

    /// Undoes what the journal cannot: folders made above the output folder, files moved into place
    /// without hard links.
    private mutating func undoLocal() -> [String] {
        var unrestored: [String] = []
        for step in localUndo.reversed() {
            switch step {
            case .createdParent(let path):
                if rmdir(path) != 0 && errno != ENOENT { unrestored.append(path) }
            case .movedNew(let relative):
                if unlink(full(relative)) != 0 && errno != ENOENT { unrestored.append(full(relative)) }
            }
        }
        localUndo.removeAll()
        return unrestored
    }

    private func removeStaging() {
        if let staging { try? FileManager.default.removeItem(atPath: staging) }
    }
}

/// The lowest index at which staging failed so far, shared by the staging threads.
private final class FirstFailure: @unchecked Sendable {
    private let lock = NSLock()
    private var lowest = Int.max

    var index: Int { lock.withLock { lowest } }

    func note(_ index: Int) {
        lock.withLock { lowest = min(lowest, index) }
    }
}
