import Foundation
import Testing
@testable import SchemaGenKit

/// The 30 pages in docs-input (the seeds and the whole corpus), generated and put through every
/// real consumer. One suite, serialized, so the compile and the database share the machine politely.
@Suite(.serialized) struct GeneratedArtifactsTests {
    static let check: Result<ConsumerCheck, any Error> = Result {
        let loaded = SchemaLoader.load(inputs: [Fixtures.docsInput])
        return try ConsumerCheck(schema: loaded.schema)
    }

    @Test func layoutHasOneFilePerTablePerTarget() throws {
        let check = try Self.check.get()
        let paths = check.files.map(\.path)
        #expect(paths.filter { $0.hasPrefix("swift/") }.count == 31)
        #expect(paths.filter { $0.hasPrefix("jsonschema/") && $0.hasSuffix(".schema.json") }.count == 30)
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
        let sagemaker = String(decoding: check.files.first { $0.path == "swift/aws.sagemaker.swift" }!.bytes, as: UTF8.self)
        let first = sagemaker.range(of: "struct AWSSagemakerInferenceExperiment:")
        let second = sagemaker.range(of: "struct AWSSagemakerModelPackage:")
        #expect(first != nil && second != nil && first!.lowerBound < second!.lowerBound)
        #expect(sagemaker.contains("    public var ") && !sagemaker.contains("    public let "))
        try check.swiftRoundTrip()
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
