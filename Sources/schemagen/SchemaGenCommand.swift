import ArgumentParser

@main
struct SchemaGenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schemagen",
        abstract: "Turn Datadog DDSQL data-directory pages into typed code.",
        subcommands: [GenerateCommand.self, DumpCommand.self],
        defaultSubcommand: GenerateCommand.self
    )
}
