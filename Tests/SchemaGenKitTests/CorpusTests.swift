import Foundation
import Testing

@testable import SchemaGenKit

/// The 30 real pages in docs-input, read end to end.
@Suite struct CorpusTests {
    let result = SchemaLoader.load(inputs: [Fixtures.docsInput])

    @Test func everyPageGivesOneTableWithoutErrors() {
        #expect(Fixtures.markdownPageNames.count == 30)
        #expect(result.schema.tables.count == 30)
        #expect(!result.diagnostics.hasErrors, "\(result.diagnostics.map(\.formatted))")
        // Each page's file name is its table id.
        let ids = result.schema.tables.map(\.id)
        #expect(ids == Fixtures.markdownPageNames.map { String($0.dropLast(3)) })
    }

    @Test func fieldCountsMatchThePages() {
        let counts = Dictionary(uniqueKeysWithValues: result.schema.tables.map { ($0.id, $0.fields.count) })
        #expect(counts["aws.sagemaker_model_package"] == 33)
        #expect(counts["aws.sagemaker_inference_experiment"] == 18)
        let seeds: Set = ["aws.sagemaker_model_package", "aws.sagemaker_inference_experiment"]
        let corpusTotal = result.schema.tables.filter { !seeds.contains($0.id) }.map(\.fields.count).reduce(0, +)
        #expect(corpusTotal == 426)
    }

    @Test func everyFieldMatchesItsMarkdownRow() throws {
        // Independent of the parser under test: for every row line of every page, the field recorded
        // at that line carries the row's own id, variant and type, verbatim.
        for table in result.schema.tables {
            let text = try String(contentsOfFile: table.source.file, encoding: .utf8)
            let lines = text.components(separatedBy: "\n")
            for field in table.fields {
                let line = lines[field.line - 1]
                let cells = line.split(separator: "|", omittingEmptySubsequences: false)
                    .map { $0.trimmingCharacters(in: .whitespaces) }
                #expect(cells.contains(field.name), "\(table.id) line \(field.line)")
                #expect(cells.contains(field.variant), "\(table.id) line \(field.line)")
                #expect(cells.contains(field.dataType.spelling), "\(table.id) line \(field.line)")
            }
            // Every table row from the first field on is a field: none was dropped.
            let firstRow = (table.fields.first?.line ?? 1) - 1
            let rowCount = lines[firstRow...].prefix { $0.hasPrefix("|") }.count
            #expect(rowCount == table.fields.count, "\(table.id)")
        }
    }

    @Test func queryParametersAreNotFields() throws {
        let logs = try #require(result.schema.table(id: "dd.logs"))
        #expect(
            logs.queryParameters.map(\.name)
                == ["columns", "filter", "indexes", "from_timestamp", "to_timestamp", "storage"])
        #expect(
            logs.queryParameters.map(\.type)
                == ["array<string>", "string", "array<string>", "string", "string", "string"])
        #expect(logs.queryParameters.map(\.required) == [true, false, false, false, false, false])
        #expect(!logs.fields.contains { $0.name == "columns" || $0.name == "filter" })
        // Page order, not alphabetical: the core fields come last on this page.
        #expect(logs.fields.first?.name == "timestamp")
        #expect(logs.fields.last?.name == "random_draw")
        let status = try #require(logs.fields.first { $0.name == "@http.status_code" })
        #expect(status.variant == "event_attribute")
        #expect(status.title == "HTTP Status Code")
        #expect(status.dataType.base == .int64)
    }

    @Test func bothLayoutsAndDataTypesAreRead() throws {
        let experiment = try #require(result.schema.table(id: "aws.sagemaker_inference_experiment"))
        let key = try #require(experiment.fields.first)
        #expect(key.name == "_key" && key.title == nil && key.description.isEmpty)
        let tags = try #require(experiment.fields.first { $0.name == "tags" })
        #expect(tags.dataType.spelling == "hstore_csv")
        #expect(tags.dataType.base == .hstoreCSV && !tags.dataType.isArray)
        let pods = try #require(result.schema.table(id: "k8s.pods"))
        #expect(pods.fields.first { $0.name == "name" }?.title == "Pod Name")
        let arrays = result.schema.tables.flatMap(\.fields).filter(\.dataType.isArray)
        #expect(!arrays.isEmpty)
        #expect(arrays.allSatisfy { $0.dataType.spelling.hasPrefix("array<") && $0.dataType.isKnown })
    }

    @Test func oddCellsAreKeptAsWritten() throws {
        let endpoint = try #require(result.schema.table(id: "aws.ec2_instanceconnectendpoint"))
        #expect(endpoint.fields.first { $0.name == "fips_dns_name" }?.description == "<p/>")
        let connector = try #require(result.schema.table(id: "gcp.firebasedataconnect_connector"))
        let name = try #require(connector.fields.first { $0.name == "name" })
        #expect(name.description.contains("``` projects/{project}/locations/{location}/services/{service}/connectors/"))
        let pool = try #require(result.schema.table(id: "aws.ses_dedicated_ip_pool"))
        let mode = try #require(pool.fields.first { $0.name == "scaling_mode" })
        // Double-encoded upstream: the mojibake and its invisible C1 control are kept, not "repaired".
        #expect(mode.description.contains("<code>STANDARD</code> \u{E2}\u{80}\u{93} A dedicated IP pool"))
        #expect(mode.description.contains("<ul>"))
    }

    @Test func frontMatterAndTitles() throws {
        let sms = try #require(result.schema.table(id: "aws.smsvoice_configuration_set"))
        #expect(sms.title == "Pinpoint SMS and Voice Configuration Set")
        let apis = try #require(result.schema.table(id: "dd.apis"))
        #expect(apis.summary.hasPrefix("This table contains APIs"))
        #expect(apis.summary.contains("[APM](https://docs.datadoghq.com/tracing/)"))
        #expect(apis.namespace == "dd" && apis.name == "apis")
        #expect(result.schema.tables.allSatisfy { !$0.summary.isEmpty && !$0.title.isEmpty && !$0.deprecated })
    }

    @Test func dumpIsStableAndVersioned() throws {
        let first = SchemaJSON.encode(result.schema)
        // Same inputs named in another order, and the directory named twice: identical bytes.
        let shuffled = Fixtures.markdownPageNames.reversed().map { Fixtures.docsInput + "/" + $0 }
        let again = SchemaLoader.load(inputs: shuffled + [Fixtures.docsInput])
        #expect(SchemaJSON.encode(again.schema) == first)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(first)) as? [String: Any])
        #expect(json["version"] as? Int == Schema.formatVersion)
        let tables = try #require(json["tables"] as? [[String: Any]])
        let ids = tables.compactMap { $0["id"] as? String }
        #expect(ids == ids.sorted())
        let field = try #require((tables.first?["fields"] as? [[String: Any]])?.first)
        for key in ["name", "variant", "dataType", "description"] {
            #expect(field[key] != nil, "field key \(key)")
        }
        for key in ["id", "title", "summary", "fields", "namespace", "name", "deprecated", "source", "queryParameters"]
        {
            #expect(tables[0][key] != nil, "table key \(key)")
        }
        #expect(try SchemaJSON.decode(first) == result.schema)
    }
}
