import Dispatch

/// schemagen's generator, stage by stage. Each stage is a plain function from one value to the next:
///
///     inputs ─findPages→ [path] ─parsePages→ [ParsedPage] ─buildSchema→ Schema
///            ─planFiles→ [PlannedFile] ─renderFiles→ [OutputFile] ─planWrite→ WritePlan ─write→ WriteReport
///
/// `generate` runs them all; `check` stops at the write plan and reports it; the build plugin runs
/// `generate` through the command line. The generation cache (`GenerationCache`) wraps two stages from
/// outside (parsing: pages unchanged since the last run are not parsed again; rendering: per-table files
/// whose sources are unchanged are kept) and can answer a whole run that changed nothing; no stage knows
/// about it. The output folder is locked from the first look at it to the cache's record.
public enum GeneratorPipeline {
    // MARK: The runs

    /// `schemagen generate`: makes the output folder hold exactly what the pages generate.
    public static func generate(_ request: GenerationRequest) -> GenerationResult {
        let ready: Prepared
        switch prepare(request) {
        case .ready(let prepared): ready = prepared
        case .failed(let diagnostics): return GenerationResult(report: nil, diagnostics: diagnostics)
        }
        let (cache, lock) = (ready.cache, ready.lock)
        defer {
            cache?.finishWrites()
            lock.release()
        }
        if let recorded = cache?.unchangedRun {
            let outputs = recorded.outputs.map(\.path).filter { $0 != OutputManifest.fileName }
            return GenerationResult(report: WriteReport(unchanged: outputs), diagnostics: recorded.diagnostics)
        }
        let rendered = render(request, ready)
        guard !rendered.diagnostics.hasErrors else {
            return GenerationResult(report: nil, diagnostics: rendered.diagnostics)
        }
        do {
            let plan = try planWrite(rendered, to: request.outputDirectory)
            let (report, placed) = try write(plan)
            PhaseTrace.mark("write")
            cache?.record(rendered, parsed: ready.parsed, placed: placed, diagnostics: rendered.diagnostics)
            PhaseTrace.mark("record")
            let diagnostics = rendered.diagnostics
            // The lock stays with this thread, which releases it.
            DeferredRelease.release((ready.parsed, ready.schema, cache, rendered, plan))
            return GenerationResult(report: report, diagnostics: diagnostics)
        } catch {
            ready.cache?.forget()
            return GenerationResult(report: nil, diagnostics: rendered.diagnostics + [.error(error.description)])
        }
    }

    /// `schemagen check`: what `generate` would change, without changing anything.
    public static func check(_ request: GenerationRequest) -> OutputCheck {
        let run = prepare(request)
        guard case .ready(let ready) = run else {
            if case .failed(let diagnostics) = run { return OutputCheck(failed: diagnostics) }
            return OutputCheck(failed: [])
        }
        defer {
            ready.cache?.finishWrites()
            ready.lock.release()
        }
        if let recorded = ready.cache?.unchangedRun {
            return OutputCheck(
                problems: [], fileCount: recorded.outputs.count - 1, diagnostics: recorded.diagnostics, completed: true)
        }
        let rendered = render(request, ready)
        guard !rendered.diagnostics.hasErrors else { return OutputCheck(failed: rendered.diagnostics) }
        let plan: WritePlan
        do {
            plan = try planWrite(rendered, to: request.outputDirectory)
        } catch {
            return OutputCheck(failed: rendered.diagnostics + [.error(error.description)])
        }
        let check = OutputCheck(plan: plan, fileCount: rendered.fileCount, diagnostics: rendered.diagnostics)
        // An up-to-date folder is what a successful `generate` leaves: recorded the same way.
        if check.isUpToDate {
            ready.cache?.record(rendered, parsed: ready.parsed, placed: [:], diagnostics: rendered.diagnostics)
        }
        return check
    }

    /// The files `generate` would write, rendered in memory (`--print-outputs`); touches no folder.
    public static func renderedFiles(_ request: GenerationRequest) -> (files: [OutputFile]?, diagnostics: [Diagnostic])
    {
        let templates: TemplateSet
        do {
            templates = try loadTemplates(request)
        } catch {
            return (nil, [error.diagnostic])
        }
        let found = findPages(request.inputs)
        let (schema, diagnostics) = buildSchema(found, parsePages(found.paths, limits: request.limits))
        guard !diagnostics.hasErrors else { return (nil, diagnostics) }
        let planned = planFiles(schema, request, templates: templates)
        let all = (diagnostics + planned.diagnostics).sortedForDisplay()
        return (all.hasErrors ? nil : renderFiles(planned.files), all)
    }

    // MARK: The stages

    /// Turns the user's inputs (files and folders) into a sorted list of page paths.
    public static func findPages(_ inputs: [String]) -> PageFinder.Result {
        PageFinder.find(inputs)
    }

    /// Reads and parses every page, on all cores; results keep the order of `paths`.
    public static func parsePages(_ paths: [String], limits: ParseLimits) -> [ParsedPage] {
        paths.parallelMap(chunk: 4) { parsePage($0, limits: limits) }
    }

    /// Reads and parses one page; never throws, every problem is a diagnostic.
    public static func parsePage(_ path: String, limits: ParseLimits) -> ParsedPage {
        guard let format = PageFormat(path: path) else {
            return ParsedPage(path: path, table: nil, diagnostics: [.error("not a page: \(path)")])
        }
        switch PageReader.read(path: path, maxBytes: limits.maxPageBytes) {
        case .success(let bytes):
            let (table, diagnostics) = extractTable(
                from: Page(path: path, bytes: bytes), format: format, limits: limits)
            return ParsedPage(
                path: path, table: table, diagnostics: diagnostics, read: (bytes.count, ContentHash(bytes)))
        case .failure(.tooLarge(let size)):
            return ParsedPage(path: path, table: nil, diagnostics: [tooLarge(size, path: path, limits: limits)])
        case .failure(.notRegularFile(let kind)):
            return ParsedPage(
                path: path, table: nil,
                diagnostics: [.error("\(path) is \(kind), not a regular file: only regular files are read as pages")])
        case .failure(.unreadable):
            return ParsedPage(path: path, table: nil, diagnostics: [.error("cannot read \(path)")])
        }
    }

    /// A page's table, from bytes already read.
    public static func extractTable(from page: Page, format: PageFormat, limits: ParseLimits = .default)
        -> (table: Table?, diagnostics: [Diagnostic])
    {
        if page.bytes.count > limits.maxPageBytes {
            return (nil, [tooLarge(page.bytes.count, path: page.path, limits: limits)])
        }
        return TableExtractor.table(from: format.parser(limits: limits).outline(of: page))
    }

    /// Gathers every page's table into one schema, with every diagnostic sorted by location.
    public static func buildSchema(_ found: PageFinder.Result, _ parsed: [ParsedPage]) -> (Schema, [Diagnostic]) {
        var diagnostics = found.diagnostics
        for page in parsed { diagnostics += page.diagnostics }
        let (schema, schemaDiagnostics) = SchemaBuilder.build(parsed.compactMap(\.table))
        return (schema, (diagnostics + schemaDiagnostics).sortedForDisplay())
    }

    /// Decides every file of the selected tables and targets, and checks what the config refers to.
    public static func planFiles(_ schema: Schema, _ request: GenerationRequest, templates: TemplateSet)
        -> (files: [PlannedFile], diagnostics: [Diagnostic])
    {
        let renderer = Renderer(targets: request.targets, templates: templates, options: request.options)
        let planned = renderer.plan(schema, selecting: request.tables)
        let config = ConfigReference.check(request.configReferences, against: schema)
        return (planned.files, planned.diagnostics + config)
    }

    /// Renders planned files, on all cores, in path order.
    public static func renderFiles(_ planned: [PlannedFile]) -> [OutputFile] {
        planned.renderAll()
    }

    /// What writing the files would change in the output folder; `kept` are files the caller knows are
    /// on disk as the last run wrote them.
    static func planWrite(_ rendered: RenderedFiles, to directory: String) throws(OutputWriter.Failure) -> WritePlan {
        try OutputWriter.plan(rendered.files, keeping: rendered.kept.map(\.path), for: directory)
    }

    /// Carries the plan out, all or nothing; also returns the stamp of each file it placed, as placed.
    static func write(_ plan: WritePlan) throws(OutputWriter.Failure) -> (WriteReport, [String: FileStamp]) {
        try OutputWriter.commit(plan)
    }

    // MARK: Putting the stages together

    /// A run up to its schema: the lock held, templates loaded, pages found and parsed.
    struct Prepared {
        var lock: FolderLock
        var templates: TemplateSet
        var found: PageFinder.Result
        var cache: GenerationCache?
        var parsed: [ParsedPage] = []
        var schema = Schema(tables: [])
        var diagnostics: [Diagnostic] = []
    }

    enum Preparation {
        case ready(Prepared)
        case failed([Diagnostic])
    }

    /// Everything before rendering. A recorded run that still holds stops here (`cache.unchangedRun`).
    static func prepare(_ request: GenerationRequest) -> Preparation {
        PhaseTrace.start()
        let templates: TemplateSet
        do {
            templates = try loadTemplates(request)
        } catch {
            return .failed([error.diagnostic])
        }
        let lock: FolderLock
        do {
            lock = try FolderLock.acquire(for: request.outputDirectory, waiting: request.onWait)
            try OutputWriter.recover(request.outputDirectory)
        } catch let error as FolderLock.Failure {
            return .failed([.error(error.description)])
        } catch let error as OutputWriter.Failure {
            return .failed([.error(error.description)])
        } catch {
            return .failed([.error("\(error)")])
        }
        PhaseTrace.mark("lock")
        let found = findPages(request.inputs)
        if found.paths.isEmpty, !found.diagnostics.hasErrors, !request.allowEmptyInput,
            let generated = OutputManifest.listedFiles(in: request.outputDirectory), !generated.isEmpty
        {
            return .failed(
                found.diagnostics + [
                    .error(
                        "no page found in \(request.inputs.joined(separator: ", ")), while \(request.outputDirectory) holds "
                            + "\(generated.count) generated files; refusing to remove them all (pass --allow-empty-input "
                            + "if that is what you want)")
                ])
        }
        PhaseTrace.mark("find pages")
        var ready = Prepared(lock: lock, templates: templates, found: found)
        if let store = request.cache, !found.diagnostics.hasErrors {
            ready.cache = GenerationCache(store: store, request: request, templates: templates, pages: found.paths)
            PhaseTrace.mark("cache lookup")
            if ready.cache?.unchangedRun != nil { return .ready(ready) }
        }
        ready.parsed =
            ready.cache?.parse(found.paths) { parsePages($0, limits: request.limits) }
            ?? parsePages(found.paths, limits: request.limits)
        PhaseTrace.mark("parse")
        (ready.schema, ready.diagnostics) = buildSchema(found, ready.parsed)
        PhaseTrace.mark("schema")
        return .ready(ready)
    }

    /// Plans and renders (keeping what the cache vouches for); renders nothing when any diagnostic is
    /// an error.
    static func render(_ request: GenerationRequest, _ ready: Prepared) -> RenderedFiles {
        guard !ready.diagnostics.hasErrors else { return RenderedFiles(files: [], diagnostics: ready.diagnostics) }
        let planned = planFiles(ready.schema, request, templates: ready.templates)
        PhaseTrace.mark("plan")
        if (ready.diagnostics + planned.diagnostics).hasErrors {
            return RenderedFiles(files: [], diagnostics: (ready.diagnostics + planned.diagnostics).sortedForDisplay())
        }
        var rendered =
            ready.cache?.render(planned.files, with: renderFiles)
            ?? RenderedFiles(files: renderFiles(planned.files))
        rendered.diagnostics = (ready.diagnostics + planned.diagnostics).sortedForDisplay()
        DeferredRelease.release(planned)
        PhaseTrace.mark("render")
        return rendered
    }

    static func loadTemplates(_ request: GenerationRequest) throws(TemplateError) -> TemplateSet {
        try request.templatesDirectory.map { dir throws(TemplateError) in try TemplateSet(overrides: dir) } ?? .bundled
    }

    private static func tooLarge(_ size: Int, path: String, limits: ParseLimits) -> Diagnostic {
        .error(
            "the page is \(size) bytes, over the limit of \(limits.maxPageBytes) bytes (--max-page-bytes)",
            at: SourceLocation(file: path, line: 1))
    }
}

/// The render stage's result as the write stage takes it: the files rendered, and those kept as the
/// last run wrote them (by the generation cache), with what the run reported.
struct RenderedFiles: Sendable {
    var files: [OutputFile]
    /// Files kept as they are on disk, in the plan's path order, with the digest of their bytes.
    var kept: [(path: String, hash: ContentHash)] = []
    /// Each per-table file's render key, by path, for the next run's record.
    var renderKeys: [String: ContentHash] = [:]
    /// Each file made of blocks, by path: its blocks' render keys and lengths, for the next run's record.
    var blocks: [String: [RunRecord.Block]] = [:]
    /// Each file joined from blocks, by path: how many of its blocks were cut from the file on disk.
    var keptBlockCounts: [String: Int] = [:]
    var diagnostics: [Diagnostic] = []

    var fileCount: Int { files.count + kept.count }
}

/// What `generate` did: the report of the write, and what the run found wrong or noteworthy.
public struct GenerationResult: Sendable {
    /// What was written; nil when nothing was (errors in the input, templates or output folder).
    public var report: WriteReport?
    public var diagnostics: [Diagnostic]
}
