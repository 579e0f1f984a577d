import Testing

@testable import SchemaGenKit

@Suite struct IgnoreListTests {
    static func change(_ rule: ChangeRule, _ table: String, _ subject: SchemaChange.Subject) -> SchemaChange {
        SchemaChange(rule: rule, tableID: table, subject: subject, message: "m")
    }

    @Test func entriesMatchByRuleTableAndColumn() {
        let (list, diagnostics) = IgnoreList.parse(
            """
            # accepted after review
            field-description-changed
            aws.docdb_subnet_group:tags   # moved to hstore_csv upstream
            field-added gcp.*
            dd.logs
            """, path: "ignore.txt")
        #expect(diagnostics.isEmpty)
        #expect(list.entries.count == 4)
        let docdb = "aws.docdb_subnet_group"
        #expect(list.ignores(Self.change(.fieldDescriptionChanged, "aws.x", .field("y"))))
        #expect(list.ignores(Self.change(.fieldTypeChanged, docdb, .field("tags"))))
        #expect(!list.ignores(Self.change(.fieldTypeChanged, docdb, .field("vpc_id"))))
        #expect(
            !list.ignores(Self.change(.tableDeprecated, docdb, .table)),
            "a column pattern does not match table-level changes")
        #expect(list.ignores(Self.change(.fieldAdded, "gcp.run_revision", .field("a"))))
        #expect(!list.ignores(Self.change(.fieldRemoved, "gcp.run_revision", .field("a"))))
        #expect(list.ignores(Self.change(.queryParameterRemoved, "dd.logs", .queryParameter("indexes"))))
        #expect(!list.ignores(Self.change(.tableRemoved, "dd.logs_v2", .table)))
    }

    @Test func mistakesAreErrorsOnTheirLine() {
        let (_, diagnostics) = IgnoreList.parse("field-removd\nfield-typo aws.x\na b c\n", path: "ignore.txt")
        #expect(diagnostics.map(\.location?.line) == [1, 2, 3])
        #expect(diagnostics.allSatisfy { $0.severity == .error })
        #expect(diagnostics[1].formatted == "ignore.txt:2:1: error: unknown rule id `field-typo`")
    }

    @Test(arguments: [
        ("aws.*", "aws.ec2_instance", true), ("aws.*", "gcp.x", false), ("*", "", true), ("a?c", "abc", true),
        ("a?c", "ac", false), ("*_key", "_key", true), ("@http.*", "@http.status_code", true),
        ("a*b*c", "axxbyyc", true),
        ("a*b*c", "axxbyy", false),
    ])
    func globs(pattern: String, text: String, matches: Bool) {
        #expect(Glob.matches(pattern, text) == matches)
    }

    @Test func aReportCountsWhatItIgnored() throws {
        let (list, _) = IgnoreList.parse("aws.docdb_subnet_group:tags\n", path: "i")
        let (old, new, _) = try DiffRuleTests.load(.docdbTags)
        let report = DiffReport(old: old, new: new, ignore: list)
        #expect(report.changes.isEmpty)
        #expect(report.ignoredCount == 1)
        #expect(!report.failed)
        #expect(report.summaryLine == "0 breaking, 0 warnings, 0 info (1 ignored)")
    }
}
