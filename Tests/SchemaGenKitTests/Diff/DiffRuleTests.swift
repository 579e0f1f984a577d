import Foundation
import Testing

@testable import SchemaGenKit

/// Each rule through real pages: an old and a new page set in, the complete list of findings out.
@Suite struct DiffRuleTests {
    static func load(_ pair: DiffFixturePair) throws -> (old: Schema, new: Schema, dir: TemporaryDirectory) {
        let dir = try TemporaryDirectory()
        try pair.write(to: dir)
        let old = SchemaLoader.load(inputs: [dir.path + "/old"])
        let new = SchemaLoader.load(inputs: [dir.path + "/new"])
        #expect(old.diagnostics.isEmpty, "\(old.diagnostics.map(\.formatted))")
        #expect(new.diagnostics.isEmpty, "\(new.diagnostics.map(\.formatted))")
        return (old.schema, new.schema, dir)
    }

    @Test(arguments: DiffFixturePair.all)
    func reportsExactlyTheExpectedChanges(_ pair: DiffFixturePair) throws {
        let (old, new, _) = try Self.load(pair)
        let changes = SchemaDiffer.diff(old: old, new: new)
        #expect(changes.map(DiffFixturePair.findingLine) == pair.expected)
        // The other direction is never silent when this one is not.
        #expect(SchemaDiffer.diff(old: new, new: old).isEmpty == pair.expected.isEmpty)
    }

    @Test func everyRuleHasAFixturePair() {
        let covered = Set(DiffFixturePair.all.flatMap(\.expected).map { String($0.split(separator: " ")[1]) })
        #expect(covered == Set(ChangeRule.all.map(\.id)))
    }

    @Test func ruleIDsAreUniqueKebabCaseWithAPurpose() {
        let ids = ChangeRule.all.map(\.id)
        #expect(Set(ids).count == ids.count)
        for rule in ChangeRule.all {
            #expect(rule.id.allSatisfy { $0.isLowercase || $0 == "-" }, "\(rule.id)")
            #expect(!rule.purpose.isEmpty && !rule.purpose.contains("\n"), "\(rule.id)")
            #expect(ChangeRule.rule(id: rule.id) == rule)
            // Whatever breaks generated code is at least a warning.
            if !rule.consumers.isEmpty && rule.id != "table-deprecated" {
                #expect(rule.severity >= .warning, "\(rule.id)")
            }
        }
    }

    @Test func theDocdbTagsChangePointsAtBothPageLines() throws {
        let (old, new, dir) = try Self.load(.docdbTags)
        let changes = SchemaDiffer.diff(old: old, new: new)
        try #require(changes.count == 1)
        #expect(changes[0].oldLocation == SourceLocation(file: dir.path + "/old/aws.docdb_subnet_group.md", line: 27))
        #expect(changes[0].newLocation == SourceLocation(file: dir.path + "/new/aws.docdb_subnet_group.md", line: 27))
        #expect(changes[0].rule.consumers == [.swift, .json, .sql])
        #expect(changes[0].oldType?.swift == "[String: String]?")
        #expect(changes[0].newType?.postgres == "text[]")
    }

    @Test func allPairsTogetherReportTheUnionInTableOrder() throws {
        let (old, new, _) = try Self.load(.combined)
        let lines = SchemaDiffer.diff(old: old, new: new).map(DiffFixturePair.findingLine)
        #expect(lines.sorted() == DiffFixturePair.combined.expected.sorted())
        let tables = lines.map { String($0.split(separator: " ")[2]) }
        #expect(tables == tables.sorted())
    }

    @Test func aDumpedSnapshotDiffsLikeItsPages() throws {
        let (old, _, dir) = try Self.load(.combined)
        let snapshot = try dir.write("old.json", bytes: SchemaJSON.encode(old))
        let side = SchemaSide.load(snapshot)
        #expect(side.diagnostics.isEmpty)
        let fromPages = SchemaSide.load(dir.path + "/new")
        let viaSnapshot = SchemaDiffer.diff(old: try #require(side.schema), new: try #require(fromPages.schema))
        #expect(viaSnapshot.map(DiffFixturePair.findingLine).sorted() == DiffFixturePair.combined.expected.sorted())
    }

    @Test func anAmbiguousRenameIsReportedAsRemovalsAndAdditions() {
        func field(_ name: String, _ line: Int) -> Field {
            Field(
                name: name, variant: "core", dataType: DataType(parsing: "string")!, description: "An id.", line: line)
        }
        let source = SourceLocation(file: "t.md", line: 1)
        let old = Schema(tables: [
            Table(
                id: "aws.t", title: "T", summary: "", deprecated: false, source: source,
                fields: [field("a", 1), field("b", 2)])
        ])
        let new = Schema(tables: [
            Table(
                id: "aws.t", title: "T", summary: "", deprecated: false, source: source,
                fields: [field("c", 1)])
        ])
        #expect(
            SchemaDiffer.diff(old: old, new: new).map(\.rule.id) == ["field-removed", "field-removed", "field-added"])
    }

    @Test func aJSONSideThatIsNotASchemaIsAnErrorAtItsPath() throws {
        let dir = try TemporaryDirectory()
        let bad = try dir.write("bad.json", #"{"tables": []}"#)
        let loaded = SchemaSide.load(bad)
        #expect(loaded.schema == nil)
        #expect(
            loaded.diagnostics.map(\.formatted) == ["\(bad):1:1: error: not a schemagen schema (no \"version\" key)"])
        let folder = dir.path + "/folder.json"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        #expect(SchemaSide.load(folder).diagnostics.map(\.formatted) == ["schemagen: error: cannot read \(folder)"])
    }
}
