import ArgumentParser
import SchemaGenKit

/// `schemagen check INPUT... --out DIR`: fails CI when generated code was not regenerated, naming
/// each file, without writing anything. Takes every one of generate's options (`GenerateOptions`), so
/// it checks the same output.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check that an output folder holds exactly what `schemagen INPUT... --out DIR` would write now.",
        discussion: """
            Writes nothing. Exit status: 0 when the folder is up to date, 1 when a generated file is stale, \
            missing or extra (each one is named), 2 when the check could not run (page or template errors, \
            or a folder generate could not write either).
            """
    )

    @OptionGroup var options: GenerateOptions

    func run() throws {
        Interruption.install()
        // The same settings generate would use (config file, then command line), so both agree.
        let request = try options.request(failure: ExitCode(2))
        if options.printOutputs { return try options.printOutputPaths(request, failure: ExitCode(2)) }
        let out = request.outputDirectory
        let check = OutputCheck.run(request)
        DiagnosticPrinter.print(check.diagnostics)
        guard check.completed else { throw ExitCode(2) }
        let folder = out.hasSuffix("/") ? String(out.dropLast()) : out
        if check.isUpToDate {
            if !options.quiet { StandardOutput.write(Array("\(folder): up to date (\(check.fileCount) files)\n".utf8)) }
            return
        }
        var text = check.problems.map { "\(folder)/\($0.path): \($0.kind)\n" }.joined()
        text +=
            "\(folder) is out of date (\(check.problems.count) file\(check.problems.count == 1 ? "" : "s")); "
            + "run schemagen generate with the same options to regenerate\n"
        StandardOutput.write(Array(text.utf8))
        throw ExitCode(1)
    }
}
