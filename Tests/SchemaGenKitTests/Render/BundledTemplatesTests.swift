import Foundation
import Mustache
import Testing

@testable import SchemaGenKit

@Suite struct BundledTemplatesTests {
    /// The committed `BundledTemplates.swift` is exactly what `Templates/` gives; `SCHEMAGEN_UPDATE_TEMPLATES=1`
    /// rewrites it first.
    @Test func theCommittedSourceIsWrittenFromTemplatesFolder() throws {
        let expected = BundledTemplatesSource.render(templates: try BundledTemplatesSource.templatesFolderContents())
        if ProcessInfo.processInfo.environment["SCHEMAGEN_UPDATE_TEMPLATES"] == "1" {
            try expected.write(toFile: BundledTemplatesSource.path, atomically: true, encoding: .utf8)
        }
        let committed = try String(contentsOfFile: BundledTemplatesSource.path, encoding: .utf8)
        if committed != expected {
            Issue.record(
                """
                Sources/SchemaGenKit/Render/BundledTemplates.swift is not what Templates/ gives:
                \(LineDiff.unified(old: expected, new: committed, oldName: "Templates/", newName: "committed"))
                Rewrite it with \(BundledTemplatesSource.updateCommand)
                """)
        }
    }

    /// Templates/ is the source of truth; the copy compiled into the library must match it.
    @Test func theCompiledInCopyMatchesTemplatesFolder() throws {
        let folder = Fixtures.repoRoot + "/Templates"
        let names = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".mustache") }
        #expect(Set(names.map { String($0.dropLast(".mustache".count)) }) == Set(BundledTemplates.sources.keys))
        #expect(Set(BundledTemplates.sources.keys) == Set(TemplateSet.Name.allCases.map(\.rawValue)))
        for name in names {
            let text = try String(contentsOfFile: folder + "/" + name, encoding: .utf8)
            #expect(
                BundledTemplates.sources[String(name.dropLast(".mustache".count))] == text,
                "\(name): the compiled-in copy differs; run \(BundledTemplatesSource.updateCommand)")
        }
    }

    /// Every bundled template, on the contexts of all 30 pages, gives the same bytes through
    /// schemagen's renderer as through swift-mustache.
    @Test func schemagensRendererAgreesWithSwiftMustacheOnEveryBundledTemplate() throws {
        let schema = SchemaLoader.load(inputs: [Fixtures.docsInput]).schema
        let swiftModels = SwiftModelBuilder.build(schema).tables
        var cases: [(TemplateSet.Name, FlatContext)] = swiftModels.map {
            (.swiftTable, TemplateContexts.swiftTable($0, access: "public"))
        }
        cases.append((.swiftSupport, TemplateContexts.swiftSupport(access: "package", namespace: "DDSQL")))
        let catalog = TemplateContexts.sqlCatalog(SQLModelBuilder.build(schema))
        cases += [(.postgres, catalog), (.sqlite, catalog)]
        cases += JSONSchemaModelBuilder.build(schema).tables.map {
            (.jsonSchemaTable, TemplateContexts.jsonSchemaTable($0))
        }
        for (name, context) in cases {
            let source = try #require(BundledTemplates.sources[name.rawValue])
            let ours = String(decoding: try CompiledTemplate(source).render(context), as: UTF8.self)
            let reference = try MustacheTemplate(string: source).render(MustacheEngineTests.reference(context.tree))
            #expect(ours == reference, "\(name.rawValue) differs")
        }
        #expect(cases.count == 63)
    }
}
