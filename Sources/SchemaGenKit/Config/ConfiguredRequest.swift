import Foundation

/// What the command line says, each value nil when not given, so it overrides the config file
/// only where it speaks.
public struct CommandLineSettings: Sendable, Hashable {
    public var inputs: [String]
    public var output: String?
    public var targets: Set<OutputTarget>?
    public var templates: String?
    public var access: String?
    public var swiftFileNames: RenderOptions.SwiftFileNames?
    public var unknownColumns: UnknownColumns?
    /// `--swift-client`: nil when not given (the config's `swift.client` stands).
    public var swiftClient: Bool?
    /// `--table` values, in order; empty when none was given. When given, they replace the config's `tables`.
    public var tables: [String]

    public init(
        inputs: [String] = [], output: String? = nil, targets: Set<OutputTarget>? = nil, templates: String? = nil,
        access: String? = nil, swiftFileNames: RenderOptions.SwiftFileNames? = nil, tables: [String] = [],
        unknownColumns: UnknownColumns? = nil,
        swiftClient: Bool? = nil
    ) {
        self.unknownColumns = unknownColumns
        self.inputs = inputs
        self.output = output
        self.targets = targets
        self.templates = templates
        self.access = access
        self.swiftFileNames = swiftFileNames
        self.swiftClient = swiftClient
        self.tables = tables
    }
}

extension GenerationRequest {
    /// The request for a config file (if any) and the command line: a command-line value wins over
    /// the file's, the file's over the default. Errors name what is missing.
    public static func configured(
        config: SchemaGenConfig?, commandLine: CommandLineSettings
    ) -> Result<GenerationRequest, ConfigurationError> {
        let inputs = commandLine.inputs.isEmpty ? (config?.inputs ?? []) : commandLine.inputs
        guard !inputs.isEmpty else {
            return .failure(
                ConfigurationError(
                    config == nil
                        ? "no inputs: give pages or folders, or a schemagen.yml with `inputs` (`schemagen init` writes one)"
                        : "no inputs: give pages or folders, or set `inputs` in \(config!.file)"))
        }
        guard let output = commandLine.output ?? config?.output else {
            return .failure(
                ConfigurationError(
                    config == nil
                        ? "no output folder: give --out DIR, or a schemagen.yml with `output`"
                        : "no output folder: give --out DIR, or set `output` in \(config!.file)"))
        }
        var options = config?.options ?? RenderOptions()
        if let access = commandLine.access { options.access = access }
        if let names = commandLine.swiftFileNames { options.swiftFileNames = names }
        if let policy = commandLine.unknownColumns { options.unknownColumns = policy }
        if let client = commandLine.swiftClient { options.client = client }
        var request = GenerationRequest(
            inputs: inputs, outputDirectory: output,
            targets: commandLine.targets ?? config?.targets ?? Set(OutputTarget.allCases),
            templatesDirectory: commandLine.templates ?? config?.templates, options: options)
        request.configReferences = config?.references ?? []
        // Like every option, `--table` wins: it replaces the file's `tables` list rather than adding to it.
        request.tables = commandLine.tables.isEmpty ? config?.tables : TableSelection(commandLine: commandLine.tables)
        return .success(request)
    }
}

/// A setting that neither the command line nor the config file gives.
public struct ConfigurationError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var diagnostic: Diagnostic { .error(message) }
    public var description: String { diagnostic.formatted }
}

extension ConfigLoader {
    /// The config to use: the one named by `--config` (which must exist), else `schemagen.yml` in
    /// `directory` when there is one, else none.
    public static func locate(explicit: String?, directory: String = FileManager.default.currentDirectoryPath)
        -> (config: SchemaGenConfig?, diagnostics: [Diagnostic])
    {
        if let explicit { return load(path: explicit) }
        let candidate = directory + "/" + SchemaGenConfig.defaultFileName
        guard FileManager.default.fileExists(atPath: candidate) else { return (nil, []) }
        // Named relative to the current folder, as the user would.
        let shown = directory == FileManager.default.currentDirectoryPath ? SchemaGenConfig.defaultFileName : candidate
        return load(path: shown)
    }
}
