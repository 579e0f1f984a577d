import ArgumentParser
import SchemaGenKit

@main
struct SchemaGenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schemagen",
        abstract: "Turn Datadog DDSQL data-directory pages into typed code.",
        usage: """
            schemagen INPUT... --out DIR [<generate options>]   (the default command: generate)
              schemagen <subcommand> [<options>]
            """,
        discussion: defaultCommandHelp,
        version: SchemaGenVersion.current,
        subcommands: [
            GenerateCommand.self, DumpCommand.self, InitCommand.self, DiffCommand.self, CheckCommand.self,
            SQLMigrateCommand.self, FetchCommand.self,
        ],
        defaultSubcommand: GenerateCommand.self
    )

    /// The root help shows the default command's arguments and options, not only the subcommand list:
    /// `schemagen INPUT... --out DIR` is what most users run, and they start from `schemagen --help`.
    static var defaultCommandHelp: String {
        let help = GenerateOptions.helpMessage(columns: 80)
        let start = help.range(of: "ARGUMENTS:")?.lowerBound ?? help.startIndex
        return "Without a subcommand, schemagen runs `generate`, which takes:\n\n"
            + help[start...]
            .replacingOccurrences(of: "  -h, --help              Show help information.\n", with: "")
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
