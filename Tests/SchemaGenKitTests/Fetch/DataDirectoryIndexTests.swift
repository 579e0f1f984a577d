import Foundation
import Testing

@testable import SchemaGenKit

/// Reading the data directory's index: the links in the namespace sets, never titles or chrome.
@Suite struct DataDirectoryIndexTests {
    let site = DocsSite(baseURL: "https://docs.example.com/")!
    /// The data directory's path on the site, to keep the HTML below readable.
    static let dir = "/ddsql_reference/data_directory"

    @Test func readsTheStretchedLinksInsideNamespaceSetsOnly() {
        let html = """
            <html><head><script>var a = '<a class="stretched-link" href="/x/">';</script></head><body>
            <nav><a href="\(Self.dir)/aws/aws.nav.dataset/" class="stretched-link">Nav</a></nav>
            <div data-set-id="AWS" class="set row">
              <div class="card">
                <a class="text-body stretched-link" href="\(Self.dir)/aws/aws.ec2_instance.dataset/">Instance</a></div>
              <div class="card">
                <a href="aws/aws.s3_bucket.dataset/" class="stretched-link">Instance</a><a href="/help/">Help</a></div>
              <div class="card">
                <a href="https://docs.example.com\(Self.dir)/aws/aws.ec2_instance.dataset/"
                   class="stretched-link">Again</a>
              </div>
              <div class="card">
                <a href="https://elsewhere.example.org\(Self.dir)/aws/aws.evil.dataset/" class="stretched-link">Away</a>
              </div>
            </div>
            <div data-set-id="Datadog" class="set"><div><p>
              <a href="\(Self.dir)/dd/dd.logs.dataset/#fields" class="stretched-link">Logs
            </a></div></div>
            </body></html>
            """
        let index = DataDirectoryIndex(html: Array(html.utf8), site: site)
        #expect(index.tables.map(\.id) == ["aws.ec2_instance", "aws.s3_bucket", "dd.logs"])
        #expect(index.tables.map(\.setName) == ["AWS", "AWS", "Datadog"])
        #expect(index.errors.isEmpty)
        #expect(index.skipped.count == 1 && index.skipped[0].contains("another site"))
        #expect(
            index.tables[2].url(.markdown).absoluteString
                == "https://docs.example.com/ddsql_reference/data_directory/dd/dd.logs.dataset.md")
        #expect(
            index.tables[1].url(.html).absoluteString
                == "https://docs.example.com/ddsql_reference/data_directory/aws/aws.s3_bucket.dataset/")
    }

    @Test func aLinkWhoseIdCannotBeAFileNameIsAnError() {
        let html = """
            <div data-set-id="AWS">
            <a class="stretched-link" href="\(Self.dir)/aws/.hidden.dataset/">x</a>
            <a class="stretched-link" href="\(Self.dir)/aws/aws.two%20words.dataset/">y</a>
            <a class="stretched-link" href="\(Self.dir)/aws/a%2F..%2Fb.dataset/">z</a></div>
            """
        let index = DataDirectoryIndex(html: Array(html.utf8), site: site)
        #expect(index.tables.isEmpty)
        #expect(index.errors.count == 2)
        #expect(index.skipped.count == 1)
    }

    @Test func anIndexWithoutSetsListsNoTables() {
        let index = DataDirectoryIndex(html: Array("<html><body><p>Maintenance</p></body></html>".utf8), site: site)
        #expect(index.tables.isEmpty && index.errors.isEmpty)
        #expect(DataDirectoryIndex(html: [], site: site).tables.isEmpty)
    }

    @Test func retryAfterIsReadAsSecondsOrAnHTTPDate() {
        let now = Date(timeIntervalSince1970: 1_700_000_000)
        #expect(RetryPolicy.retryAfterSeconds("3", now: now) == 3)
        #expect(RetryPolicy.retryAfterSeconds("Tue, 14 Nov 2023 22:13:40 GMT", now: now) == 20)
        #expect(RetryPolicy.retryAfterSeconds("soon", now: now) == nil)
        let policy = RetryPolicy(baseDelay: 1, maxDelay: 4)
        for attempt in 1...6 {
            let wait = policy.backoff(afterAttempt: attempt)
            let cap = min(4, pow(2, Double(attempt - 1)))
            #expect(wait >= cap / 2 && wait <= cap)
        }
    }
}
