/// `schemagen check`: is an output folder exactly what `schemagen generate` would write now?
///
/// CI runs it to catch generated code that was not regenerated after a page or template changed.
/// It asks the writer for its plan rather than comparing files itself, so "up to date" means the same
/// thing here as in `generate` (which writes nothing when the plan is empty).
public struct OutputCheck: Sendable {
    public enum Problem: Hashable, Sendable, Comparable {
        /// Would be created: the folder lacks it.
        case missing(String)
        /// Would be rewritten: its bytes differ.
        case stale(String)
        /// Would be deleted: generated before, no longer generated.
        case extra(String)
        /// The manifest would be rewritten (an identical file not yet recorded as generated, say).
        case manifest(String)

        public var path: String {
            switch self {
            case .missing(let p), .stale(let p), .extra(let p), .manifest(let p): p
            }
        }

        public var kind: String {
            switch self {
            case .missing: "missing"
            case .stale: "stale"
            case .extra: "extra"
            case .manifest: "stale manifest"
            }
        }

        public static func < (lhs: Problem, rhs: Problem) -> Bool {
            lhs.path.utf8.lexicographicallyPrecedes(rhs.path.utf8)
        }
    }

    /// Sorted by path; empty when the folder is up to date.
    public var problems: [Problem]
    /// Files generation would produce.
    public var fileCount: Int
    public var diagnostics: [Diagnostic]
    /// False when the check could not be made (page or template errors, an output folder in the way).
    public var completed: Bool

    public var isUpToDate: Bool { completed && problems.isEmpty }

    /// Renders in memory and plans the write; never writes.
    public static func run(_ request: GenerationRequest) -> OutputCheck {
        let templates: TemplateSet
        do {
            templates = try Generation.loadTemplates(request)
        } catch {
            return OutputCheck(problems: [], fileCount: 0, diagnostics: [error.diagnostic], completed: false)
        }
        let pages = PageFinder.find(request.inputs)
        // The folder is exactly as the last successful generate (or check) left it, with the same inputs.
        let (cached, lookup) = Generation.cachedRun(request, templates: templates, pages: pages)
        if let hit = lookup.hit {
            return OutputCheck(
                problems: [], fileCount: hit.outputs.count - 1, diagnostics: hit.diagnostics, completed: true)
        }
        let (rendered, diagnostics, _) = Generation.render(
            request, templates: templates, pages: pages, cached: cached, reuse: lookup.reuse)
        guard let rendered else {
            return OutputCheck(problems: [], fileCount: 0, diagnostics: diagnostics, completed: false)
        }
        let fileCount = rendered.files.count + rendered.kept.count
        let plan: WritePlan
        do {
            plan = try OutputWriter.plan(rendered.files, keeping: Set(rendered.kept.keys), for: request.outputDirectory)
        } catch {
            return OutputCheck(
                problems: [], fileCount: fileCount, diagnostics: diagnostics + [.error(error.description)],
                completed: false)
        }
        var problems: [Problem] = plan.created.map(Problem.missing) + plan.changed.map(Problem.stale)
            + plan.removed.map(Problem.extra)
        if problems.isEmpty && plan.manifestChanged { problems.append(.manifest(GenerationManifest.fileName)) }
        if problems.isEmpty {
            cached?.record(rendered, lookup: lookup, diagnostics: diagnostics)
        }
        return OutputCheck(problems: problems.sorted(), fileCount: fileCount, diagnostics: diagnostics, completed: true)
    }
}
