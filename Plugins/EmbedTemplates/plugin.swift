import Foundation
import PackagePlugin

/// Compiles the package's `Templates/*.mustache` into a Swift source file of the target it is applied
/// to, so the default templates travel inside the binary. Declares every template as an input, so the
/// file is regenerated exactly when a template changes.
@main
struct EmbedTemplates: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) async throws -> [Command] {
        let templates = context.package.directoryURL.appending(path: "Templates")
        let names = try FileManager.default.contentsOfDirectory(atPath: templates.path)
            .filter { $0.hasSuffix(".mustache") }
            .sorted()
        let inputs = names.map { templates.appending(path: $0) }
        let output = context.pluginWorkDirectoryURL.appending(path: "BundledTemplates.swift")
        return [
            .buildCommand(
                displayName: "Embedding \(names.count) templates",
                executable: try context.tool(named: "EmbedTemplatesTool").url,
                arguments: [output.path] + inputs.map(\.path),
                inputFiles: inputs,
                outputFiles: [output]
            )
        ]
    }
}
