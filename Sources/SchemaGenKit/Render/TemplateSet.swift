import Foundation

/// The templates a run renders with: the ones built into schemagen (from `Templates/`), each
/// replaceable by a file of the same name in the user's `--templates` folder.
public struct TemplateSet: Sendable {
    /// Every template schemagen renders, by name (`Templates/<name>.mustache`).
    public enum Name: String, CaseIterable, Sendable {
        case swiftTable = "swift-table"
        case swiftSupport = "swift-support"
        case postgres = "postgres"
        case sqlite = "sqlite"
        case jsonSchemaTable = "jsonschema-table"
    }

    private let templates: [Name: CompiledTemplate]
    /// A digest of every template's name and text, for the generation cache's key.
    let digest: ContentHash

    /// The bundled templates; they are tested, so failing to parse one is a bug in schemagen.
    public static let bundled: TemplateSet = {
        do {
            return try TemplateSet(overrides: nil)
        } catch {
            fatalError("a bundled template does not parse: \(error)")
        }
    }()

    /// - Parameter overrides: a folder whose `<name>.mustache` files replace bundled ones. A file there
    ///   whose name is not a template's is an error, so a typo cannot silently do nothing.
    public init(overrides: String?) throws(TemplateError) {
        var templates: [Name: CompiledTemplate] = [:]
        var digestInput: [UInt8] = []
        var overrideFiles: [Name: String] = [:]
        if let folder = overrides {
            let entries: [String]
            do {
                entries = try FileManager.default.contentsOfDirectory(atPath: folder)
            } catch {
                throw TemplateError(file: folder, line: nil, column: nil, message: "cannot read the templates folder")
            }
            for entry in entries.sorted() where entry.hasSuffix(".mustache") {
                guard let name = Name(rawValue: String(entry.dropLast(".mustache".count))) else {
                    throw TemplateError(
                        file: folder + "/" + entry, line: nil, column: nil,
                        message: "not a schemagen template name (known: "
                            + Name.allCases.map { $0.rawValue + ".mustache" }.joined(separator: ", ") + ")")
                }
                overrideFiles[name] = folder + "/" + entry
            }
        }
        for name in Name.allCases {
            let source: String
            let origin: String
            if let path = overrideFiles[name] {
                guard let data = FileManager.default.contents(atPath: path),
                    let text = String(data: data, encoding: .utf8)
                else {
                    throw TemplateError(
                        file: path, line: nil, column: nil, message: "cannot read the template as UTF-8")
                }
                source = text
                origin = path
            } else {
                guard let text = BundledTemplates.sources[name.rawValue] else {
                    throw TemplateError(
                        file: "Templates/\(name.rawValue).mustache", line: nil, column: nil,
                        message: "bundled template missing")
                }
                source = text
                origin = "bundled:\(name.rawValue).mustache"
            }
            digestInput += Array(name.rawValue.utf8) + [0] + Array(source.utf8) + [0]
            do {
                templates[name] = try CompiledTemplate(source)
            } catch {
                throw TemplateError(
                    file: origin, line: error.line, column: error.column,
                    message: "template syntax error: \(error.message)")
            }
        }
        self.templates = templates
        digest = ContentHash(digestInput)
    }

    func render(_ name: Name, _ context: FlatContext) -> [UInt8] {
        templates[name]!.render(context)
    }

    func compiled(_ name: Name) -> CompiledTemplate {
        templates[name]!
    }
}

/// A template that cannot be used, with its place when the parser gave one.
public struct TemplateError: Error, CustomStringConvertible, Sendable {
    public var file: String
    public var line: Int?
    public var column: Int?
    public var message: String

    public var diagnostic: Diagnostic {
        .error(message, at: SourceLocation(file: file, line: line ?? 1, column: column ?? 1))
    }

    public var description: String { diagnostic.formatted }
}
