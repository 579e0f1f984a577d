import Testing

@testable import SchemaGenKit

/// `Table` shares its values between copies until one changes: each copy must still behave as a
/// value of its own.
@Suite struct TableValueTests {
    static func table() -> Table {
        Table(
            id: "aws.thing", title: "Thing", summary: "A thing.", deprecated: false,
            source: SourceLocation(file: "aws.thing.md", line: 3, column: 1),
            fields: [
                Field(name: "arn", variant: "core", dataType: DataType(parsing: "string")!, description: "d", line: 9)
            ],
            queryParameters: [QueryParameter(name: "q", type: "string", required: true, description: "", line: 5)])
    }

    @Test func changingACopyLeavesTheOriginalAndEveryOtherCopy() {
        let changes: [(String, (inout Table) -> Void)] = [
            ("id", { $0.id = "aws.other" }),
            ("namespace", { $0.namespace = "gcp" }),
            ("name", { $0.name = "other" }),
            ("title", { $0.title += "!" }),
            ("summary", { $0.summary += " More." }),
            ("deprecated", { $0.deprecated.toggle() }),
            ("source", { $0.source.line += 1 }),
            ("fields", { $0.fields[0].description += "!" }),
            ("fields appended", { $0.fields.append($0.fields[0]) }),
            ("queryParameters", { $0.queryParameters[0].required.toggle() }),
        ]
        let original = Self.table()
        for (what, change) in changes {
            let shared = original
            var changed = shared
            change(&changed)
            #expect(changed != original, "\(what)")
            #expect(shared == original && shared == Self.table(), "\(what)")
            #expect(RenderKey.digest(shared) == RenderKey.digest(original), "\(what)")
            #expect(RenderKey.digest(changed) != RenderKey.digest(original), "\(what)")
        }
    }

    @Test func tablesMadeApartAreEqualAndHashAlikeWhenTheirValuesAre() {
        let a = Self.table()
        let b = Self.table()
        #expect(a == b && a.hashValue == b.hashValue)
        #expect(Set([a, b]).count == 1)
        var c = b
        c.summary = a.summary
        #expect(c == a, "setting a value to what it was")
        #expect(a.namespace == "aws" && a.name == "thing")
    }
}
