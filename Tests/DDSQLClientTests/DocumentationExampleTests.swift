import DDSQLClient
import Foundation
import Testing

// BEGIN Documentation/Querying.md example
/// `aws.sagemaker_model_package`, three of its columns, in the shape schemagen generates.
struct ModelPackage: DDSQLRow {
    static let tableID = "aws.sagemaker_model_package"
    var key: String?
    var creationTime: Date?
    var tags: [String]?

    static let ddsqlColumns: [DDSQLColumn] = [
        .init("_key", .varchar),
        .init("creation_time", .timestamp),
        .init("tags", .hstore),
    ]

    init(ddsqlRow row: DDSQLRowReader) throws {
        key = try row.optional(0)
        creationTime = try row.optional(1)
        tags = try row.optional(2)
    }
}

/// The newest model packages of the last week, at most 100 of them.
func recentModelPackages() async throws -> [ModelPackage] {
    let client = DDSQLQueryClient(configuration: try .fromEnvironment())
    let query = ModelPackage.query()
        .filter(#""creation_time" > now() - interval '7 days'"#)
        .orderBy(#""creation_time" DESC"#)
    let result = try await client.rows(ModelPackage.self, query: query, limit: 100)
    if result.truncated {
        print("more than 100 model packages; showing the newest 100")
    }
    return result.rows
}
// END Documentation/Querying.md example

/// The example in Documentation/Querying.md is this file's, word for word, so the one in the docs compiles.
@Suite struct DocumentationExampleTests {
    private static func between(_ begin: String, _ end: String, in text: String) -> String? {
        guard let start = text.range(of: begin), let stop = text.range(of: end, range: start.upperBound..<text.endIndex)
        else { return nil }
        return String(text[start.upperBound..<stop.lowerBound]).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test func theDocumentationShowsThisExample() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let documentation = try String(
            contentsOf: root.appendingPathComponent("Documentation/Querying.md"),
            encoding: .utf8)
        let source = try String(contentsOf: URL(fileURLWithPath: #filePath), encoding: .utf8)
        let inDocs = try #require(
            Self.between(
                "<!-- example: Tests/DDSQLClientTests/DocumentationExampleTests.swift -->\n```swift",
                "```", in: documentation))
        let inTests = try #require(
            Self.between(
                "// BEGIN Documentation/Querying.md example",
                "// END Documentation/Querying.md example", in: source))
        #expect(inDocs == "import DDSQLClient\n\n" + inTests)
    }

    @Test func theExampleQueryText() {
        let query = ModelPackage.query().filter(#""creation_time" > now() - interval '7 days'"#)
            .orderBy(#""creation_time" DESC"#)
        #expect(
            query.sql == #"SELECT "_key", "creation_time", "tags" FROM aws.sagemaker_model_package "#
                + #"WHERE "creation_time" > now() - interval '7 days' ORDER BY "creation_time" DESC"#)
    }
}
