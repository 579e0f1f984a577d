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

    public init(problems: [Problem], fileCount: Int, diagnostics: [Diagnostic], completed: Bool) {
        self.problems = problems
        self.fileCount = fileCount
        self.diagnostics = diagnostics
        self.completed = completed
    }

    /// A check that could not be made.
    init(failed diagnostics: [Diagnostic]) {
        self.init(problems: [], fileCount: 0, diagnostics: diagnostics, completed: false)
    }

    /// What a write plan says of the folder.
    init(plan: WritePlan, fileCount: Int, diagnostics: [Diagnostic]) {
        var problems: [Problem] =
            plan.created.map(Problem.missing) + plan.changed.map(Problem.stale)
            + plan.removed.map(Problem.extra)
        if problems.isEmpty && plan.manifestChanged { problems.append(.manifest(OutputManifest.fileName)) }
        self.init(problems: problems.sorted(), fileCount: fileCount, diagnostics: diagnostics, completed: true)
    }

    /// Renders in memory and plans the write; never writes.
    public static func run(_ request: GenerationRequest) -> OutputCheck {
        GeneratorPipeline.check(request)
    }
}
