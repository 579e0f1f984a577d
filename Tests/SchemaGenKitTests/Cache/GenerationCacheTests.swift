import Foundation
import Testing

@testable import SchemaGenKit

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The generation cache may only ever skip work that would change nothing: every test edits what a
/// real user could edit (a page, an output, an option, a template, the cache itself) between runs
/// and checks the run that follows does the full work and gets the full result.
@Suite struct GenerationCacheTests {
    /// A folder with pages (a copy of a few real ones plus one that warns), an output folder and a
    /// cache folder of its own.
    final class Setup {
        let temp: TemporaryDirectory
        let pages: String
        let out: String
        let store: CacheStore

        init() throws {
            temp = try TemporaryDirectory()
            pages = temp.path + "/pages"
            out = temp.path + "/out"
            store = CacheStore(folder: temp.path + "/cache")
            try FileManager.default.createDirectory(atPath: pages, withIntermediateDirectories: true)
            for name in ["aws.ec2_instanceconnectendpoint.md", "k8s.pods.md", "dd.logs.md"] {
                try FileManager.default.copyItem(atPath: Fixtures.docsInput + "/" + name, toPath: pages + "/" + name)
            }
        }

        func request(access: String = "public", templates: String? = nil) -> GenerationRequest {
            var request = GenerationRequest(
                inputs: [pages], outputDirectory: out, targets: Set(OutputTarget.allCases),
                templatesDirectory: templates,
                options: RenderOptions(access: access))
            request.cache = store
            return request
        }

        func run(_ request: GenerationRequest? = nil) throws -> (WriteReport, [Diagnostic]) {
            let result = GeneratorPipeline.generate(request ?? self.request())
            let report = try #require(result.report, "\(result.diagnostics.map(\.formatted))")
            return (report, result.diagnostics)
        }

        func text(_ relative: String) throws -> String {
            try String(contentsOfFile: out + "/" + relative, encoding: .utf8)
        }

        /// Rewrites a file with the same size and modification time, as `cp -p` of an edited copy
        /// or an editor that restores times would: only the change time and the bytes tell.
        func sneakyEdit(_ path: String, _ transform: (String) -> String) throws {
            var info = stat()
            #expect(stat(path, &info) == 0)
            let old = try String(contentsOfFile: path, encoding: .utf8)
            let new = transform(old)
            #expect(new.utf8.count == old.utf8.count && new != old)
            try new.write(toFile: path, atomically: false, encoding: .utf8)
            #if canImport(Darwin)
                var times = [info.st_atimespec, info.st_mtimespec]
            #else
                var times = [info.st_atim, info.st_mtim]
            #endif
            #expect(utimensat(AT_FDCWD, path, &times, 0) == 0)
        }
    }

    @Test func anUnchangedSecondRunIsServedFromTheCacheWithTheSameReportAndWarnings() throws {
        let s = try Setup()
        let (first, firstDiagnostics) = try s.run()
        #expect(first.created.count == 9)
        let cache = try #require(s.store.loadRun(forOutput: s.out))
        #expect(cache.outputs.count == 10)  // 9 files and the manifest

        let (second, secondDiagnostics) = try s.run()
        #expect(second == WriteReport(unchanged: first.created))
        #expect(secondDiagnostics == firstDiagnostics)
        #expect(s.store.loadRun(forOutput: s.out) == cache, "a hit leaves the record as it was")
    }

    @Test func aPageEditedBehindTheStampsBackIsStillNoticed() throws {
        let s = try Setup()
        _ = try s.run()
        try s.sneakyEdit(s.pages + "/k8s.pods.md") {
            $0.replacingOccurrences(of: "| core | string    |", with: "| core | int64     |")
        }
        let (report, _) = try s.run()
        #expect(!report.changed.isEmpty)
        #expect(try s.text("sql/postgres.sql").contains("bigint"))
    }

    @Test func anOutputTheUserEditedIsRegenerated() throws {
        let s = try Setup()
        let (first, _) = try s.run()
        let swiftFile = try #require(first.created.first { $0.hasPrefix("swift/K8s") })
        let original = try s.text(swiftFile)
        try s.sneakyEdit(s.out + "/" + swiftFile) { $0.replacingOccurrences(of: "struct", with: "class ") }
        let (report, _) = try s.run()
        #expect(report.changed == [swiftFile])
        #expect(try s.text(swiftFile) == original)
    }

    @Test func aDeletedOutputIsWrittenAgain() throws {
        let s = try Setup()
        _ = try s.run()
        try FileManager.default.removeItem(atPath: s.out + "/sql/sqlite.sql")
        let (report, _) = try s.run()
        #expect(report.created == ["sql/sqlite.sql"])
    }

    @Test func newOptionsTemplatesAndPagesEachMakeAFullRun() throws {
        let s = try Setup()
        _ = try s.run()
        let (access, _) = try s.run(s.request(access: "package"))
        #expect(access.changed.count == 4)  // the three structs and JSONValue.swift

        let templates = s.temp.path + "/templates"
        try FileManager.default.createDirectory(atPath: templates, withIntermediateDirectories: true)
        let sqlite = try #require(BundledTemplates.sources["sqlite"])
        try ("-- house style\n" + sqlite).write(
            toFile: templates + "/sqlite.mustache", atomically: true, encoding: .utf8)
        let (template, _) = try s.run(s.request(access: "package", templates: templates))
        #expect(template.changed == ["sql/sqlite.sql"])

        try FileManager.default.copyItem(
            atPath: Fixtures.docsInput + "/gcp.run_revision.md", toPath: s.pages + "/gcp.run_revision.md")
        let (added, _) = try s.run(s.request(access: "package", templates: templates))
        #expect(added.created.count == 2 && added.changed.count == 2)
    }

    @Test func checkIsAnsweredFromTheCacheAndStillSeesAnEditedOutput() throws {
        let s = try Setup()
        _ = try s.run()
        #expect(OutputCheck.run(s.request()).isUpToDate)
        try s.sneakyEdit(s.out + "/sql/postgres.sql") { $0.replacingOccurrences(of: "BEGIN;", with: "BEGIN/") }
        let check = OutputCheck.run(s.request())
        #expect(check.problems == [.stale("sql/postgres.sql")])
    }

    @Test func aDamagedRecordIsIgnored() throws {
        let s = try Setup()
        let (first, _) = try s.run()
        let path = s.store.path(forOutput: s.out)
        for damage in ["", "schemagen-cache v1\nkey zz\n", "schemagen-cache v3\n\u{1}\u{2}", "garbage"] {
            try damage.write(toFile: path, atomically: true, encoding: .utf8)
            try FileManager.default.removeItem(atPath: s.out + "/sql/sqlite.sql")
            let (report, _) = try s.run()
            #expect(report.created == ["sql/sqlite.sql"])
            #expect(report.unchanged.count == first.created.count - 1)
        }
    }

    @Test func withoutACacheStoreNothingIsRecorded() throws {
        let s = try Setup()
        var request = s.request()
        request.cache = nil
        _ = try s.run(request)
        _ = try s.run(request)
        #expect(!FileManager.default.fileExists(atPath: s.store.folder))
    }

    @Test func theRecordSurvivesAWriteAndReadWithAwkwardText() throws {
        let stamp = FileStamp(size: 12, modified: -1, changed: 1_795_000_000_123_456_789, inode: .max, device: 0)
        let cache = RunRecord(
            key: ContentHash(Array("k".utf8)), savedAt: 42, pagesStampedAt: 41,
            pages: [
                .init(path: "dir with space/tab\there/new\nline\\back.md", stamp: stamp, hash: ContentHash([1, 2, 3]))
            ],
            outputs: [.init(path: "", stamp: stamp, hash: ContentHash([]))],
            diagnostics: [
                .warning("a message with spaces\nand lines", at: SourceLocation(file: "p q.md", line: 3, column: 7)),
                .note("no location"),
            ])
        #expect(RunRecord(parsing: cache.bytes) == cache)
        #expect(RunRecord(parsing: Array(cache.bytes.dropLast())) == nil)
    }

    @Test func aCatalogSizedRecordSurvivesAWriteAndReadAndAnyDamagedByteIsRefused() throws {
        var entries: [RunRecord.Entry] = []
        for i in 0..<3_000 {
            let n = Int64(i)
            let stamp = FileStamp(
                size: n, modified: -n, changed: 1_795_000_000_000_000_000 + n, inode: UInt64(i), device: 7)
            let renderKey: ContentHash? = i % 3 == 0 ? nil : ContentHash([UInt8(i % 256)])
            entries.append(
                RunRecord.Entry(
                    path: "swift/T\(i) é.swift", stamp: stamp, hash: ContentHash(Array(String(i).utf8)),
                    renderKey: renderKey))
        }
        let cache = RunRecord(
            key: ContentHash([9]), savedAt: 1, pagesStampedAt: -3, pages: Array(entries.prefix(1_000)),
            outputs: Array(entries.dropFirst(1_000)),
            diagnostics: [.warning("w", at: SourceLocation(file: "a.md", line: 1, column: 2))])
        let read = try #require(RunRecord(parsing: cache.bytes))
        #expect(read == cache)
        let bytes = cache.bytes
        for position in stride(from: 0, to: bytes.count, by: 997) {
            var damaged = bytes
            damaged[position] ^= 0x10
            #expect(RunRecord(parsing: damaged) == nil, "byte \(position) changed")
        }
        #expect(RunRecord(parsing: Array(bytes.dropLast())) == nil)
        #expect(RunRecord(parsing: bytes + [0]) == nil)
    }

    @Test func theContentHashSeesEveryByte() {
        var seen = Set<ContentHash>()
        var bytes = [UInt8](repeating: 0, count: 37)
        #expect(seen.insert(ContentHash(bytes)).inserted)
        for i in bytes.indices {
            bytes[i] = 1
            #expect(seen.insert(ContentHash(bytes)).inserted, "flipping byte \(i)")
            bytes[i] = 0
        }
        #expect(ContentHash([0]) != ContentHash([0, 0]))
    }
}
