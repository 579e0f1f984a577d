import ArgumentParser

@main
struct SchemaGenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schemagen",
        abstract: "Turn Datadog DDSQL data-directory pages into typed code.",
        subcommands: [
            GenerateCommand.self, DumpCommand.self, InitCommand.self, DiffCommand.self, CheckCommand.self,
            SQLMigrateCommand.self, FetchCommand.self,
        ],
        defaultSubcommand: GenerateCommand.self
    )
}
