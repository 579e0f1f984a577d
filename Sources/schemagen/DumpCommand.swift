import ArgumentParser
import SchemaGenKit

/// `schemagen dump INPUT...`: the schema as stable JSON on stdout, for scripts and snapshots.
struct DumpCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dump",
        abstract: "Print the schema read from the pages as JSON.",
        discussion: """
            INPUT is a page (.md, .markdown, .html, .htm) or a directory searched recursively for them. \
            The JSON has sorted keys and tables, fields in page order, and a "version" that readers check first. \
            Diagnostics go to standard error; the exit status is non-zero when any is an error.
            """
    )

    @Argument(help: "Pages or directories of pages.")
    var inputs: [String]

    @OptionGroup var limitOptions: LimitOptions

    func run() throws {
        let result = SchemaLoader.load(inputs: inputs, limits: limitOptions.limits)
        DiagnosticPrinter.print(result.diagnostics)
        if result.diagnostics.hasErrors { throw ExitCode.failure }
        StandardOutput.write(SchemaJSON.encode(result.schema))
    }
}
