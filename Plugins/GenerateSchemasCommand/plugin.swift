import Foundation
import PackagePlugin

/// `swift package --allow-writing-to-package-directory generate-schemas`: writes Swift, SQL and
/// JSON Schema into the package, for teams that commit generated output.
///
/// - With `--config FILE`, or a `schemagen.yml` at the package root: runs `schemagen generate` with
///   that config (inputs and output as it says, relative to it).
/// - Otherwise, for each target holding pages (or only those named with `--target`): runs it on the
///   target's pages and the target's own `schemagen.yml`, writing into `Generated/<target>/`
///   (`--out DIR` to choose another folder, relative to the package).
///
/// Any other arguments are passed to `schemagen generate` as they are (`--targets swift,sqlite`, ...).
@main
struct GenerateSchemasCommand: CommandPlugin {
    func performCommand(context: PluginContext, arguments: [String]) async throws {
        var extractor = ArgumentExtractor(arguments)
        let targetNames = extractor.extractOption(named: "target")
        let configOption = extractor.extractOption(named: "config").last
        let outOption = extractor.extractOption(named: "out").last
        let passThrough = extractor.remainingArguments
        let tool = try context.tool(named: "schemagen").url
        let root = context.package.directoryURL

        func resolve(_ path: String) -> String {
            path.hasPrefix("/") ? path : root.appending(path: path).path
        }

        let rootConfig = root.appending(path: "schemagen.yml")
        if targetNames.isEmpty,
            let config = configOption.map(resolve)
                ?? (FileManager.default.fileExists(atPath: rootConfig.path) ? rootConfig.path : nil)
        {
            var arguments = ["generate", "--config", config] + passThrough
            if let outOption { arguments += ["--out", resolve(outOption)] }
            try run(tool, arguments, in: root)
            return
        }

        let targets = context.package.targets.compactMap { $0 as? SourceModuleTarget }
            .filter { targetNames.isEmpty || targetNames.contains($0.name) }
        let unknown = Set(targetNames).subtracting(targets.map(\.name))
        guard unknown.isEmpty else {
            throw CommandError("no target named \(unknown.sorted().joined(separator: ", ")) in this package")
        }
        let jobs = targets.compactMap { target -> (name: String, files: [URL], pages: [URL])? in
            let files = target.sourceFiles.map(\.url).sorted { $0.path < $1.path }
            let pages = files.filter { ["md", "markdown", "html", "htm"].contains($0.pathExtension.lowercased()) }
            return pages.isEmpty ? nil : (target.name, files, pages)
        }
        guard !jobs.isEmpty else {
            throw CommandError(
                "no target with pages (.md, .markdown, .html, .htm) and no schemagen.yml at the package root")
        }
        for job in jobs {
            var arguments = ["generate"] + job.pages.map(\.path)
            if let config = job.files.first(where: { $0.lastPathComponent == "schemagen.yml" }) {
                arguments += ["--config", config.path]
            }
            // One target writes into --out itself; several each into a folder of their own under it.
            let out =
                outOption.map { jobs.count == 1 ? resolve($0) : resolve($0) + "/" + job.name }
                ?? root.appending(path: "Generated/\(job.name)").path
            arguments += ["--out", out] + passThrough
            try run(tool, arguments, in: root)
        }
    }

    private func run(_ tool: URL, _ arguments: [String], in directory: URL) throws {
        let process = Process()
        process.executableURL = tool
        process.arguments = arguments
        process.currentDirectoryURL = directory
        try process.run()
        process.waitUntilExit()
        guard process.terminationReason == .exit, process.terminationStatus == 0 else {
            throw CommandError("schemagen \(arguments.joined(separator: " ")) failed")
        }
    }
}

struct CommandError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
