/// Works out a `WritePlan` by looking at the output folder, never changing it.
///
/// Everything that could make a write fail for a reason the user must fix (an unsafe path, a user's file
/// or a link in the way, a corrupt manifest) is found here, before a single byte is written.
struct WritePlanner {
    typealias Failure = OutputWriter.Failure

    let directory: String

    /// `lstat` results by relative path: many files share folders, and no entry is inspected twice.
    private var nodes: [ExactPath: OutputNode] = [:]
    /// Paths in the old manifest, i.e. files schemagen may replace or delete.
    private var owned: Set<ExactPath> = []
    private var ownedPaths: [String] = []
    /// Owned paths by folded key, made when first needed (a file found under another case).
    private var ownedByFoldedKey: [String: [String]]? = nil
    /// Old manifest entries that are, on a case-insensitive file system, the same file as a new path
    /// spelled in another case: they are replaced, never deleted as stale.
    private var aliases: Set<ExactPath> = []
    /// The regular files in each folder listed by `isRegularFile(listed:)`, by folder.
    private var regularFilesByFolder: [ExactPath: Set<ExactPath>] = [:]
    /// The folder (with its `/`) of the last path whose every ancestor was found a real folder.
    private var lastRealFolder: String? = nil

    init(directory: String) throws(Failure) {
        var trimmed = directory
        while trimmed.utf8.count > 1 && trimmed.hasSuffix("/") { trimmed.removeLast() }
        guard !trimmed.isEmpty else { throw .io(directory, message: "the output folder path is empty") }
        self.directory = trimmed
    }

    private func full(_ relative: String) -> String {
        OutputFileSystem.join(directory, relative)
    }

    private mutating func node(_ relative: String) throws(Failure) -> OutputNode {
        let key = ExactPath(relative)
        if let known = nodes[key] { return known }
        let found = try OutputFileSystem.node(at: full(relative))
        nodes[key] = found
        return found
    }

    /// `lstat`s the paths on all cores ahead of the checks, which then find them in `nodes`: a
    /// 2,200-table folder is 4,400 of them. A path whose `lstat` fails for a reason other than a
    /// missing entry is left out, so the checks meet the error themselves.
    private mutating func prefetchNodes(_ relativePaths: [String]) {
        let directory = directory
        let found = relativePaths.parallelMap(chunk: 128) { relative in
            try? OutputFileSystem.node(at: OutputFileSystem.join(directory, relative))
        }
        nodes.reserveCapacity(nodes.count + relativePaths.count)
        for (relative, node) in zip(relativePaths, found) {
            if let node { nodes[ExactPath(relative)] = node }
        }
    }

    /// Whether `path` is a regular file by its folder's listing, read once per folder: cheaper than
    /// an `lstat` per kept file when a folder holds 2,200 of them.
    private mutating func isRegularFile(listed path: String) throws(Failure) -> Bool {
        let (folder, name) = PathSplit.split(path)
        if let names = regularFilesByFolder[ExactPath(folder)] { return names.contains(ExactPath(name)) }
        let folderPath = folder.isEmpty ? directory : full(folder)
        var names = Set<ExactPath>()
        switch DirectoryListing.entries(of: folderPath) {
        case .success(let entries):
            for entry in entries {
                let isFile: Bool
                switch entry.kind {
                case .regularFile: isFile = true
                case .unknown:
                    if case .regularFile = try node(folder.isEmpty ? entry.name : folder + "/" + entry.name) {
                        isFile = true
                    } else {
                        isFile = false
                    }
                default: isFile = false
                }
                if isFile { names.insert(ExactPath(entry.name)) }
            }
        case .failure(let error):
            throw .io(folderPath, message: "cannot list folder: \(error.message)")
        }
        regularFilesByFolder[ExactPath(folder)] = names
        return names.contains(ExactPath(name))
    }

    /// The first folder above `path` that is not a real folder (missing, or a file), or nil when they all
    /// are. A link on the way is an error: nothing is ever written or deleted through one.
    private mutating func firstNonFolderAncestor(of path: String) throws(Failure) -> (String, OutputNode)? {
        // Paths come sorted, so most share the last one's folder, whose ancestors were all folders.
        if let folder = lastRealFolder, OutputPathCheck.isInFolder(path, folder) { return nil }
        for folder in OutputPathCheck.parentFolders(of: path) {
            let found = try node(folder)
            switch found {
            case .directory: continue
            case .symlink: throw .symlinkInOutput(full(folder))
            default: return (folder, found)
            }
        }
        lastRealFolder = path.utf8.lastIndex(of: UInt8(ascii: "/")).map { String(path[...$0]) }
        return nil
    }

    /// Whether schemagen wrote the existing file `path` (found as `found`) on an earlier run.
    private mutating func isOwned(_ path: String, _ found: OutputNode) throws(Failure) -> Bool {
        if owned.contains(ExactPath(path)) { return true }
        // On macOS `Foo.swift` finds the `foo.swift` an earlier run wrote: the same file if same inode.
        guard case .regularFile(_, _, let device, let inode) = found else { return false }
        if ownedByFoldedKey == nil {
            var byKey: [String: [String]] = [:]
            for path in ownedPaths { byKey[OutputPathCheck.foldedKey(path), default: []].append(path) }
            ownedByFoldedKey = byKey
        }
        for candidate in ownedByFoldedKey?[OutputPathCheck.foldedKey(path)] ?? []
        where !candidate.utf8.elementsEqual(path.utf8) {
            if case .regularFile(_, _, let otherDevice, let otherInode) = try node(candidate),
                otherDevice == device, otherInode == inode
            {
                aliases.insert(ExactPath(candidate))
                return true
            }
        }
        return false
    }

    /// `keptPaths` come fastest in the order of `files` (two sorted runs sort in one pass).
    mutating func plan(_ files: [OutputFile], keeping keptPaths: [String] = []) throws(Failure) -> WritePlan {
        // Kept files take part in every check like the others; their (unused) bytes are left empty.
        let files = (files + keptPaths.map { OutputFile(path: $0, bytes: []) })
            .sorted { String.precedesByBytes($0.path, $1.path) }
        let kept = Set(keptPaths)
        for file in files {
            if let problem = OutputPathCheck.problem(with: file.path) {
                throw .unsafePath(file.path, reason: problem)
            }
        }
        let paths = files.map(\.path)
        let manifest = OutputManifest(paths: paths)
        let newManifest = manifest.bytes
        func checkCollisions() throws(Failure) {
            if let (first, second) = OutputPathCheck.firstCollision(in: paths) {
                throw .pathCollision(first, second)
            }
        }

        switch try OutputFileSystem.followedNode(at: directory) {
        case .missing:
            try checkCollisions()
            if let path = keptPaths.first { throw Self.keptFileChanged(full(path)) }
            return WritePlan(
                directory: directory,
                expectedReport: WriteReport(created: paths, manifestChanged: true),
                directoryExists: false,
                writes: files.map { WritePlan.FileWrite(path: $0.path, bytes: $0.bytes, replacedMode: nil) },
                clearingFiles: [], clearingFolders: [], staleFiles: [], staleFolders: [],
                manifestBytes: newManifest, manifestExists: false)
        case .directory:
            break
        default:
            throw .notADirectory(directory)
        }

        // A manifest that is this run's byte for byte (the usual incremental run) lists exactly the
        // planned paths: none is stale, and it need not be parsed.
        let (oldManifest, oldManifestBytes) = try readManifest(unlessEqualTo: newManifest)
        let sameManifest = oldManifest == nil && oldManifestBytes != nil
        // The same paths as a manifest schemagen wrote only after they passed this check, and no
        // path twice: they cannot collide now either.
        if !sameManifest || manifest.paths.count != paths.count { try checkCollisions() }
        ownedPaths = oldManifest?.paths ?? (sameManifest ? paths : [])
        // The old manifest's paths are mostly this run's again: each is inspected once. Kept files
        // are not: the cache found each a regular file as recorded moments ago.
        let planned = Set(paths.map(ExactPath.init))
        owned = sameManifest ? planned : Set(ownedPaths.map(ExactPath.init))
        prefetchNodes(
            files.lazy.map(\.path).filter { !kept.contains($0) }
                + (sameManifest ? [] : ownedPaths.filter { !planned.contains(ExactPath($0)) }))

        var writes: [WritePlan.FileWrite] = []
        var created: [String] = []
        var changed: [String] = []
        var unchanged: [String] = []
        var adopted: [String] = []
        // Old generated files where a new file needs a folder (`a` when `a/b` is generated now).
        var blockingFiles: [String] = []
        var blockingSet: Set<ExactPath> = []
        // New files where a folder stands; allowed only if the folder holds nothing but stale files.
        var folderTargets: [String] = []

        for file in files {
            var parentMissing = false
            if let (folder, found) = try firstNonFolderAncestor(of: file.path) {
                switch found {
                case .missing:
                    parentMissing = true
                case .regularFile:
                    guard try isOwned(folder, found) else { throw .userFileInTheWay(full(folder)) }
                    if blockingSet.insert(ExactPath(folder)).inserted { blockingFiles.append(folder) }
                    parentMissing = true
                default:
                    throw .userFileInTheWay(full(folder))
                }
            }
            if kept.contains(file.path) {
                // Its stamp and bytes were checked against the cache moments ago; it must still be
                // there, and schemagen's. Its folder's listing says so for all its kept neighbours.
                guard !parentMissing, owned.contains(ExactPath(file.path)), try isRegularFile(listed: file.path) else {
                    throw Self.keptFileChanged(full(file.path))
                }
                unchanged.append(file.path)
                continue
            }
            let found: OutputNode = parentMissing ? .missing : try node(file.path)
            switch found {
            case .missing:
                created.append(file.path)
                writes.append(.init(path: file.path, bytes: file.bytes, replacedMode: nil))
            case .directory:
                folderTargets.append(file.path)
                created.append(file.path)
                writes.append(.init(path: file.path, bytes: file.bytes, replacedMode: nil))
            case .symlink:
                throw .symlinkInOutput(full(file.path))
            case .other:
                throw .userFileInTheWay(full(file.path))
            case .regularFile(let size, let mode, _, _):
                if try OutputFileSystem.contents(at: full(file.path), size: size, equal: file.bytes) {
                    unchanged.append(file.path)
                    if !(try isOwned(file.path, found)) { adopted.append(file.path) }
                } else if try isOwned(file.path, found) {
                    changed.append(file.path)
                    writes.append(.init(path: file.path, bytes: file.bytes, replacedMode: mode))
                } else {
                    throw .userFileInTheWay(full(file.path))
                }
            }
        }

        // Files an earlier run generated that this one does not: deleted if still there as plain files.
        let generated = planned
        var staleFiles: [String] = []
        for path in sameManifest ? [] : ownedPaths {
            let key = ExactPath(path)
            if generated.contains(key) || aliases.contains(key) || blockingSet.contains(key) { continue }
            if try firstNonFolderAncestor(of: path) != nil { continue }
            switch try node(path) {
            case .regularFile: staleFiles.append(path)
            case .symlink: throw .symlinkInOutput(full(path))
            case .missing, .directory, .other: continue  // gone, or replaced by the user: theirs now
            }
        }
        let removedFiles = blockingFiles + staleFiles
        let removedFolders = try foldersLeftEmpty(removing: removedFiles, keeping: paths)
        let removedFolderSet = Set(removedFolders.map(ExactPath.init))
        for target in folderTargets where !removedFolderSet.contains(ExactPath(target)) {
            throw .folderInTheWay(full(target))
        }

        // What must go before placing (in the way of a new file), and what can wait until after.
        func isClearing(_ path: String) -> Bool {
            folderTargets.contains { target in
                path.utf8.elementsEqual(target.utf8) || path.utf8.starts(with: (target + "/").utf8)
            }
        }
        let clearingFiles = blockingFiles + staleFiles.filter(isClearing)
        let laterFiles = staleFiles.filter { !isClearing($0) }
        let clearingFolders = removedFolders.filter(isClearing)
        let laterFolders = removedFolders.filter { !isClearing($0) }

        let report = WriteReport(
            created: created, changed: changed, unchanged: unchanged, adopted: adopted,
            removed: removedFiles.sortedByBytes(), removedFolders: removedFolders.sortedByBytes(),
            manifestChanged: oldManifestBytes != newManifest)
        return WritePlan(
            directory: directory, expectedReport: report, directoryExists: true,
            directoryIdentity: FileIdentity(followingPath: directory), writes: writes,
            clearingFiles: clearingFiles, clearingFolders: clearingFolders,
            staleFiles: laterFiles, staleFolders: laterFolders,
            manifestBytes: report.manifestChanged ? newManifest : nil,
            manifestExists: oldManifestBytes != nil)
    }

    /// A file the cache vouched for moments ago is gone or replaced: someone is changing the folder
    /// while schemagen writes it.
    private static func keptFileChanged(_ path: String) -> Failure {
        .io(path, message: "it changed while schemagen was running; run schemagen again")
    }

    /// The old manifest and its bytes (both nil when there is none: a first run, or a folder
    /// schemagen has not written yet; only the bytes when they are `expected`).
    private mutating func readManifest(unlessEqualTo expected: [UInt8]) throws(Failure) -> (OutputManifest?, [UInt8]?) {
        let path = full(OutputManifest.fileName)
        switch try node(OutputManifest.fileName) {
        case .missing:
            return (nil, nil)
        case .symlink:
            throw .symlinkInOutput(path)
        case .regularFile:
            let bytes = try OutputFileSystem.readFile(at: path)
            if bytes == expected { return (nil, bytes) }
            do {
                return (try OutputManifest(parsing: bytes), bytes)
            } catch {
                throw .corruptManifest(path, reason: error.description)
            }
        case .directory, .other:
            throw .corruptManifest(path, reason: "it is not a regular file")
        }
    }

    /// Folders that hold nothing but removed files (and such folders) and no new file, deepest first:
    /// schemagen leaves no empty folders behind, and never removes one that holds anything else.
    private func foldersLeftEmpty(removing removed: [String], keeping kept: [String]) throws(Failure) -> [String] {
        guard !removed.isEmpty else { return [] }
        var keptFolders = Set<ExactPath>()
        for path in kept {
            for folder in OutputPathCheck.parentFolders(of: path) { keptFolders.insert(ExactPath(folder)) }
        }
        var candidates: [String] = []
        var seen = Set<ExactPath>()
        for path in removed {
            for folder in OutputPathCheck.parentFolders(of: path)
            where !keptFolders.contains(ExactPath(folder)) && seen.insert(ExactPath(folder)).inserted {
                candidates.append(folder)
            }
        }
        func depth(_ path: String) -> Int { path.utf8.count { $0 == UInt8(ascii: "/") } }
        candidates.sort { depth($0) != depth($1) ? depth($0) > depth($1) : $0.utf8.lexicographicallyPrecedes($1.utf8) }

        var gone = Set(removed.map(ExactPath.init))
        var result: [String] = []
        for folder in candidates {
            let names = try OutputFileSystem.entries(ofDirectory: full(folder))
            if names.allSatisfy({ gone.contains(ExactPath(folder + "/" + $0)) }) {
                result.append(folder)
                gone.insert(ExactPath(folder))
            }
        }
        return result
    }
}
