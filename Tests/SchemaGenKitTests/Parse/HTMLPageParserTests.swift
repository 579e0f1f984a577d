import Testing

@testable import SchemaGenKit

/// The HTML parser on hand-made pages: the site's layout and what real pages do to it.
@Suite struct HTMLPageParserTests {
    static func page(body: String, chrome: Bool = true) -> String {
        let nav =
            chrome
            ? """
            <header><nav><table><tr><th>Title</th><th>ID</th></tr><tr><td>nav</td><td>noise</td></tr></table></nav></header>
            <main>
            """ : ""
        return """
            <!DOCTYPE html><html><head><title>x</title><script>if (a < b) { document.write("<h2>Fields</h2>") }</script></head>
            <body>\(nav)
            \(body)
            </main><footer><table><tr><td>footer</td><td>core</td><td>string</td></tr></table></footer></body></html>
            """
    }

    static let schemaBlock = """
        <h1 id="pagetitle">Widget &amp; Co</h1>
        <div class="ddsql-schema-single">
        <p>The summary with <code>code</code>.</p>
        <div class="highlight"><pre><code><span>aws.widget
        </span></code></pre></div>
        """

    @Test func findsTheFieldsTableByItsHeadingNotByPosition() throws {
        let html = Self.page(
            body: Self.schemaBlock + """
                <h2>Other</h2><table><tr><td>x</td><td>nope</td><td>core</td><td>string</td><td>not a field</td></tr></table>
                <h2>Fields</h2>
                <table class="table-fixed"><thead><tr><th>Title</th><th>ID</th><th>Type</th><th>Data Type</th><th>Description</th></tr></thead>
                <tbody>
                <tr><td></td><td>arn</td><td>core</td><td>string</td><td>The &lt;code&gt;ARN&lt;/code&gt; &amp; more &apos;quoted&apos;.</td></tr>
                <tr><td>Pod Name</td><td>name</td><td>core</td><td>array&lt;string&gt;</td><td></td></tr>
                </tbody></table></div>
                """)
        let (table, diagnostics) = extract(html, path: "page.html")
        #expect(diagnostics.isEmpty, "\(diagnostics.map(\.formatted))")
        let t = try #require(table)
        #expect(t.id == "aws.widget")
        #expect(t.title == "Widget & Co")
        #expect(t.summary == "The summary with code.")
        #expect(t.fields.map(\.name) == ["arn", "name"])
        #expect(t.fields.map(\.title) == [nil, "Pod Name"])
        #expect(t.fields[0].description == "The <code>ARN</code> & more 'quoted'.")
        #expect(t.fields[1].dataType.spelling == "array<string>")
    }

    @Test func survivesOmittedEndTagsUpperCaseAndHTML5Elements() throws {
        let html = Self.page(
            body: """
                <section><article>
                <H1 id=pagetitle>Sloppy</H1>
                <div class=ddsql-schema-single>
                <p>Summary without an end tag
                <div class="highlight"><pre><code>gcp.sloppy</code></pre></div>
                <h2>Fields</h2>
                <TABLE class=table-fixed><thead><tr><th>Title<th>ID<th>Type<th>Data Type<th>Description
                <tbody>
                <tr><td><td>a<td>core<td>string<td>First &amp; only
                <tr><td>B Title<td>b<td>core<td>int64<td>Second<br>line
                </TABLE></div></article></section>
                """)
        let (table, diagnostics) = extract(html, path: "page.htm")
        #expect(!diagnostics.hasErrors, "\(diagnostics.map(\.formatted))")
        let t = try #require(table)
        #expect(t.id == "gcp.sloppy")
        #expect(t.summary == "Summary without an end tag")
        #expect(t.fields.map(\.name) == ["a", "b"])
        #expect(t.fields.map(\.description) == ["First & only", "Second line"])
        #expect(t.fields[1].title == "B Title")
    }

    @Test func minifiedPageOnOneLine() throws {
        let html = Self.page(
            body: Self.schemaBlock + """
                <h2>Fields</h2><table><thead><tr><th>Title</th><th>ID</th><th>Type</th><th>Data Type</th><th>Description</th></tr></thead><tbody><tr><td></td><td>a</td><td>core</td><td>json</td><td>J</td></tr></tbody></table></div>
                """
        ).replacingOccurrences(of: "\n", with: "")
        let t = try #require(extract(html, path: "page.html").table)
        #expect(t.fields.map(\.name) == ["a"])
        #expect(t.fields[0].line == 1)
    }

    @Test func deprecationAlertAndQueryParameters() throws {
        let html = Self.page(
            body: """
                <h1 id="pagetitle">Spans</h1>
                <div class="ddsql-schema-single">
                <div class="alert alert-warning"><strong>Deprecated</strong>: This table is deprecated.</div>
                <p>Span summary.</p>
                <div class="highlight"><pre><code>dd.spans</code></pre></div>
                <h2>Query Parameters</h2><p>Uses a function.</p>
                <table><thead><tr><th>Parameter</th><th>Type</th><th>Required</th><th>Description</th></tr></thead>
                <tbody><tr><td><code>columns</code></td><td><code>array&lt;string&gt;</code></td><td>Yes</td><td>Columns.</td></tr></tbody></table>
                <h2>Example Queries</h2><div class="highlight"><pre><code class="language-sql">SELECT 1</code></pre></div>
                <h2>Fields</h2><table><tbody><tr><td>Service</td><td>service</td><td>core</td><td>string</td><td>S.</td></tr></tbody></table>
                </div>
                """)
        let t = try #require(extract(html, path: "page.html").table)
        #expect(t.deprecated)
        // The banner's words, markup gone: the message of the Swift type's `@available(*, deprecated)`.
        #expect(t.deprecationNotice == "Deprecated: This table is deprecated.")
        #expect(t.summary == "Span summary.")
        #expect(t.id == "dd.spans")
        #expect(t.queryParameters.map(\.name) == ["columns"])
        #expect(t.queryParameters.map(\.type) == ["array<string>"])
        #expect(t.fields.map(\.name) == ["service"])
    }

    @Test func rowLinesComeFromLibxml2() throws {
        let html = Self.page(
            body: Self.schemaBlock + """
                <h2>Fields</h2>
                <table>
                <tr><td></td><td>a</td><td>core</td><td>string</td><td></td></tr>
                <tr><td></td><td>b</td><td>core</td><td>string</td><td></td></tr>
                </table></div>
                """)
        let t = try #require(extract(html, path: "page.html").table)
        let text = html.split(separator: "\n", omittingEmptySubsequences: false)
        for field in t.fields {
            #expect(text[field.line - 1].contains("<td>\(field.name)</td>"))
        }
    }

    /// An alert is known to be about deprecation only at its end; until then its content is held,
    /// and when it is not, its content is read as any other, alerts in it included.
    @Test func anAlertThatIsNotAboutDeprecationIsReadThrough() throws {
        let html = Self.page(
            body: """
                <div class="alert alert-info"><p>A note.</p>
                <div class="alert"><h1 id="pagetitle">Inside &amp; alert</h1>
                <div class="ddsql-schema-single"><p>The summary, <br>held.</p>
                <div class="highlight"><pre><code>aws.inside</code></pre></div>
                </div></div></div>
                <h2>Fields</h2><table><tr><td></td><td>a</td><td>core</td><td>string</td><td>A.</td></tr></table>
                """)
        let (table, diagnostics) = extract(html, path: "page.html")
        #expect(diagnostics.isEmpty, "\(diagnostics.map(\.formatted))")
        let t = try #require(table)
        #expect(!t.deprecated)
        #expect(t.title == "Inside & alert")
        #expect(t.summary == "The summary, held.")
        #expect(t.id == "aws.inside")
        #expect(t.fields.map(\.name) == ["a"])
    }

    /// The notice is the banner's text with its markup gone and white space folded.
    @Test func theDeprecationNoticeIsTheAlertsFoldedText() throws {
        let html = Self.page(
            body: """
                <h1 id="pagetitle">Old</h1>
                <div class="ddsql-schema-single">
                <div class="alert alert-danger">
                  <p><strong>Deprecated</strong>:   use <code>aws.other</code>
                  &quot;instead&quot;.</p>
                </div>
                <p>The summary.</p>
                <div class="highlight"><pre><code>aws.old</code></pre></div>
                <h2>Fields</h2><table><tr><td></td><td>a</td><td>core</td><td>string</td><td>A.</td></tr></table>
                </div>
                """)
        let t = try #require(extract(html, path: "page.html").table)
        #expect(t.deprecated)
        #expect(t.deprecationNotice == "Deprecated: use aws.other \"instead\".")
        #expect(t.summary == "The summary.")
    }

    /// Lines are counted by the parser as it reads, not stored in a tree node's 16 bits.
    @Test func linesPastSixtyFiveThousandAreExact() throws {
        let padding = String(repeating: "\n", count: 70_000)
        let html = Self.page(
            body: Self.schemaBlock + padding + """
                <h2>Fields</h2>
                <table>
                <tr><td></td><td>a</td><td>core</td><td>string</td><td></td></tr>
                </table></div>
                """)
        let (table, diagnostics) = extract(html, path: "page.html")
        #expect(diagnostics.isEmpty, "\(diagnostics.map(\.formatted))")
        let t = try #require(table)
        let text = html.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(t.fields[0].line > 70_000)
        #expect(text[t.fields[0].line - 1].contains("<td>a</td>"))
    }
}
