import ArgumentParser
import SchemaGenKit

/// `schemagen check INPUT... --out DIR`: fails CI when generated code was not regenerated, naming
/// each file, without writing anything. Takes generate's options so it checks the same output.
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

    @Argument(help: "Pages (.md, .markdown, .html, .htm) or directories of pages.")
    var inputs: [String]

    @Option(name: .long, help: "The output folder to check.")
    var out: String

    @Option(name: .long, help: "Comma-separated targets: swift, postgres, sqlite, jsonschema.")
    var targets: String = OutputTarget.allCases.map(\.rawValue).joined(separator: ",")

    @Option(name: .long, help: "A folder of templates overriding the bundled ones by file name.")
    var templates: String?

    @Option(name: .long, help: "Swift access level of generated declarations: public, package or internal.")
    var access: String = "public"

    @Flag(name: .long, help: "Print nothing when the folder is up to date.")
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
        let check = OutputCheck.run(request)
        DiagnosticPrinter.print(check.diagnostics)
        guard check.completed else { throw ExitCode(2) }
        let folder = out.hasSuffix("/") ? String(out.dropLast()) : out
        if check.isUpToDate {
            if !quiet { StandardOutput.write(Array("\(folder): up to date (\(check.fileCount) files)\n".utf8)) }
            return
        }
        var text = check.problems.map { "\(folder)/\($0.path): \($0.kind)\n" }.joined()
        text += "\(folder) is out of date (\(check.problems.count) file\(check.problems.count == 1 ? "" : "s")); "
            + "run `schemagen \(inputs.joined(separator: " ")) --out \(out)` to regenerate\n"
        StandardOutput.write(Array(text.utf8))
        throw ExitCode(1)
    }
}
