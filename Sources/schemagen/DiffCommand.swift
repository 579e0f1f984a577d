import ArgumentParser
import Foundation
import SchemaGenKit

extension DiffFormat: ExpressibleByArgument {}
extension FailThreshold: ExpressibleByArgument {}
extension UnknownColumns: ExpressibleByArgument {}

/// `schemagen diff OLD NEW`: what changed between two versions of the pages, how bad it is for Swift,
/// JSON and SQL consumers, and an exit status CI can act on.
///
/// Exit statuses are kept apart so a pipeline can tell "found something" from "could not look":
/// 0 nothing reaches `--fail-on`, 1 something does, 2 an input could not be read.
struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Report schema changes between two versions of the pages, and fail CI on breaking ones.",
        discussion: """
            OLD and NEW are each a page, a folder of pages, or a schema JSON written by `schemagen dump`. \
            Tables are matched by id and columns by name. Exit status: 0 when no change reaches --fail-on, \
            1 when one does, 2 when an input could not be read (diagnostics on standard error).
            """
    )

    @Argument(help: "The old side: pages, a folder of pages, or a `schemagen dump` JSON file.")
    var old: String

    @Argument(help: "The new side: pages, a folder of pages, or a `schemagen dump` JSON file.")
    var new: String

    @Option(name: .long, help: "Report format: text, json, markdown, github or junit.")
    var format: DiffFormat = .text

    @Option(name: .customLong("fail-on"), help: "Lowest severity that exits 1: breaking, warning, info or never.")
    var failOn: FailThreshold = .breaking

    @Option(name: .long, help: "A file of accepted changes: rule ids, TABLE[:COLUMN] patterns, or both on one line.")
    var ignore: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "How the generated code treats a column its page does not list, as given to generate: ignore (an added "
                + "column is info) or reject (a warning). Default: the config's unknownColumns, else ignore.",
            valueName: "ignore|reject"))
    var unknownColumns: UnknownColumns?

    @Option(name: .long, help: "A schemagen.yml whose unknownColumns to use (default: ./schemagen.yml when present).")
    var config: String?

    func run() throws {
        var diagnostics: [Diagnostic] = []
        var ignoreList = IgnoreList()
        if let ignore {
            let loaded = IgnoreList.load(path: ignore)
            ignoreList = loaded.list
            diagnostics += loaded.diagnostics
        }
        let (configFile, configDiagnostics) = ConfigLoader.locate(explicit: config)
        diagnostics += configDiagnostics
        let policy = unknownColumns ?? configFile?.unknownColumns ?? .ignore
        let before = SchemaSide.load(old)
        let after = SchemaSide.load(new)
        diagnostics += before.diagnostics + after.diagnostics
        DiagnosticPrinter.print(diagnostics)
        guard let oldSchema = before.schema, let newSchema = after.schema, !diagnostics.hasErrors else {
            throw ExitCode(2)
        }
        let report = DiffReport(
            old: oldSchema, new: newSchema, ignore: ignoreList, failOn: failOn, unknownColumns: policy)
        StandardOutput.write(Array(format.render(report).utf8))
        if report.failed { throw ExitCode(1) }
    }
}
