import Foundation
import Mustache
import Testing
@testable import SchemaGenKit

@Suite struct BundledTemplatesTests {
    /// Templates/ is the source of truth; the copy the EmbedTemplates plugin compiles in must match it.
    @Test func theCompiledInCopyMatchesTemplatesFolder() throws {
        let folder = Fixtures.repoRoot + "/Templates"
        let names = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".mustache") }
        #expect(Set(names.map { String($0.dropLast(".mustache".count)) }) == Set(BundledTemplates.sources.keys))
        #expect(Set(BundledTemplates.sources.keys) == Set(TemplateSet.Name.allCases.map(\.rawValue)))
        for name in names {
            let text = try String(contentsOfFile: folder + "/" + name, encoding: .utf8)
            #expect(BundledTemplates.sources[String(name.dropLast(".mustache".count))] == text,
                    "\(name): the embedded copy differs")
        }
    }

    /// Every bundled template, on the contexts of all 30 pages, gives the same bytes through
    /// schemagen's renderer as through swift-mustache.
    @Test func schemagensRendererAgreesWithSwiftMustacheOnEveryBundledTemplate() throws {
        let schema = SchemaLoader.load(inputs: [Fixtures.docsInput]).schema
        let swiftModels = SwiftModelBuilder.build(schema).tables
        var cases: [(TemplateSet.Name, FlatContext)] = swiftModels.map {
            (.swiftTable, TemplateContext.swiftTable($0, access: "public"))
        }
        cases.append((.swiftSupport, TemplateContext.swiftSupport(access: "package", namespace: "DDSQL")))
        let catalog = TemplateContext.sqlCatalog(SQLModelBuilder.build(schema))
        cases += [(.postgres, catalog), (.sqlite, catalog)]
        cases += JSONSchemaModelBuilder.build(schema).tables.map { (.jsonSchemaTable, TemplateContext.jsonSchemaTable($0)) }
        for (name, context) in cases {
            let source = try #require(BundledTemplates.sources[name.rawValue])
            let ours = String(decoding: try CompiledTemplate(source).render(context), as: UTF8.self)
            let reference = try MustacheTemplate(string: source).render(MustacheEngineTests.reference(context.tree))
            #expect(ours == reference, "\(name.rawValue) differs")
        }
        #expect(cases.count == 63)
    }
}
