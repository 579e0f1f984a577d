import Foundation
import Testing

@testable import SchemaGenKit

/// The 30 pages in docs-input (the seeds and the whole corpus) and a deprecated page, generated and put
/// through every real consumer. One suite, serialized, so the compile and the database share the machine politely.
@Suite(.serialized) struct GeneratedArtifactsTests {
    /// A page with a deprecation banner (none of the real pages in docs-input has one).
    static let deprecatedPage = Fixtures.testFixtures + "/deprecated/aws.opsworks_stack.md"

    static let check: Result<ConsumerCheck, any Error> = Result {
        let loaded = SchemaLoader.load(inputs: [Fixtures.docsInput, deprecatedPage])
        return try ConsumerCheck(schema: loaded.schema)
    }

    @Test func layoutHasOneFilePerTablePerTarget() throws {
        let check = try Self.check.get()
        let paths = check.files.map(\.path)
        #expect(paths.filter { $0.hasPrefix("swift/") }.count == 32)
        #expect(paths.filter { $0.hasPrefix("jsonschema/") && $0.hasSuffix(".schema.json") }.count == 31)
        #expect(paths.contains("swift/JSONValue.swift"))
        #expect(paths.contains("sql/postgres.sql") && paths.contains("sql/sqlite.sql"))
        #expect(paths.contains("swift/AWSSagemakerModelPackage.swift"))
        #expect(paths.contains("jsonschema/aws.sagemaker_model_package.schema.json"))
        #expect(paths == paths.sorted())
    }

    @Test func swiftCompilesAndRoundTripsASampleRowPerTable() throws {
        try Self.check.get().swiftRoundTrip()
    }

    /// The other Swift layout and property binding users can choose: one file per service, `var`.
    @Test func serviceFilesWithMutablePropertiesCompileAndRoundTrip() throws {
        let loaded = SchemaLoader.load(inputs: [Fixtures.docsInput])
        let renderer = Renderer(
            targets: [.swift], templates: .bundled, options: RenderOptions(swiftFileNames: .service, mutable: true))
        let check = try ConsumerCheck(schema: loaded.schema, renderer: renderer)
        let services = Set(loaded.schema.tables.map { RenderOptions.serviceStem(tableID: $0.id).lowercased() })
        let paths = check.files.map(\.path)
        #expect(paths == (services.map { "swift/\($0).swift" } + ["swift/JSONValue.swift"]).sorted())
        // The two SageMaker seeds share their service's file, in table id order.
        let sagemaker = String(
            decoding: check.files.first { $0.path == "swift/aws.sagemaker.swift" }!.bytes, as: UTF8.self)
        let first = sagemaker.range(of: "struct AWSSagemakerInferenceExperiment:")
        let second = sagemaker.range(of: "struct AWSSagemakerModelPackage:")
        #expect(first != nil && second != nil && first!.lowerBound < second!.lowerBound)
        #expect(sagemaker.contains("    public var ") && !sagemaker.contains("    public let "))
        try check.swiftRoundTrip()
    }

    /// The DDSQLClient conformance (`swift.client`), inside a namespace and with required columns: the code
    /// builds against the library with warnings as errors (a deprecated table among them), row JSON still
    /// round-trips, and each sample row read from a DDSQL API response (column-major, typed) gives the same struct.
    @Test func clientCodeCompilesAndReadsAPIResponses() throws {
        let loaded = SchemaLoader.load(inputs: [Fixtures.docsInput, Self.deprecatedPage])
        let options = RenderOptions(
            namespace: "DDSQL", requiredColumns: ["aws.sagemaker_model_package": ["_key", "creation_time"]],
            client: true)
        let check = try ConsumerCheck(
            schema: loaded.schema, renderer: Renderer(targets: [.swift], templates: .bundled, options: options))
        let logs = String(decoding: check.files.first { $0.path == "swift/DDLogs.swift" }!.bytes, as: UTF8.self)
        #expect(logs.contains("import DDSQLClient") && logs.contains("struct Parameters: Sendable"))
        let opsWorks = String(
            decoding: check.files.first { $0.path == "swift/AWSOpsworksStack.swift" }!.bytes, as: UTF8.self)
        #expect(
            opsWorks.contains(
                "    @available(*, deprecated, message: \"Deprecated: AWS OpsWorks Stacks reached end of "))
        // Documentation/Querying.md's example of generated code is compiled with it.
        _ = try check.output.write("swift/DocumentationExample.swift", try Self.documentationExample())
        try check.swiftRoundTrip()
    }

    /// The Swift block after `<!-- example: generated -->` in Documentation/Querying.md.
    static func documentationExample() throws -> String {
        let text = try String(contentsOfFile: Fixtures.repoRoot + "/Documentation/Querying.md", encoding: .utf8)
        guard let marker = text.range(of: "<!-- example: generated -->\n```swift\n"),
            let end = text.range(of: "\n```\n", range: marker.upperBound..<text.endIndex)
        else {
            throw SwiftCompiler.Failure(description: "Querying.md has no `<!-- example: generated -->` Swift block")
        }
        return String(text[marker.upperBound..<end.lowerBound]) + "\n"
    }

    @Test func postgresLoadsTheCatalogAndTakesASampleRowPerTable() throws {
        try Self.check.get().postgresLoad()
    }

    @Test func sqliteLoadsTheCatalogAndTakesASampleRowPerTable() throws {
        try Self.check.get().sqliteLoad()
    }

    @Test func jsonSchemasAreValidAndJudgeRowsByType() throws {
        try Self.check.get().jsonSchemaValidation()
    }
}
