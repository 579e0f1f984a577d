import Foundation
import Testing

@testable import SchemaGenKit

/// Every page rendered as the docs site's HTML (pretty, minified and sloppy, made by the project's
/// md2html tool into Fixtures/html) must give the same table as its markdown source.
@Suite struct HTMLEquivalenceTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var page: String
        var style: String
        var testDescription: String { "\(style)/\(page)" }
    }

    static let cases: [Case] = Fixtures.htmlStyles.flatMap { style in
        Fixtures.markdownPageNames.map { Case(page: $0, style: style) }
    }

    @Test func fixturesCoverEveryPageInEveryStyle() {
        #expect(Self.cases.count == 90)
        for c in Self.cases {
            #expect(FileManager.default.fileExists(atPath: Fixtures.htmlPage(style: c.style, markdownName: c.page)))
        }
    }

    @Test(arguments: cases)
    func htmlGivesTheMarkdownTable(_ c: Case) throws {
        let markdown = SchemaLoader.extractTable(path: Fixtures.docsInput + "/" + c.page)
        let html = SchemaLoader.extractTable(path: Fixtures.htmlPage(style: c.style, markdownName: c.page))
        #expect(!html.diagnostics.hasErrors, "\(html.diagnostics.map(\.formatted))")
        let md = try #require(markdown.table)
        let ht = try #require(html.table)
        #expect(ht.id == md.id)
        #expect(ht.title == md.title)
        #expect(ht.summary == md.summary)
        #expect(ht.deprecated == md.deprecated)
        #expect(ht.fields.count == md.fields.count)
        for (h, m) in zip(ht.fields, md.fields) {
            #expect(h.name == m.name)
            #expect(h.variant == m.variant, "\(m.name)")
            #expect(h.dataType == m.dataType, "\(m.name)")
            #expect(h.description == m.description, "\(m.name)")
            // HTML may add titles the markdown lacks, never change or drop one.
            if let title = m.title { #expect(h.title == title, "\(m.name)") }
        }
        #expect(ht.queryParameters.map(\.name) == md.queryParameters.map(\.name))
        #expect(ht.queryParameters.map(\.type) == md.queryParameters.map(\.type))
        #expect(ht.queryParameters.map(\.required) == md.queryParameters.map(\.required))
        #expect(ht.queryParameters.map(\.description) == md.queryParameters.map(\.description))
    }
}
