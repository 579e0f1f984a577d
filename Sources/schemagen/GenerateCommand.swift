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

    @OptionGroup var options: GenerateOptions

    func run() throws {
        Interruption.install()
        let request = try options.request(failure: .failure)
        if options.printOutputs { return try options.printOutputPaths(request, failure: .failure) }
        let result = GeneratorPipeline.generate(request)
        DiagnosticPrinter.print(result.diagnostics)
        guard let report = result.report, !result.diagnostics.hasErrors else { throw ExitCode.failure }
        if !options.quiet {
            StandardOutput.write(Array((report.summary(directory: request.outputDirectory) + "\n").utf8))
        }
    }
}
