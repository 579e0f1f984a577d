import Foundation
import Testing

@testable import SchemaGenKit

/// Hostile table ids, column ids and descriptions, read from real page files and put through the
/// whole pipeline: the Swift compiles, the SQL loads as exactly the intended statements (the live
/// catalog is compared column by column), the JSON Schemas parse and validate, and no file lands
/// outside the output folder.
@Suite(.serialized) struct HostileOutputTests {
    static let hostileNames = [
        "../up", "a/b", "nul\u{0}byte", #"dq"quote"#, "sq'quote", #"back\slash"#, "star*/slash", #"tri"""ple"#,
        "#hash", "$dollar", "emoji😀", "rtl\u{202E}mark", "!!!", "--dash", "semi;colon", "space d",
    ]

    static let hostileDescriptions = [
        "ends in a backslash \\", "comment end */ here", #"triple """ quotes"#, #"interp \(x) here"#,
        "'; DROP TABLE users; --", "$$ dollar quoting $$", "</script><script>alert(1)</script>",
        "controls \u{1}\u{7}\u{1B}\u{7F}\u{85} and \u{2028} separators", "nul \u{0} inside", "rtl \u{202E} override",
    ]

    /// One page per hostile table id, each with every hostile column id and description.
    static func writePages(to dir: TemporaryDirectory) throws -> String {
        let rows = hostileNames.enumerated().map { i, name in
            let description = hostileDescriptions[i % hostileDescriptions.count]
            let cellName = name.replacingOccurrences(of: "|", with: "\\|")
            return
                "| \(cellName) | core | \(["string", "int64", "json", "hstore", "array<string>", "bool"][i % 6]) | \(description) |"
        }
        // Table ids may hold anything but white space (an id with a space is an error of its own).
        for (i, name) in hostileNames.enumerated() where !name.contains(" ") {
            try dir.write("pages/page\(i).md", markdownPage(id: "aws." + name, title: "T\(i)", rows: rows))
        }
        return dir.path + "/pages"
    }

    @Test func everyConsumerTakesHostileNamesAndText() throws {
        let dir = try TemporaryDirectory()
        let pages = try Self.writePages(to: dir)
        let loaded = SchemaLoader.load(inputs: [pages])
        #expect(!loaded.diagnostics.hasErrors, "\(loaded.diagnostics.map(\.formatted))")
        #expect(loaded.schema.tables.count == Self.hostileNames.count - 1)
        #expect(loaded.schema.tables.allSatisfy { $0.fields.count == Self.hostileNames.count })
        let check = try ConsumerCheck(schema: loaded.schema)
        try check.swiftRoundTrip()
        try check.postgresLoad()
        try check.sqliteLoad()
        try check.jsonSchemaValidation()
    }

    @Test func noFileLandsOutsideTheOutputFolder() throws {
        let dir = try TemporaryDirectory()
        let pages = try Self.writePages(to: dir)
        let out = dir.path + "/deep/out"
        let result = GeneratorPipeline.generate(GenerationRequest(inputs: [pages], outputDirectory: out))
        #expect(!result.diagnostics.hasErrors, "\(result.diagnostics.map(\.formatted))")
        // Everything schemagen wrote is under `out`, in the three target folders plus the manifest.
        let everything = try FileManager.default.subpathsOfDirectory(atPath: dir.path).sorted()
        let outside = everything.filter { !$0.hasPrefix("deep/out") && !$0.hasPrefix("pages") && $0 != "deep" }
        #expect(outside.isEmpty, "\(outside)")
        let top = try FileManager.default.contentsOfDirectory(atPath: out).sorted()
        #expect(top == [".schemagen-manifest", "jsonschema", "sql", "swift"])
        let schemas = try FileManager.default.contentsOfDirectory(atPath: out + "/jsonschema")
        #expect(schemas.count == Self.hostileNames.count - 1)
        #expect(schemas.allSatisfy { !$0.contains("/") && !$0.hasPrefix(".") && $0.hasSuffix(".schema.json") })
    }
}
