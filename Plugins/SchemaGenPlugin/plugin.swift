import Foundation
import PackagePlugin

/// Generates Swift models from the data-directory pages in a target, during `swift build`.
///
/// One batch command for all of the target's pages, with every input declared (the pages, the
/// target's `schemagen.yml`, its `.mustache` template overrides) and every output declared (one
/// Swift file per page, named after the page, plus `JSONValue.swift`), so SwiftPM runs it only when
/// an input changed, and `schemagen` rewrites only the files whose content changed.
@main
struct SchemaGenPlugin: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) async throws -> [Command] {
        guard let target = target as? SourceModuleTarget else { return [] }
        let files = target.sourceFiles.map(\.url)
        let setup = try BuildSetup(files: files, targetName: target.name)
        let outputDirectory = context.pluginWorkDirectoryURL.appending(path: "GeneratedSources")
        // The generation cache goes under the plugin's work directory too: on macOS a build command
        // may write nowhere else, so the default (~/.cache/schemagen) would never be written there.
        let cacheDirectory = context.pluginWorkDirectoryURL.appending(path: "cache")
        var arguments =
            ["generate"] + setup.pages.map(\.path) + [
                "--out", outputDirectory.path, "--targets", "swift", "--swift-file-names", "page", "--quiet",
                "--cache-dir", cacheDirectory.path,
            ]
        if let config = setup.config { arguments += ["--config", config.path] }
        let outputs = setup.outputNames.map { outputDirectory.appending(path: "swift/\($0).swift") }
        return [
            .buildCommand(
                displayName: "schemagen: generating Swift for \(setup.pages.count) pages in \(target.name)",
                executable: try context.tool(named: "schemagen").url,
                arguments: arguments,
                inputFiles: setup.pages + [setup.config].compactMap { $0 } + setup.templates,
                outputFiles: outputs
            )
        ]
    }
}

/// What a target holds for schemagen, found from its file list alone (nothing is parsed here).
struct BuildSetup {
    static let pageExtensions: Set<String> = ["md", "markdown", "html", "htm"]

    var pages: [URL]
    var config: URL?
    var templates: [URL]
    /// The Swift files `schemagen generate --swift-file-names page` writes, without `.swift`.
    var outputNames: [String]

    init(files: [URL], targetName: String) throws {
        let sorted = files.sorted { $0.path < $1.path }
        pages = sorted.filter { Self.pageExtensions.contains($0.pathExtension.lowercased()) }
        config = sorted.first { $0.lastPathComponent == "schemagen.yml" }
        templates = sorted.filter { $0.pathExtension == "mustache" }
        guard !pages.isEmpty else {
            throw PluginError(
                "target \(targetName) uses the SchemaGenPlugin but has no pages (.md, .markdown, .html, .htm)")
        }
        var seen: [String: URL] = ["jsonvalue": URL(fileURLWithPath: "JSONValue.swift")]
        var names: [String] = []
        for page in pages {
            let stem = page.deletingPathExtension().lastPathComponent
            // The same rule schemagen applies to file names; a page it would rename is refused here,
            // so the declared outputs are exactly the files written.
            guard !stem.isEmpty, !stem.hasPrefix("."),
                stem.unicodeScalars.allSatisfy({
                    $0.isASCII
                        && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "._-".unicodeScalars.contains($0))
                })
            else {
                throw PluginError(
                    "\(page.path): rename the page to letters, digits, `.`, `_` and `-` (its Swift file is named after it)"
                )
            }
            if let other = seen[stem.lowercased()] {
                throw PluginError("\(page.path) and \(other.path) would both generate \(stem).swift; rename one")
            }
            seen[stem.lowercased()] = page
            names.append(stem)
        }
        outputNames = names + ["JSONValue"]
    }
}

struct PluginError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
