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
            nothing else in the folder is touched. On any error nothing is written.
            """
    )

    @Argument(help: "Pages (.md, .markdown, .html, .htm) or directories of pages.")
    var inputs: [String]

    @Option(name: .long, help: "The output folder.")
    var out: String

    @Option(name: .long, help: "Comma-separated targets: swift, postgres, sqlite, jsonschema.")
    var targets: String = OutputTarget.allCases.map(\.rawValue).joined(separator: ",")

    @Option(name: .long, help: "A folder of templates overriding the bundled ones by file name.")
    var templates: String?

    @Option(name: .long, help: "Swift access level of generated declarations: public, package or internal.")
    var access: String = "public"

    @Flag(name: .long, help: "Print nothing but diagnostics.")
    var quiet = false

    func validate() throws {
        if case .failure(let error) = OutputTarget.parseList(targets) { throw ValidationError(error.description) }
        guard ["public", "package", "internal"].contains(access) else {
            throw ValidationError("--access must be public, package or internal")
        }
    }

    func run() throws {
        let request = GenerationRequest(
            inputs: inputs, outputDirectory: out,
            targets: (try? OutputTarget.parseList(targets).get()) ?? Set(OutputTarget.allCases),
            templatesDirectory: templates, swiftAccess: access)
        let result = Generation.run(request)
        DiagnosticPrinter.print(result.diagnostics)
        guard let report = result.report, !result.diagnostics.hasErrors else { throw ExitCode.failure }
        if !quiet {
            StandardOutput.write(Array((report.summary(directory: out) + "\n").utf8))
        }
    }
}
