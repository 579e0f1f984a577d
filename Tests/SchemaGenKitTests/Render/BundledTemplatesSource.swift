import Foundation

/// The Swift source of `Sources/SchemaGenKit/Render/BundledTemplates.swift`, written from `Templates/`.
///
/// The templates are committed as Swift source, not embedded by a build plugin: SwiftPM builds a build
/// plugin's tool once without running the tool's own dependencies' build plugins, so a plugin-generated file in
/// SchemaGenKit made every build of a package using SchemaGenPlugin print compile errors.
enum BundledTemplatesSource {
    static let path = Fixtures.repoRoot + "/Sources/SchemaGenKit/Render/BundledTemplates.swift"
    static let templatesFolder = Fixtures.repoRoot + "/Templates"
    static let updateCommand = "SCHEMAGEN_UPDATE_TEMPLATES=1 swift test --filter BundledTemplatesTests"

    /// `enum BundledTemplates { static let sources: [String: String] }`, keyed by file name without
    /// `.mustache`, in name order, each template as a raw string literal whose delimiter never occurs in it.
    static func render(templates: [(name: String, text: String)]) -> String {
        var swift = """
            // Generated from Templates/*.mustache. Do not edit: after changing a template, run
            // \(updateCommand)

            enum BundledTemplates {
                static let sources: [String: String] = [

            """
        for (name, text) in templates.sorted(by: { $0.name < $1.name }) {
            var hashes = "#"
            while text.contains("\"" + hashes) || text.contains("\\" + hashes) { hashes += "#" }
            swift += "        \"\(name)\": \(hashes)\"\"\"\n\(text)\n\"\"\"\(hashes),\n"
        }
        return swift + "    ]\n}\n"
    }

    /// Every `Templates/*.mustache` file, by name without the extension.
    static func templatesFolderContents() throws -> [(name: String, text: String)] {
        try FileManager.default.contentsOfDirectory(atPath: templatesFolder)
            .filter { $0.hasSuffix(".mustache") }
            .map { file in
                (
                    String(file.dropLast(".mustache".count)),
                    try String(contentsOfFile: templatesFolder + "/" + file, encoding: .utf8)
                )
            }
    }
}
