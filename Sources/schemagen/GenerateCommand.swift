import ArgumentParser
import SchemaGenKit

/// `schemagen INPUT... --out DIR`: the product. Reads the pages, renders every target, and writes
/// only what changed into DIR, leaving anything schemagen did not generate alone.
struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Generate Swift, PostgreSQL, SQLite and JSON Schema from the pages (the default command).",
        discussion: """
            Layout under the output folder: swift/ (one file per table and JSONValue.swift), \
            sql/postgres.sql, sql/sqlite.sql, jsonschema/<table id>.schema.json. Files are written only when \
            their content changes; files schemagen generated before and no longer generates are removed; \
            nothing else in the folder is touched. On any error nothing is written. \
            Settings come from --config FILE, else ./schemagen.yml when present; options given here win \
            over the file's values.
            """
    )

    @OptionGroup var options: GenerationOptions

    @Option(
        name: .long,
        help: "Name Swift files after the type (type, the default), after the page (page; what the build plugin uses), or one file per service (service: aws.ec2.swift; fastest to compile for large catalogs).")
    var swiftFileNames: String?

    @Flag(name: .long, help: "Print the paths the run would write, relative to the output folder, and write nothing.")
    var printOutputs = false

    @Flag(name: .long, help: "Print nothing but diagnostics.")
    var quiet = false

    func validate() throws {
        if let swiftFileNames, RenderOptions.SwiftFileNames(rawValue: swiftFileNames) == nil {
            throw ValidationError("--swift-file-names must be type, page or service")
        }
    }

    func run() throws {
        Interruption.install()
        let request = try options.request(
            swiftFileNames: swiftFileNames.flatMap(RenderOptions.SwiftFileNames.init), failure: .failure)
        if printOutputs {
            let (files, diagnostics) = GeneratorPipeline.renderedFiles(request)
            DiagnosticPrinter.print(diagnostics)
            guard let files else { throw ExitCode.failure }
            StandardOutput.write(Array(files.map { $0.path + "\n" }.joined().utf8))
            return
        }
        let result = GeneratorPipeline.generate(request)
        DiagnosticPrinter.print(result.diagnostics)
        guard let report = result.report, !result.diagnostics.hasErrors else { throw ExitCode.failure }
        if !quiet {
            StandardOutput.write(Array((report.summary(directory: request.outputDirectory) + "\n").utf8))
        }
    }
}
