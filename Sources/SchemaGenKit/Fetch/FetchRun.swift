import Dispatch
import Foundation

/// `schemagen fetch DIR`: mirrors the data directory's pages into a folder, all or nothing.
///
/// Under the folder's lock for the whole run: read what the last run left (the manifest in the folder,
/// the validators beside the cache), read the index, download every selected page (conditionally
/// where the file on disk is still the last run's), and only when every page arrived hand the lot to
/// the generator's writer, which stages, moves into place, and removes only files it wrote before.
/// Any failure before that leaves the folder exactly as it was.
public enum FetchRun {
    /// How a run ended: a summary when the folder is now up to date, errors otherwise.
    public struct Outcome: Sendable {
        public var summary: FetchSummary?
        public var errors: [String] = []
        public var warnings: [String] = []
    }

    public static func run(
        _ options: FetchOptions, progress: FetchProgress, waiting: (String) -> Void = { _ in }
    ) -> Outcome {
        var outcome = Outcome()
        let lock: FolderLock
        do {
            lock = try FolderLock.acquire(for: options.folder, waiting: waiting)
        } catch {
            outcome.errors.append(error.description)
            return outcome
        }
        defer { lock.release() }
        // A run interrupted while placing files is finished or undone before anything reads the folder.
        do {
            try OutputWriter.recover(options.folder)
        } catch {
            outcome.errors.append(error.description)
            return outcome
        }

        // What the last run left.
        let owned: [String]
        switch readManifest(of: options.folder) {
        case .success(let paths): owned = paths
        case .failure(let errors):
            outcome.errors += errors.messages
            return outcome
        }
        let record = options.cache.flatMap { FetchRecord.load(from: $0, forFolder: options.folder) }
        let client = HTTPClient(
            concurrency: options.concurrency, timeout: options.timeout, retry: options.retry,
            onRetry: { progress.note($0) })

        // The index.
        let indexURL = options.site.indexURL
        let recordedIndex = record?.index.flatMap { $0.url == indexURL.absoluteString ? $0 : nil }
        let indexRequest = PageRequest(url: indexURL, validators: recordedIndex?.validators)
        let indexRecord: FetchRecord.Index
        switch blocking({ await client.get(indexRequest) }) {
        case .failure(let failure):
            outcome.errors.append("cannot read the index: \(failure.description)")
            return outcome
        case .success(.notModified(let validators)):
            indexRecord = FetchRecord.Index(
                url: indexURL.absoluteString, validators: merged(recordedIndex!.validators, validators),
                links: recordedIndex!.links)
        case .success(.body(let bytes, let validators)):
            let links = DataDirectoryIndex.setLinks(in: bytes).map { FetchRecord.Link(set: $0.setName, href: $0.href) }
            indexRecord = FetchRecord.Index(url: indexURL.absoluteString, validators: validators, links: links)
        }
        let index = DataDirectoryIndex(
            links: indexRecord.links.map { .init(setName: $0.set, href: $0.href) }, site: options.site)
        outcome.errors += index.errors.map { "the index \(indexURL.absoluteString): \($0)" }
        if !index.errors.isEmpty { return outcome }
        guard !index.tables.isEmpty else {
            outcome.errors.append(
                "the index \(indexURL.absoluteString) lists no tables (no `a.stretched-link` inside a "
                    + "`[data-set-id]` namespace set); nothing was changed")
            return outcome
        }

        // The selection.
        let tables: [DocsSite.TablePage]
        switch select(index.tables, options: options) {
        case .success(let selected): tables = selected
        case .failure(let errors):
            outcome.errors += errors.messages
            return outcome
        }
        if !options.allowShrink, tables.count * 2 < owned.count {
            outcome.errors.append(
                "the index \(indexURL.absoluteString) lists \(tables.count) of the selected tables, fewer than half "
                    + "the \(owned.count) pages \(options.folder) holds from the last fetch; nothing was changed "
                    + "(pass --allow-shrink if that is expected, e.g. after narrowing --namespace or --table)")
            return outcome
        }

        // The pages.
        let plan = FetchPlan(
            tables: tables, format: options.format, folder: options.folder, record: record, owned: Set(owned))
        progress.start(total: plan.items.count)
        let requests = plan.items.map(\.request)
        let results = blocking {
            await download(requests, client: client, concurrency: options.concurrency, progress: progress)
        }
        progress.finish()
        let failures = results.compactMap { result -> FetchFailure? in
            if case .failure(let failure)? = result { return failure }
            return nil
        }
        if !failures.isEmpty || results.contains(where: { $0 == nil }) {
            outcome.errors += failures.map(\.description)
            let untried = results.filter { $0 == nil }.count
            outcome.errors.append(
                "\(failures.count) of \(plan.items.count) pages could not be fetched"
                    + (untried > 0 ? " (\(untried) more were not tried)" : "") + "; \(options.folder) was not changed")
            return outcome
        }

        // The folder, all or nothing.
        var files: [OutputFile] = []
        var kept: Set<String> = []
        var newRecord = FetchRecord(index: indexRecord)
        var notModified = 0
        for (item, result) in zip(plan.items, results) {
            guard case .success(let response)? = result else { continue }
            switch response {
            case .body(let bytes, let validators):
                files.append(OutputFile(path: item.file, bytes: bytes))
                newRecord.pages[item.file] = FetchRecord.Page(
                    url: item.request.url.absoluteString, validators: validators, size: bytes.count,
                    digest: FetchRecord.digest(bytes))
            case .notModified(let validators):
                guard var recorded = item.recorded else { continue }
                notModified += 1
                kept.insert(item.file)
                recorded.validators = merged(recorded.validators, validators)
                newRecord.pages[item.file] = recorded
            }
        }
        let report: WriteReport
        do {
            report = try OutputWriter.write(files, keeping: kept, to: options.folder)
        } catch {
            outcome.errors.append(error.description + "; \(options.folder) was not changed")
            return outcome
        }
        if let cache = options.cache, newRecord != record { newRecord.save(to: cache, forFolder: options.folder) }
        outcome.warnings += index.skipped.map { "the index \(indexURL.absoluteString): skipped \($0)" }
        outcome.summary = FetchSummary(
            folder: options.folder, pages: plan.items.count, changed: report.changed.count, new: report.created.count,
            removed: report.removed.count, unchanged: report.unchanged.count, notModified: notModified)
        return outcome
    }

    /// New validators from a 304 where it sent them, the old ones otherwise.
    private static func merged(_ old: PageRequest.Validators, _ new: PageRequest.Validators) -> PageRequest.Validators {
        PageRequest.Validators(etag: new.etag ?? old.etag, lastModified: new.lastModified ?? old.lastModified)
    }

    /// The files the folder's manifest lists (none when the folder or its manifest does not exist).
    private static func readManifest(of folder: String) -> Result<[String], FetchErrors> {
        var info = stat()
        if stat(folder, &info) != 0 { return .success([]) }
        guard info.st_mode & S_IFMT == S_IFDIR else {
            return .failure(FetchErrors(["`\(folder)` exists but is not a folder"]))
        }
        let path = OutputFileSystem.join(folder, OutputManifest.fileName)
        guard FileManager.default.fileExists(atPath: path) else { return .success([]) }
        guard let data = FileManager.default.contents(atPath: path) else {
            return .failure(FetchErrors(["cannot read `\(path)`"]))
        }
        do {
            return .success(try OutputManifest(parsing: [UInt8](data)).paths)
        } catch {
            return .failure(FetchErrors(["`\(path)` cannot be read (\(error.description)); fix or delete it"]))
        }
    }

    /// The tables the namespaces and the table selection keep, in index order; an option that keeps
    /// nothing is an error, so a typo never empties the folder.
    static func select(
        _ tables: [DocsSite.TablePage], options: FetchOptions
    ) -> Result<[DocsSite.TablePage], FetchErrors> {
        var errors: [String] = []
        var selected = tables
        if !options.namespaces.isEmpty {
            let wanted = options.namespaces.map { $0.lowercased() }
            for (namespace, key) in zip(options.namespaces, wanted)
            where !tables.contains(where: { $0.namespace.lowercased() == key || $0.setName.lowercased() == key }) {
                let known = Set(tables.map(\.namespace)).sorted().joined(separator: ", ")
                errors.append("namespace `\(namespace)` is not in the index (it has: \(known))")
            }
            selected = selected.filter {
                wanted.contains($0.namespace.lowercased()) || wanted.contains($0.setName.lowercased())
            }
        }
        if let selection = options.tables {
            let ids = selected.map(\.id)
            var seen: Set<String> = []
            for entry in selection.entries
            where seen.insert(entry.text).inserted && !ids.contains(where: entry.matches) {
                var message =
                    entry.isPattern
                    ? "table pattern `\(entry.text)` matches no table the index lists"
                    : "table `\(entry.text)` is not in the index"
                if !options.namespaces.isEmpty { message += " (within the selected namespaces)" }
                let suggestions = TableSelection.suggestions(for: entry, ids: ids)
                if !suggestions.isEmpty {
                    message += " (did you mean " + suggestions.map { "`\($0)`" }.joined(separator: " or ") + "?)"
                }
                if let location = entry.location { message = "\(location): " + message }
                errors.append(message)
            }
            selected = selected.filter { selection.contains($0.id) }
        }
        return errors.isEmpty ? .success(selected) : .failure(FetchErrors(errors))
    }

    /// Downloads with at most `concurrency` requests in flight, results in request order: that many
    /// workers each take the next request as soon as their last one is done, so no slot waits on
    /// another. After a page fails for good no new request starts (the run has failed); those left
    /// are nil.
    static func download(
        _ requests: [PageRequest], client: HTTPClient, concurrency: Int, progress: FetchProgress
    ) async -> [Result<PageResponse, FetchFailure>?] {
        let queue = DownloadQueue(count: requests.count)
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<min(max(1, concurrency), requests.count) {
                group.addTask {
                    while let i = queue.next() {
                        let result = await client.get(requests[i])
                        queue.finish(i, result)
                        progress.pageDone()
                    }
                }
            }
        }
        return queue.results
    }

    /// Runs async work to completion from synchronous code (the command line's thread, never a task).
    static func blocking<T: Sendable>(_ work: @escaping @Sendable () async -> T) -> T {
        let box = ResultBox<T>()
        let done = DispatchSemaphore(value: 0)
        Task {
            box.value = await work()
            done.signal()
        }
        done.wait()
        return box.value!
    }
}

/// Several messages, as one error value.
struct FetchErrors: Error, Sendable {
    var messages: [String]
    init(_ messages: [String]) { self.messages = messages }
}

/// The requests not yet started and the results so far, shared by the download workers.
private final class DownloadQueue: @unchecked Sendable {
    private let lock = NSLock()
    private var nextIndex = 0
    private let count: Int
    private var failed = false
    private var slots: [Result<PageResponse, FetchFailure>?]

    init(count: Int) {
        self.count = count
        slots = Array(repeating: nil, count: count)
    }

    /// The next request to start, or nil when all have started or one has failed for good.
    func next() -> Int? {
        lock.withLock {
            guard !failed, nextIndex < count else { return nil }
            defer { nextIndex += 1 }
            return nextIndex
        }
    }

    func finish(_ i: Int, _ result: Result<PageResponse, FetchFailure>) {
        lock.withLock {
            slots[i] = result
            if case .failure = result { failed = true }
        }
    }

    var results: [Result<PageResponse, FetchFailure>?] { lock.withLock { slots } }
}

/// Hands a value from a task to the thread waiting for it; the semaphore orders the accesses.
private final class ResultBox<T>: @unchecked Sendable {
    var value: T?
}
