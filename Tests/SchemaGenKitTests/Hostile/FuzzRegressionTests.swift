import Foundation
import Testing

@testable import SchemaGenKit

/// Every input the fuzzers ever flagged (Fixtures/fuzz/<target>/), replayed with the invariants the
/// fuzz targets check: no crash, a missing table always explained by an error, locations inside
/// the page, a table without errors complete, rendered paths safe and JSON Schemas valid JSON.
@Suite struct FuzzRegressionTests {
    static func inputs(_ target: String) -> [String] {
        let folder = Fixtures.testFixtures + "/fuzz/" + target
        return ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted().map { folder + "/" + $0 }
    }

    static func check(_ bytes: [UInt8], format: PageFormat) {
        let page = Page(path: format == .markdown ? "fuzz.md" : "fuzz.html", bytes: bytes)
        let (table, diagnostics) = SchemaLoader.extractTable(from: page, format: format)
        if table == nil { #expect(diagnostics.hasErrors) }
        let lineCount =
            1
            + bytes.indices.filter { i in
                bytes[i] == 0x0A || (bytes[i] == 0x0D && (i + 1 == bytes.count || bytes[i + 1] != 0x0A))
            }.count
        #expect(
            diagnostics.allSatisfy {
                (1...lineCount).contains($0.location?.line ?? 1) && ($0.location?.column ?? 1) >= 1
            })
        guard let table, !diagnostics.hasErrors else { return }
        #expect(!table.fields.isEmpty)
        for file in Renderer().render(Schema(tables: [table])).files {
            #expect(!file.path.split(separator: "/").contains(".."))
            if file.path.hasSuffix(".json") {
                #expect((try? JSONSerialization.jsonObject(with: Data(file.bytes))) != nil, "\(file.path)")
            }
        }
    }

    @Test func findingsAreKeptAsRegressionInputs() {
        #expect(!Self.inputs("FuzzMarkdown").isEmpty)
    }

    @Test(arguments: ["FuzzMarkdown", "FuzzHTML", "FuzzPipeline"])
    func replay(_ target: String) throws {
        for path in Self.inputs(target) {
            var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
            switch target {
            case "FuzzMarkdown": Self.check(bytes, format: .markdown)
            case "FuzzHTML": Self.check(bytes, format: .html)
            default:
                guard !bytes.isEmpty else { continue }
                let format: PageFormat = bytes.removeFirst() & 1 == 0 ? .markdown : .html
                Self.check(bytes, format: format)
            }
        }
    }
}
