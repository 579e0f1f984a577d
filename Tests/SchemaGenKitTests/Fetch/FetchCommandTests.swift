import Foundation
import Testing

@testable import SchemaGenKit

/// `schemagen fetch DIR` as users run it: the real binary against a real HTTP server on loopback that
/// serves docs-input's pages and an index laid out like the docs site's, with scripted faults.
@Suite struct FetchCommandTests {
    typealias Support = FetchTestSupport

    @Test func everyPageArrivesByteForByteAndAnUnchangedRerunOnlyRevalidates() throws {
        let dir = try TemporaryDirectory()
        let server = try DocsSiteServer(pages: try Support.upstream(in: dir))
        let folder = dir.path + "/docs"
        let first = try Support.fetch(folder, server)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdoutText == "\(folder): 30 pages: 30 new\n")
        #expect(try Support.pages(in: folder) == (try Support.docsInputPages()))
        #expect(try Support.manifest(of: folder) == Fixtures.markdownPageNames)
        let firstRequests = try server.requests()
        #expect(firstRequests.count == 31)
        #expect(
            firstRequests.allSatisfy {
                $0.userAgent == "schemagen/\(SchemaGenVersion.current)" && !$0.isConditional
            })
        // The index's chrome links and the card outside every namespace set are not tables.
        #expect(!firstRequests.contains { $0.path.contains("nav_only") || $0.path.contains("featured_only") })

        try Support.age(folder)
        let before = try Support.FolderState(folder)
        try server.clearLog()
        let rerun = try Support.fetch(folder, server)
        #expect(rerun.status == 0, "\(rerun.stderr)")
        #expect(rerun.stdoutText == "\(folder): 30 pages: 30 unchanged (30 not modified)\n")
        let requests = try server.requests()
        #expect(requests.count == 31)
        #expect(requests.allSatisfy { $0.isConditional && $0.ifNoneMatch != nil && $0.status == 304 })
        #expect(try Support.FolderState(folder) == before)
    }

    @Test func lastModifiedAloneRevalidatesToo() throws {
        let dir = try TemporaryDirectory()
        let upstream = try Support.upstream(in: dir)
        let server = try DocsSiteServer(pages: upstream, etag: false)
        let folder = dir.path + "/docs"
        #expect(try Support.fetch(folder, server).status == 0)
        try Support.age(folder)
        let before = try Support.FolderState(folder)
        try server.clearLog()
        let rerun = try Support.fetch(folder, server)
        #expect(rerun.status == 0, "\(rerun.stderr)")
        let requests = try server.requests()
        #expect(requests.count == 31)
        #expect(requests.allSatisfy { $0.ifNoneMatch == nil && $0.ifModifiedSince != nil && $0.status == 304 })
        #expect(try Support.FolderState(folder) == before)

        // An edit upstream moves Last-Modified forward: that page alone is downloaded again.
        let page = upstream + "/aws.bedrock_foundation_model.md"
        let edited = try String(contentsOfFile: page, encoding: .utf8) + "\nEdited upstream.\n"
        try Support.editUpstream(page, edited)
        let third = try Support.fetch(folder, server)
        #expect(
            third.stdoutText == "\(folder): 30 pages: 1 changed, 29 unchanged (29 not modified)\n", "\(third.stderr)")
        #expect(try String(contentsOfFile: folder + "/aws.bedrock_foundation_model.md", encoding: .utf8) == edited)
    }

    @Test func upstreamEditsAdditionsAndRemovalsArriveAndTheUsersFilesSurvive() throws {
        let dir = try TemporaryDirectory()
        let upstream = try Support.upstream(in: dir)
        let server = try DocsSiteServer(pages: upstream)
        let folder = dir.path + "/docs"
        #expect(try Support.fetch(folder, server).status == 0)
        // The user's own files: one beside the pages, one that looks like a page.
        try Data("my notes\n".utf8).write(to: URL(fileURLWithPath: folder + "/NOTES.txt"))
        try Data("# my page\n".utf8).write(to: URL(fileURLWithPath: folder + "/aws.my_own_table.md"))
        try Support.age(folder)
        let userFiles = try Support.FolderState(folder).entries.filter {
            ["NOTES.txt", "aws.my_own_table.md"].contains($0.key)
        }

        let edited =
            try String(contentsOfFile: upstream + "/aws.ec2_instanceconnectendpoint.md", encoding: .utf8)
            + "| new_column | core | string | Added upstream. |\n"
        try Support.editUpstream(upstream + "/aws.ec2_instanceconnectendpoint.md", edited)
        try FileManager.default.removeItem(atPath: upstream + "/aws.lightsail_loadbalancer.md")
        let added = try String(contentsOfFile: upstream + "/aws.networkmanager_peering.md", encoding: .utf8)
            .replacingOccurrences(of: "aws.networkmanager_peering", with: "aws.networkmanager_peering_two")
        try Support.editUpstream(upstream + "/aws.networkmanager_peering_two.md", added)

        let rerun = try Support.fetch(folder, server)
        #expect(rerun.status == 0, "\(rerun.stderr)")
        #expect(
            rerun.stdoutText == "\(folder): 30 pages: 1 changed, 1 new, 1 removed, 28 unchanged (28 not modified)\n")
        #expect(
            try Support.pages(in: folder).filter { !["NOTES.txt", "aws.my_own_table.md"].contains($0.key) }
                == (try Support.pages(in: upstream)))
        #expect(try Support.FolderState(folder).entries.filter { userFiles.keys.contains($0.key) } == userFiles)
        #expect(!(try Support.manifest(of: folder)).contains("aws.my_own_table.md"))
    }

    @Test func transientFailuresAreRetriedUntilEveryPageArrives() throws {
        let dir = try TemporaryDirectory()
        let server = try DocsSiteServer(
            pages: try Support.upstream(in: dir),
            faults: [
                .init(match: "index", times: 1, status: 502),
                .init(match: "aws.bedrock_foundation_model", times: 2, status: 500),
                .init(match: "aws.iam_access_key_metadata", times: 1, status: 429, retryAfter: "1"),
                .init(match: "gcp.", times: 3, cut: true),
                .init(match: "dd.logs", times: 1, status: 503),
            ])
        let folder = dir.path + "/docs"
        let run = try Support.fetch(folder, server)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(try Support.pages(in: folder) == (try Support.docsInputPages()))
        let requests = try server.requests()
        #expect(requests.filter { $0.path.contains("aws.bedrock_foundation_model") }.map(\.status) == [500, 500, 200])
        // A cut-off body (status logged as -200) was never taken for the page.
        #expect(requests.filter { $0.status == -200 }.count == 3)
        // The 429's Retry-After of one second was honoured (the retry delay is otherwise 10 ms).
        let throttled = requests.filter { $0.path.contains("aws.iam_access_key_metadata") }
            .sorted { $0.start < $1.start }
        #expect(throttled.map(\.status) == [429, 200])
        if throttled.count == 2 { #expect(throttled[1].start - throttled[0].end >= 0.95) }
    }

    @Test func aPersistentFailureNamesTheURLAndStatusAndChangesNothing() throws {
        let dir = try TemporaryDirectory()
        let upstream = try Support.upstream(in: dir)
        let folder = dir.path + "/docs"
        do {
            let server = try DocsSiteServer(pages: upstream)
            #expect(try Support.fetch(folder, server).status == 0)
        }
        try Support.age(folder)
        let before = try Support.FolderState(folder)
        // Upstream changes that must not arrive half-way.
        try Support.editUpstream(upstream + "/aws.bedrock_foundation_model.md", "changed\n")
        try FileManager.default.removeItem(atPath: upstream + "/aws.lightsail_loadbalancer.md")
        let server = try DocsSiteServer(pages: upstream, faults: [.init(match: "dd.logs", times: 1000, status: 503)])
        let run = try Support.fetch(folder, server, ["--retry-attempts", "3"])
        #expect(run.status != 0)
        #expect(run.stderr.contains("\(server.baseURL)/ddsql_reference/data_directory/dd/dd.logs.dataset.md: HTTP 503"))
        #expect(run.stderr.contains("was not changed"))
        #expect(run.stdout.isEmpty)
        #expect(try server.requests().filter { $0.path.contains("dd.logs") }.count == 3)
        #expect(try Support.FolderState(folder) == before)
        #expect(!(try FileManager.default.contentsOfDirectory(atPath: dir.path)).contains { $0.contains("staging") })
    }

    @Test func anIndexWithoutTablesOrWithFarFewerChangesNothing() throws {
        let dir = try TemporaryDirectory()
        let upstream = try Support.upstream(in: dir)
        let server = try DocsSiteServer(pages: upstream)
        let folder = dir.path + "/docs"
        #expect(try Support.fetch(folder, server).status == 0)
        try Support.age(folder)
        let before = try Support.FolderState(folder)

        let names = try FileManager.default.contentsOfDirectory(atPath: upstream).sorted()
        for name in names.prefix(20) { try FileManager.default.removeItem(atPath: upstream + "/" + name) }
        let shrunk = try Support.fetch(folder, server)
        #expect(shrunk.status != 0)
        #expect(shrunk.stderr.contains("lists 10 of the selected tables, fewer than half the 30 pages"))
        #expect(try Support.FolderState(folder) == before)

        for name in names.dropFirst(20) { try FileManager.default.removeItem(atPath: upstream + "/" + name) }
        let empty = try Support.fetch(folder, server, ["--allow-shrink"])
        #expect(empty.status != 0)
        #expect(empty.stderr.contains("lists no tables"))
        #expect(try Support.FolderState(folder) == before)

        // Restored upstream but for 20 pages, with --allow-shrink: the 20 go.
        for name in names.dropFirst(20) {
            try FileManager.default.copyItem(atPath: Fixtures.docsInput + "/" + name, toPath: upstream + "/" + name)
        }
        let allowed = try Support.fetch(folder, server, ["--allow-shrink"])
        #expect(allowed.status == 0, "\(allowed.stderr)")
        #expect(allowed.stdoutText == "\(folder): 10 pages: 20 removed, 10 unchanged (10 not modified)\n")
        #expect(try Support.pages(in: folder).keys.sorted() == Array(names.dropFirst(20)))
    }

    @Test func aUsersFileWhereAPageGoesIsNeverOverwritten() throws {
        let dir = try TemporaryDirectory()
        let server = try DocsSiteServer(pages: try Support.upstream(in: dir))
        let folder = dir.path + "/docs"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false)
        try Data("mine\n".utf8).write(to: URL(fileURLWithPath: folder + "/dd.logs.md"))
        try Support.age(folder)
        let before = try Support.FolderState(folder)
        let run = try Support.fetch(folder, server)
        #expect(run.status != 0)
        #expect(run.stderr.contains("dd.logs.md` is in the way"))
        #expect(try Support.FolderState(folder) == before)
    }

    @Test func requestsRunInParallelWithinTheBound() throws {
        let dir = try TemporaryDirectory()
        let server = try DocsSiteServer(pages: try Support.upstream(in: dir), latency: 0.15)
        let folder = dir.path + "/docs"
        let run = try Support.fetch(folder, server, ["--concurrency", "4", "--no-cache"])
        #expect(run.status == 0, "\(run.stderr)")
        let pages = try server.requests().filter { !$0.isIndex }
        #expect(pages.count == 30)
        let most = pages.map(\.inFlight).max() ?? 0
        #expect(most <= 4)
        #expect(most > 1)

        let tooMany = try Support.fetch(folder, server, ["--concurrency", "17"])
        #expect(tooMany.status != 0 && tooMany.stderr.contains("--concurrency must be from 1 to 16"))
    }

    @Test func concurrentRunsIntoOneFolderDoNotMix() throws {
        let dir = try TemporaryDirectory()
        let server = try DocsSiteServer(pages: try Support.upstream(in: dir), latency: 0.02)
        let folder = dir.path + "/docs"
        let selections = [["--table", "aws.*"], ["--namespace", "gcp", "--namespace", "dd"]]
        let expected = [
            Fixtures.markdownPageNames.filter { $0.hasPrefix("aws.") },
            Fixtures.markdownPageNames.filter { $0.hasPrefix("gcp.") || $0.hasPrefix("dd.") },
        ]
        for _ in 0..<3 {
            let outputs = ConcurrentOutputs(count: 2)
            DispatchQueue.concurrentPerform(iterations: 2) { i in
                outputs.set(i, try? Support.fetch(folder, server, selections[i] + ["--allow-shrink"]))
            }
            let runs = outputs.values.compactMap { $0 }
            #expect(runs.count == 2 && runs.allSatisfy { $0.status == 0 }, "\(runs.map(\.stderr))")
            let names = try Support.pages(in: folder).keys.sorted()
            #expect(names == expected[0] || names == expected[1], "\(names)")
            #expect(try Support.manifest(of: folder) == names)
            // A run that had to wait ran second, so its pages are the ones left.
            if let waited = runs.firstIndex(where: { $0.stderr.contains("waiting for another schemagen run") }) {
                #expect(names == expected[waited])
            }
        }
    }

    @Test func htmlPagesAreSavedAsServed() throws {
        let dir = try TemporaryDirectory()
        let html = Fixtures.testFixtures + "/html/pretty"
        let server = try DocsSiteServer(pages: try Support.upstream(in: dir), htmlPages: html)
        let folder = dir.path + "/docs"
        let run = try Support.fetch(folder, server, ["--format", "html", "--table", "aws.*", "--table", "dd.logs"])
        #expect(run.status == 0, "\(run.stderr)")
        let expected = try Support.pages(in: html).filter { $0.key.hasPrefix("aws.") || $0.key == "dd.logs.html" }
        #expect(!expected.isEmpty)
        #expect(try Support.pages(in: folder) == expected)
        #expect(try server.requests().filter { !$0.isIndex }.allSatisfy { $0.path.hasSuffix(".dataset/") })
    }

    @Test func aSelectionThatMatchesNothingIsAnErrorNamingIt() throws {
        let dir = try TemporaryDirectory()
        let server = try DocsSiteServer(pages: try Support.upstream(in: dir))
        let folder = dir.path + "/docs"
        let namespace = try Support.fetch(folder, server, ["--namespace", "azur"])
        #expect(namespace.status != 0)
        #expect(
            namespace.stderr.contains("namespace `azur` is not in the index (it has: aws, azure, dd, gcp, k8s, oci)"))
        let table = try Support.fetch(
            folder, server, ["--table", "aws.ec2_instanceconnectendpont", "--table", "k8s.*"])
        #expect(table.status != 0)
        #expect(
            table.stderr.contains(
                "table `aws.ec2_instanceconnectendpont` is not in the index "
                    + "(did you mean `aws.ec2_instanceconnectendpoint`?)"))
        #expect(!FileManager.default.fileExists(atPath: folder))
    }

    @Test func theConfigFilesFetchSectionSetsTheFolderAndSite() throws {
        let dir = try TemporaryDirectory()
        let server = try DocsSiteServer(pages: try Support.upstream(in: dir))
        try dir.write(
            "project/schemagen.yml",
            """
            fetch:
              folder: mirrored
              baseURL: \(server.baseURL)
              namespaces: [k8s]
              concurrency: 2

            """)
        let run = try CommandLineTool.run(["fetch"], in: dir.path + "/project")
        #expect(run.status == 0, "\(run.stderr)")
        #expect(
            try Support.pages(in: dir.path + "/project/mirrored").keys.sorted()
                == Fixtures.markdownPageNames.filter { $0.hasPrefix("k8s.") })

        try dir.write("project/schemagen.yml", "fetch:\n  concurrency: 40\n  colour: blue\n")
        let bad = try CommandLineTool.run(["fetch"], in: dir.path + "/project")
        #expect(bad.status != 0)
        #expect(
            bad.stderr.contains("schemagen.yml:2:16: error: `fetch.concurrency` must be a whole number from 1 to 16"))
        #expect(bad.stderr.contains("unknown key `fetch.colour`"))
    }
}

/// Results written by concurrent threads, one slot each.
final class ConcurrentOutputs: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [CommandLineTool.Output?]

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ i: Int, _ value: CommandLineTool.Output?) { lock.withLock { slots[i] = value } }

    var values: [CommandLineTool.Output?] { lock.withLock { slots } }
}
