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

    private enum Undo {
        case createdFolder(String)
        case placedNewFile(String)
        /// A file moved (or hard-linked) into the staging folder before being replaced or deleted.
        case setAside(original: String, backup: String)
        case removedFolder(String, mode: mode_t?)
    }

    let plan: WritePlan
    let faults: FaultInjector?
    private var undo: [Undo] = []
    private var staging: String?
    /// How many undo steps (creating the output folder) were taken before the staging folder existed.
    private var stepsBeforeStaging = 0
    private var backups = 0
    private var knownFolders = Set<ExactPath>()

    init(plan: WritePlan, faults: FaultInjector?) {
        self.plan = plan
        self.faults = faults
    }

    mutating func run() throws(Failure) -> WriteReport {
        do {
            let report = try commit()
            removeStaging()
            return report
        } catch {
            let unrestored = rollBack()
            guard let first = unrestored.first else { throw error }
            // The staging folder still holds what could not be put back: keep it for the user.
            throw .io(first, message: "\(error.description); undoing the partial write also failed for "
                + "\(unrestored.count) path(s), see `\(staging ?? plan.directory)`")
        }
    }

    private func full(_ relative: String) -> String {
        OutputFileSystem.join(plan.directory, relative)
    }

    private func check(_ step: Step, _ path: String) throws(Failure) {
        if faults?(step) == true { throw .io(path, message: "injected failure at \(step)") }
    }

    private mutating func commit() throws(Failure) -> WriteReport {
        if !plan.directoryExists { return try commitNewFolder() }
        let staging = try makeStagingFolder(in: plan.directory, named: Self.stagingPrefix)

        let staged = plan.writes.indices.map { staging + "/" + String($0) }
        try stage(plan.writes, at: staged)
        var stagedManifest: String?
        if let bytes = plan.manifestBytes {
            let path = staging + "/manifest"
            let manifest = full(GenerationManifest.fileName)
            try check(.stage(GenerationManifest.fileName), manifest)
            try OutputFileSystem.createFile(at: path, bytes: bytes, mode: nil, reportedAs: manifest)
            stagedManifest = path
        }

        for path in plan.clearingFiles { try remove(path) }
        for folder in plan.clearingFolders {
            if try !removeFolder(folder) { throw .folderInTheWay(full(folder)) }
        }
        for (write, stagedPath) in zip(plan.writes, staged) {
            try makeParentFolders(of: write.path)
            try place(stagedPath, at: write.path, replacing: write.replacedMode != nil)
        }
        for path in plan.staleFiles { try remove(path) }
        var removedFolders = plan.clearingFolders
        for folder in plan.staleFolders where try removeFolder(folder) {
            removedFolders.append(folder)
        }
        if let stagedManifest {
            try place(stagedManifest, at: GenerationManifest.fileName, replacing: plan.manifestExists)
        }

        var report = plan.expectedReport
        report.removedFolders = removedFolders.sortedByBytes()
        return report
    }

    /// A first write: the whole folder is built beside where it goes (`.out.schemagen-staging-…`) and
    /// renamed into place in one step. A file is created once, not staged and then linked into place,
    /// which matters on a 2,200-table catalog; and the folder appears complete or not at all.
    private mutating func commitNewFolder() throws(Failure) -> WriteReport {
        try createParentsOfOutputFolder()
        let (parent, name) = PathSplit.split(plan.directory)
        let staging = try makeStagingFolder(in: parent.isEmpty ? "." : parent, named: "." + name + Self.stagingPrefix)
        var made = Set<ExactPath>()
        for write in plan.writes {
            for folder in OutputPathCheck.parentFolders(of: write.path) where made.insert(ExactPath(folder)).inserted {
                try check(.createFolder(folder), full(folder))
                _ = try OutputFileSystem.makeDirectory(at: staging + "/" + folder)
            }
        }
        try stage(plan.writes, at: plan.writes.map { staging + "/" + $0.path })
        if let bytes = plan.manifestBytes {
            let manifest = full(GenerationManifest.fileName)
            try check(.stage(GenerationManifest.fileName), manifest)
            try OutputFileSystem.createFile(
                at: staging + "/" + GenerationManifest.fileName, bytes: bytes, mode: nil, reportedAs: manifest)
        }
        try check(.placeFolder, plan.directory)
        // rename(2) replaces an empty folder that appeared meanwhile, and fails on anything else.
        if rename(staging, plan.directory) != 0 {
            let code = errno
            if code == EEXIST || code == ENOTEMPTY || code == ENOTDIR { throw .userFileInTheWay(plan.directory) }
            throw OutputFileSystem.failure(plan.directory, "cannot move the new folder into place", code)
        }
        self.staging = nil
        return plan.expectedReport
    }

    /// Creates each new content at its staging path, on all cores: creating and filling 4,400 files is
    /// most of a first write's time. Only the staging folder is touched, which a failure removes
    /// whole, so the order files are made in does not matter; the error reported is that of the
    /// first file in plan order that failed, whatever thread got there first. After a failure, files
    /// later in plan order are not attempted (a full disk fails once, not 4,400 times).
    private func stage(_ writes: [WritePlan.FileWrite], at paths: [String]) throws(Failure) {
        let failures = ResultSlots<Failure>(count: writes.count)
        let firstFailure = FirstFailure()
        let chunks = Self.chunksAlternatingFolders(paths, size: 16)
        let directory = plan.directory
        let faults = faults
        DispatchQueue.concurrentPerform(iterations: chunks.count) { c in
            for i in chunks[c] {
                if i > firstFailure.index { return }
                let write = writes[i]
                let reported = OutputFileSystem.join(directory, write.path)
                do throws(Failure) {
                    if faults?(.stage(write.path)) == true {
                        throw .io(reported, message: "injected failure at \(Step.stage(write.path))")
                    }
                    try OutputFileSystem.createFile(
                        at: paths[i], bytes: write.bytes, mode: write.replacedMode, reportedAs: reported)
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
            if try OutputFileSystem.makeDirectory(at: folder) { undo.append(.createdFolder(folder)) }
        }
    }

    /// A new, uniquely named folder. One beside the output folder becomes the output folder, so it
    /// gets the usual permissions; one inside it is private.
    private mutating func makeStagingFolder(in folder: String, named prefix: String) throws(Failure) -> String {
        var generator = SystemRandomNumberGenerator()
        let mode: mode_t = folder == plan.directory ? 0o700 : 0o777
        for _ in 0..<16 {
            let path = folder + "/" + prefix + String(generator.next() as UInt64, radix: 36)
            if mkdir(path, mode) == 0 {
                staging = path
                stepsBeforeStaging = undo.count
                return path
            }
            if errno != EEXIST { throw OutputFileSystem.failure(path, "cannot create staging folder") }
        }
        throw .io(folder + "/" + prefix + "*", message: "cannot create staging folder: every name tried exists")
    }

    private mutating func nextBackupPath() -> String {
        backups += 1
        return (staging ?? plan.directory) + "/backup-" + String(backups)
    }

    private mutating func makeParentFolders(of relative: String) throws(Failure) {
        for folder in OutputPathCheck.parentFolders(of: relative) {
            guard knownFolders.insert(ExactPath(folder)).inserted else { continue }
            let path = full(folder)
            try check(.createFolder(folder), path)
            if try OutputFileSystem.makeDirectory(at: path) { undo.append(.createdFolder(path)) }
        }
    }

    /// Moves a staged file into place. A replaced file is hard-linked aside first, so the target never
    /// goes missing; a new file is linked in, so a file that appeared since planning is never clobbered.
    private mutating func place(_ stagedPath: String, at relative: String, replacing: Bool) throws(Failure) {
        let target = full(relative)
        try check(.place(relative), target)
        if replacing {
            let backup = nextBackupPath()
            let code = OutputFileSystem.hardLink(target, to: backup)
            if code != 0 {
                guard OutputFileSystem.linksUnsupported(code) else {
                    throw OutputFileSystem.failure(target, "cannot set the old version aside", code)
                }
                try OutputFileSystem.move(target, to: backup, reportedAs: target, "cannot set the old version aside")
            }
            undo.append(.setAside(original: target, backup: backup))
            try OutputFileSystem.move(
                stagedPath, to: target, reportedAs: target, "cannot move the new version into place")
        } else {
            let code = OutputFileSystem.hardLink(stagedPath, to: target)
            if code == EEXIST { throw .userFileInTheWay(target) }
            if code != 0 {
                guard OutputFileSystem.linksUnsupported(code) else {
                    throw OutputFileSystem.failure(target, "cannot move the new file into place", code)
                }
                guard try OutputFileSystem.node(at: target) == .missing else { throw .userFileInTheWay(target) }
                try OutputFileSystem.move(
                    stagedPath, to: target, reportedAs: target, "cannot move the new file into place")
            }
            undo.append(.placedNewFile(target))
        }
    }

    /// Deletes a stale file by moving it into the staging folder, from where a failure can put it back.
    private mutating func remove(_ relative: String) throws(Failure) {
        let target = full(relative)
        try check(.remove(relative), target)
        let backup = nextBackupPath()
        try OutputFileSystem.move(target, to: backup, reportedAs: target, "cannot delete")
        undo.append(.setAside(original: target, backup: backup))
    }

    /// Removes a folder if it is empty; false when something was put in it since planning.
    private mutating func removeFolder(_ relative: String) throws(Failure) -> Bool {
        let path = full(relative)
        try check(.removeFolder(relative), path)
        let mode = OutputFileSystem.permissions(at: path)
        guard try OutputFileSystem.removeEmptyDirectory(path) else { return false }
        undo.append(.removedFolder(path, mode: mode))
        return true
    }

    /// Undoes every step taken, newest first, removing the staging folder once it holds nothing that
    /// still needs putting back (and before the output folder it sits in, if this run made that, goes);
    /// returns the paths that could not be restored.
    private mutating func rollBack() -> [String] {
        var unrestored = undoSteps(undo[stepsBeforeStaging...].reversed())
        guard unrestored.isEmpty else { return unrestored }
        removeStaging()
        unrestored = undoSteps(undo[..<stepsBeforeStaging].reversed())
        undo.removeAll()
        return unrestored
    }

    private func undoSteps(_ steps: some Sequence<Undo>) -> [String] {
        var unrestored: [String] = []
        for step in steps {
            switch step {
            case let .createdFolder(path):
                if rmdir(path) != 0 && errno != ENOENT { unrestored.append(path) }
            case let .placedNewFile(path):
                if unlink(path) != 0 && errno != ENOENT { unrestored.append(path) }
            case let .setAside(original, backup):
                if rename(backup, original) != 0 { unrestored.append(original) }
            case let .removedFolder(path, mode):
                if mkdir(path, 0o700) == 0 || errno == EEXIST {
                    if let mode { chmod(path, mode) }
                } else {
                    unrestored.append(path)
                }
            }
        }
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
