import ArgumentParser
import SchemaGenKit

/// `schemagen check INPUT... --out DIR`: fails CI when generated code was not regenerated, naming
/// each file, without writing anything. Takes generate's options so it checks the same output.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check that an output folder holds exactly what `schemagen INPUT... --out DIR` would write now.",
        discussion: """
            Writes nothing. Exit status: 0 when the folder is up to date, 1 when a generated file is stale, \
            missing or extra (each one is named), 2 when the check could not run (page or template errors, \
            or a folder generate could not write either).
            """
    )

    @Argument(help: "Pages (.md, .markdown, .html, .htm) or directories of pages (default: the config's inputs).")
    var inputs: [String] = []

    @Option(name: .long, help: "The output folder to check (default: the config's output).")
    var out: String?

    @Option(name: .long, help: "Comma-separated targets: swift, postgres, sqlite, jsonschema (default: all).")
    var targets: String?

    @Option(name: .long, help: "A folder of templates overriding the bundled ones by file name.")
    var templates: String?

    @Option(name: .long, help: "Swift access level of generated declarations: public, package or internal.")
    var access: String?

    @Option(name: .long, help: "A schemagen.yml to read (default: ./schemagen.yml when present).")
    var config: String?

    @Flag(name: .long, help: "Print nothing when the folder is up to date.")
    var quiet = false

    @OptionGroup var limitOptions: LimitOptions

    func validate() throws {
        if let targets, case .failure(let error) = OutputTarget.parseList(targets) {
            throw ValidationError(error.description)
        }
        if let access, !["public", "package", "internal"].contains(access) {
            throw ValidationError("--access must be public, package or internal")
        }
    }

    func run() throws {
        // The same settings generate would use (config file, then command line), so both agree.
        let (config, configDiagnostics) = ConfigLoader.locate(explicit: config)
        DiagnosticPrinter.print(configDiagnostics)
        if configDiagnostics.hasErrors { throw ExitCode(2) }
        let settings = CommandLineSettings(
            inputs: inputs, output: out, targets: targets.flatMap { try? OutputTarget.parseList($0).get() },
            templates: templates, access: access)
        var request: GenerationRequest
        switch GenerationRequest.configured(config: config, commandLine: settings) {
        case .success(let value): request = value
        case .failure(let error):
            DiagnosticPrinter.print([error.diagnostic])
            throw ExitCode(2)
        }
        request.limits = limitOptions.limits
        let out = request.outputDirectory
        let check = OutputCheck.run(request)
        DiagnosticPrinter.print(check.diagnostics)
        guard check.completed else { throw ExitCode(2) }
        let folder = out.hasSuffix("/") ? String(out.dropLast()) : out
        if check.isUpToDate {
            if !quiet { StandardOutput.write(Array("\(folder): up to date (\(check.fileCount) files)\n".utf8)) }
            return
        }
        var text = check.problems.map { "\(folder)/\($0.path): \($0.kind)\n" }.joined()
        text += "\(folder) is out of date (\(check.problems.count) file\(check.problems.count == 1 ? "" : "s")); "
            + "run schemagen generate with the same options to regenerate\n"
        StandardOutput.write(Array(text.utf8))
        throw ExitCode(1)
    }
}
