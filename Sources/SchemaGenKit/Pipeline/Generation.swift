/// The whole pipeline for `schemagen INPUT... --out DIR`:
/// load the schema → render every target → write what changed.
///
/// Nothing is written unless loading and rendering finished without an error, so a bad page never
/// leaves a half-updated output folder.
public struct GenerationRequest: Sendable {
    public var inputs: [String]
    public var outputDirectory: String
    public var targets: Set<OutputTarget>
    public var templatesDirectory: String?
    /// Names, types, access level and required columns (`schemagen.yml`).
    public var options: RenderOptions
    /// The tables and columns a config file names; those no page defines are warned about.
    public var configReferences: [ConfigReference] = []
    /// Bounds on page size and table rows.
    public var limits: ParseLimits = .default
    /// Where to keep the record that lets an unchanged run stop early; nil for no cache.
    public var cache: CacheStore?
    /// The tables to generate (`tables:` or `--table`); nil for all. See `TableSelection`.
    public var tables: TableSelection? = nil

    public init(
        inputs: [String], outputDirectory: String, targets: Set<OutputTarget> = Set(OutputTarget.allCases),
        templatesDirectory: String? = nil, swiftAccess: String = "public"
    ) {
        self.init(
            inputs: inputs, outputDirectory: outputDirectory, targets: targets, templatesDirectory: templatesDirectory,
            options: RenderOptions(access: swiftAccess))
    }

    public init(
        inputs: [String], outputDirectory: String, targets: Set<OutputTarget>, templatesDirectory: String?,
        options: RenderOptions
    ) {
        self.inputs = inputs
        self.outputDirectory = outputDirectory
        self.targets = targets
        self.templatesDirectory = templatesDirectory
        self.options = options
    }
}

public struct GenerationResult: Sendable {
    /// What was written; nil when nothing was (errors in the input, templates or output folder).
    public var report: WriteReport?
    public var diagnostics: [Diagnostic]
}

public enum Generation {
    /// The rendered files for a request, without touching the output folder (also used by `check`).
    public static func render(_ request: GenerationRequest) -> (files: [OutputFile]?, diagnostics: [Diagnostic]) {
        let templates: TemplateSet
        do {
            templates = try loadTemplates(request)
        } catch {
            return (nil, [error.diagnostic])
        }
        let (rendered, diagnostics, _) = render(request, templates: templates, pages: PageFinder.find(request.inputs))
        return (rendered?.files, diagnostics)
    }

    static func loadTemplates(_ request: GenerationRequest) throws(TemplateError) -> TemplateSet {
        try request.templatesDirectory.map { dir throws(TemplateError) in try TemplateSet(overrides: dir) } ?? .bundled
    }

    /// Loads and renders; with a cache, pages unchanged since the last run are not parsed again and
    /// files whose inputs are unchanged are kept rather than rendered (`reuse`).
    static func render(
        _ request: GenerationRequest, templates: TemplateSet, pages: PageFinder.Result,
        cached: CachedRun? = nil, reuse: RenderReuse? = nil
    ) -> (rendered: IncrementalRender?, diagnostics: [Diagnostic], pageDigests: [Int: SchemaLoader.PageDigest]) {
        let reusable = cached?.reusableParses() ?? [:]
        PhaseTrace.mark("parse record read")
        let loaded = SchemaLoader.load(
            pages, limits: request.limits, reusing: reusable.mapValues { ($0.table, $0.diagnostics) })
        PhaseTrace.mark("parse + schema")
        let digests = cached?.recordParses(loaded.pages, reused: reusable) ?? [:]
        PhaseTrace.mark("parse record write")
        guard !loaded.diagnostics.hasErrors else { return (nil, loaded.diagnostics, [:]) }
        var reuse = reuse
        reuse?.tableDigests = digests
        let renderer = Renderer(targets: request.targets, templates: templates, options: request.options)
        var rendered = renderer.render(loaded.schema, selecting: request.tables, reuse: reuse)
        PhaseTrace.mark("render")
        let configDiagnostics = ConfigReference.check(request.configReferences, against: loaded.schema)
        let diagnostics = (loaded.diagnostics + rendered.diagnostics + configDiagnostics).sortedForDisplay()
        rendered.diagnostics = diagnostics
        return (diagnostics.hasErrors ? nil : rendered, diagnostics, loaded.digests)
    }

    /// A run whose pages, outputs and settings are all as the last successful run left them stops
    /// here with that run's report and warnings (`lookup.hit`): nothing is parsed, rendered or written.
    static func cachedRun(_ request: GenerationRequest, templates: TemplateSet, pages: PageFinder.Result)
        -> (run: CachedRun?, lookup: CachedRun.Lookup)
    {
        guard let store = request.cache, !pages.diagnostics.hasErrors else { return (nil, CachedRun.Lookup(reuse: nil)) }
        let run = CachedRun(store: store, request: request, templates: templates, pages: pages.paths)
        return (run, run.lookUp())
    }

    public static func run(_ request: GenerationRequest) -> GenerationResult {
        PhaseTrace.start()
        let templates: TemplateSet
        do {
            templates = try loadTemplates(request)
        } catch {
            return GenerationResult(report: nil, diagnostics: [error.diagnostic])
        }
        PhaseTrace.mark("templates")
        let pages = PageFinder.find(request.inputs)
        PhaseTrace.mark("find pages")
        let (cached, lookup) = cachedRun(request, templates: templates, pages: pages)
        PhaseTrace.mark("cache lookup")
        if let hit = lookup.hit {
            let outputs = hit.outputs.map(\.path).filter { $0 != GenerationManifest.fileName }
            return GenerationResult(report: WriteReport(unchanged: outputs), diagnostics: hit.diagnostics)
        }
        let (rendered, diagnostics, readPages) = render(
            request, templates: templates, pages: pages, cached: cached, reuse: lookup.reuse)
        guard let rendered else {
            return GenerationResult(report: nil, diagnostics: diagnostics)
        }
        do {
            let report = try OutputWriter.write(rendered.files, keeping: Set(rendered.kept.keys), to: request.outputDirectory)
            PhaseTrace.mark("write")
            defer { PhaseTrace.mark("record") }
            cached?.record(rendered, lookup: lookup, pageDigests: readPages, diagnostics: diagnostics)
            return GenerationResult(report: report, diagnostics: diagnostics)
        } catch {
            cached?.forget()
            return GenerationResult(report: nil, diagnostics: diagnostics + [.error(error.description)])
        }
    }
}
