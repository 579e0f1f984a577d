import Testing

@testable import SchemaGenKit

/// Each oddity PAGES.md lists for markdown pages, as a snippet in and the table out.
@Suite struct MarkdownPageParserTests {
    @Test func shiftedRowsWithThreeAndFourCellsAndAlignedRowsWithFive() throws {
        let page = markdownPage(rows: [
            "| _key | core | string |",
            "| arn | core | string | The ARN. |",
            "| Pod Name | name | core | string | The name. |",
            "| | empty_title | core | int64 | Empty title cell. |",
        ])
        let (table, diagnostics) = extract(page)
        #expect(diagnostics.isEmpty, "\(diagnostics.map(\.formatted))")
        let fields = try #require(table?.fields)
        #expect(fields.map(\.name) == ["_key", "arn", "name", "empty_title"])
        #expect(fields.map(\.title) == [nil, nil, "Pod Name", nil])
        #expect(fields.map(\.description) == ["", "The ARN.", "The name.", "Empty title cell."])
        #expect(fields.map(\.line) == [19, 20, 21, 22])
    }

    @Test func idsThatLookLikeVariantsAndTitlesThatLookLikeHeaders() throws {
        let page = markdownPage(rows: [
            "| core_network_arn | core | string | Starts with the variant word. |",
            "| Type | type | core | string | A title equal to a header word. |",
            "| Description | description | core | string | Another. |",
            "| core | core | string | An id that is the variant itself. |",
            "| string | core | string |",
        ])
        let fields = try #require(extract(page).table?.fields)
        #expect(fields.map(\.name) == ["core_network_arn", "type", "description", "core", "string"])
        #expect(fields.map(\.title) == [nil, "Type", "Description", nil, nil])
    }

    @Test func escapedPipesBackticksAndHTMLInCells() throws {
        let page = markdownPage(rows: [
            #"| expr | core | string | Either `a \| b` or <code>c</code>, see <ul><li>x</li></ul>. |"#,
            "| ticks | core | string | Format: ``` projects/{project} ``` and ['', ''] with *glob/* |",
            #"| slash | core | string | Ends in a backslash \\ and \* stays. |"#,
        ])
        let fields = try #require(extract(page).table?.fields)
        #expect(fields[0].description == "Either `a | b` or <code>c</code>, see <ul><li>x</li></ul>.")
        #expect(fields[1].description == "Format: ``` projects/{project} ``` and ['', ''] with *glob/*")
        #expect(fields[2].description == #"Ends in a backslash \\ and \* stays."#)
    }

    @Test func unescapedPipeInADescriptionIsJoinedWithAWarning() throws {
        let page = markdownPage(rows: ["| mode | core | string | Either a | or b |"])
        let (table, diagnostics) = extract(page)
        #expect(table?.fields.first?.description == "Either a | or b")
        #expect(table?.fields.first?.name == "mode")
        #expect(diagnostics.warnings.count == 1)
        #expect(diagnostics.first?.message.contains("unescaped `|`") == true)
    }

    @Test func whiteSpaceRunsFoldToOneSpace() throws {
        let page = markdownPage(rows: ["| spaced | core | string |   Many \t  spaces   here.  |"])
        #expect(try #require(extract(page).table).fields[0].description == "Many spaces here.")
    }

    @Test func sourceLineFrontMatterFoldedKeysQuoteFenceTagAndMarkdoc() throws {
        let page = """
            # Source: https://docs.datadoghq.com/ddsql_reference/data_directory/aws/aws.lb.dataset.md

            ---
            title: >-
              Pinpoint SMS and Voice Configuration
              Set
            description: Datadog, the leading service for cloud-scale monitoring.
            breadcrumbs: >-
              Docs > DDSQL Reference > Data Directory > Pinpoint SMS and Voice Configuration
              Set
            source_url: >-
              https://docs.datadoghq.com/data_directory/aws/aws.lb.dataset/index.html
            ---

            > For the complete documentation index, see [llms.txt](https://docs.datadoghq.com/llms.txt).

            # Load Balancer

            The **load balancer** summary, with a [link](https://example.com/#frag) and `code`,
            over two lines.

            ```gdscript3
            aws.lightsail_loadbalancer
            ```
            Load Balancer Documentation   
            {% icon name="icon-external-link" /%}   
               \t
            ## Fields{% #fields %}

            | Title | ID | Type | Data Type | Description |
            | ----- | -- | ---- | --------- | ----------- |
            | arn | core | string | The ARN. |

            """
        let (table, diagnostics) = extract(page)
        #expect(diagnostics.isEmpty, "\(diagnostics.map(\.formatted))")
        let t = try #require(table)
        #expect(t.id == "aws.lightsail_loadbalancer")
        #expect(t.title == "Load Balancer")
        #expect(
            t.summary
                == "The **load balancer** summary, with a [link](https://example.com/#frag) and `code`, over two lines."
        )
        #expect(t.source.line == 23)
        #expect(t.fields.map(\.name) == ["arn"])
    }

    @Test func frontMatterTitleIsUsedWhenThereIsNoHeading() throws {
        let page = """
            ---
            title: >-
              Folded
              Title
            ---

            ```
            aws.t
            ```

            ## Fields

            | Title | ID | Type | Data Type | Description |
            | --- | --- | --- | --- | --- |
            | a | core | string |
            """
        #expect(try #require(extract(page).table).title == "Folded Title")
    }

    @Test func crlfAndLoneCRLineEndingsAndBOM() throws {
        let lf = markdownPage(rows: ["| a | core | string | A. |", "| b | core | int64 |"])
        let crlf = "\u{FEFF}" + lf.replacingOccurrences(of: "\n", with: "\r\n")
        let cr = lf.replacingOccurrences(of: "\n", with: "\r")
        let expected = try #require(extract(lf).table)
        for variant in [crlf, cr] {
            let (table, diagnostics) = extract(variant)
            #expect(diagnostics.isEmpty)
            #expect(table == expected)
        }
    }

    @Test func queryParametersTableAndExampleQueriesBeforeFields() throws {
        let page = markdownPage(
            id: "dd.spans",
            beforeFields: """

                ## Query Parameters

                This dataset uses a **polymorphic table function**.

                | Parameter | Type | Required | Description |
                | --------- | ---- | -------- | ----------- |
                | `columns` | `array<string>` | Yes | Fields to return (e.g., 'a', 'b'). |
                | `filter` | `string` | No | A filter \\| with a pipe. |

                ## Example Queries

                ```sql
                SELECT * FROM dd.spans(columns => ARRAY['a']) AS (a VARCHAR);
                | not | a | table |
                ```

                """,
            rows: ["| Service | service | core | string | The service. |"])
        let table = try #require(extract(page).table)
        #expect(
            table.queryParameters == [
                QueryParameter(
                    name: "columns", type: "array<string>", required: true,
                    description: "Fields to return (e.g., 'a', 'b').", line: 21),
                QueryParameter(
                    name: "filter", type: "string", required: false,
                    description: "A filter | with a pipe.", line: 22),
            ])
        #expect(table.fields.map(\.name) == ["service"])
    }

    @Test func deprecationNoticeMarksTheTable() throws {
        let page = markdownPage(
            beforeFields: """

                {% alert level="warning" %}
                **Deprecated**: This table is deprecated and no longer returns data.
                {% /alert %}

                """,
            rows: ["| a | core | string |"])
        let table = try #require(extract(page).table)
        #expect(table.deprecated)
        #expect(table.summary == "A widget summary.")
        #expect(try #require(extract(markdownPage(rows: ["| a | core | string |"])).table).deprecated == false)
    }

    @Test func anythingAfterTheFieldsTableIsIgnored() throws {
        let page =
            markdownPage(rows: ["| a | core | string |"]) + """

                ## See also

                | not | a | fields | table |
                | --- | --- | --- | --- |
                | x | y | z | w |
                """
        #expect(try #require(extract(page).table).fields.map(\.name) == ["a"])
    }
}
