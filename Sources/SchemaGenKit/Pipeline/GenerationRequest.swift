/// Everything a run of `generate` or `check` needs to know: the pages, the output folder and every
/// setting that decides what is written there.
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
    /// Whether a run that finds no page may empty an output folder holding generated files.
    public var allowEmptyInput = false
    /// Told, once, when another run holds the output folder and this one waits for it.
    public var onWait: @Sendable (String) -> Void = { _ in }

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
