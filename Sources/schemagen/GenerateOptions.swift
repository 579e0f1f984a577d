import ArgumentParser
import SchemaGenKit

/// Every option of `generate`, shared with `check` so that both always mean the same output (pages,
/// output folder, targets, tables, templates, access level, file names, config file, limits, cache) and
/// a `check` run with the options of the `generate` run before it never reports a difference.
struct GenerateOptions: ParsableArguments {
    @Argument(help: "Pages (.md, .markdown, .html, .htm) or directories of pages (default: the config's inputs).")
    var inputs: [String] = []

    @Option(name: .long, help: "The output folder (default: the config's output).")
    var out: String?

    @Option(name: .long, help: "Comma-separated targets: swift, postgres, sqlite, jsonschema (default: all).")
    var targets: String?

    @Option(
        name: .customLong("table"),
        help: ArgumentHelp(
            "Generate only this table: an id (aws.ec2_instance) or a pattern (aws.*; * is any run of characters, ? one "
                + "character). Repeat for more. Replaces the config's tables (--table '*' for all); default: every table.",
            valueName: "id-or-pattern"))
    var tables: [String] = []

    @Option(name: .long, help: "A folder of templates overriding the bundled ones by file name.")
    var templates: String?

    @Option(name: .long, help: "Swift access level of generated declarations: public, package or internal.")
    var access: String?

    @Flag(
        name: .long,
        help: ArgumentHelp(
            "Generated Swift also reads DDSQL API results: each type imports DDSQLClient (a library of this package) "
                + "and conforms to its DDSQLRow (default: the config's swift.client, else off)."))
    var swiftClient = false

    @Option(name: .long, help: "A schemagen.yml to read (default: ./schemagen.yml when present).")
    var config: String?

    @OptionGroup var limitOptions: LimitOptions

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Where to keep the record that lets an unchanged run skip all work (default: $SCHEMAGEN_CACHE_DIR, "
                + "else $XDG_CACHE_HOME/schemagen, else ~/.cache/schemagen).", valueName: "dir"))
    var cacheDir: String?

    @Flag(name: .long, help: "Always parse, render and compare everything, ignoring and not writing the cache.")
    var noCache = false

    @Flag(name: .long, help: "Let a run that finds no page remove every file it generated before.")
    var allowEmptyInput = false

    @Option(
        name: .long,
        help:
            "Name Swift files after the type (type, the default), after the page (page; what the build plugin uses), or one file per service (service: aws.ec2.swift; fastest to compile for large catalogs)."
    )
    var swiftFileNames: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "A row with a column its page does not list: ignore it (the default: Swift decoding skips it, JSON Schemas "
                + "allow it) or reject it (Swift decoding throws, JSON Schemas set additionalProperties: false).",
            valueName: "ignore|reject"))
    var unknownColumns: UnknownColumns?

    @Flag(name: .long, help: "Print the paths the run would write, relative to the output folder, and write nothing.")
    var printOutputs = false

    @Flag(name: .long, help: "Print nothing but diagnostics (check still names the files that differ).")
    var quiet = false

    func validate() throws {
        if let targets, case .failure(let error) = OutputTarget.parseList(targets) {
            throw ValidationError(error.description)
        }
        if let access, !["public", "package", "internal"].contains(access) {
            throw ValidationError("--access must be public, package or internal")
        }
        if let swiftFileNames, RenderOptions.SwiftFileNames(rawValue: swiftFileNames) == nil {
            throw ValidationError("--swift-file-names must be type, page or service")
        }
        if tables.contains("") { throw ValidationError("--table needs a table id or pattern, not an empty string") }
        for table in tables where table.unicodeScalars.contains(where: { $0.properties.isWhitespace }) {
            throw ValidationError(
                "--table must be one table id or pattern, not `\(table)`: table ids have no white space "
                    + "(repeat --table for more tables)")
        }
    }

    /// The request from the config file (if any) overlaid with these options; prints diagnostics and
    /// throws `failure` when the config cannot be used.
    func request(failure: ExitCode) throws -> GenerationRequest {
        let (config, configDiagnostics) = ConfigLoader.locate(explicit: config)
        DiagnosticPrinter.print(configDiagnostics)
        if configDiagnostics.hasErrors { throw failure }
        let settings = CommandLineSettings(
            inputs: inputs, output: out, targets: targets.flatMap { try? OutputTarget.parseList($0).get() },
            templates: templates, access: access,
            swiftFileNames: swiftFileNames.flatMap(RenderOptions.SwiftFileNames.init), tables: tables,
            unknownColumns: unknownColumns, swiftClient: swiftClient ? true : nil)
        switch GenerationRequest.configured(config: config, commandLine: settings) {
        case .success(var request):
            request.limits = limitOptions.limits
            request.cache = noCache ? nil : cacheDir.map(CacheStore.init(folder:)) ?? CacheStore.standard()
            request.allowEmptyInput = allowEmptyInput
            request.onWait = { message in DiagnosticPrinter.print([.note(message)]) }
            return request
        case .failure(let error):
            DiagnosticPrinter.print([error.diagnostic])
            throw failure
        }
    }
}

extension GenerateOptions {
    /// `--print-outputs`: the paths the run would write, one a line, relative to the output folder.
    func printOutputPaths(_ request: GenerationRequest, failure: ExitCode) throws {
        let (files, diagnostics) = GeneratorPipeline.renderedFiles(request)
        DiagnosticPrinter.print(diagnostics)
        guard let files else { throw failure }
        StandardOutput.write(Array(files.map { $0.path + "\n" }.joined().utf8))
    }
}
