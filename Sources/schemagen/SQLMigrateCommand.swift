import ArgumentParser
import SchemaGenKit

extension SQLMigration.Dialect: ExpressibleByArgument {}

/// `schemagen sql-migrate OLD NEW --dialect postgres|sqlite`: a migration script for databases
/// created from the generated SQL, printed for review rather than run, with data-losing statements
/// commented out unless asked for.
struct SQLMigrateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sql-migrate",
        abstract: "Print the SQL that moves a database generated from OLD to what NEW generates.",
        discussion: """
            OLD and NEW are each a page, a folder of pages, or a schema JSON written by `schemagen dump`. \
            Statements that drop tables, columns or values are commented out unless --allow-destructive. \
            Exit status: 0 on success, 2 when an input could not be read.
            """
    )

    @Argument(help: "The side the database was generated from.")
    var old: String

    @Argument(help: "The side to move the database to.")
    var new: String

    @Option(name: .long, help: "SQL dialect: postgres or sqlite.")
    var dialect: SQLMigration.Dialect

    @Flag(name: .customLong("allow-destructive"), help: "Include statements that drop tables, columns or values.")
    var allowDestructive = false

    func run() throws {
        let before = SchemaSide.load(old)
        let after = SchemaSide.load(new)
        let diagnostics = before.diagnostics + after.diagnostics
        DiagnosticPrinter.print(diagnostics)
        guard let oldSchema = before.schema, let newSchema = after.schema, !diagnostics.hasErrors else {
            throw ExitCode(2)
        }
        let migration = SQLMigration(old: oldSchema, new: newSchema, dialect: dialect)
        StandardOutput.write(Array(migration.script(allowDestructive: allowDestructive).utf8))
    }
}
