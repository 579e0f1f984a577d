import Foundation
import Testing

@testable import SchemaGenKit

/// A run after some pages changed reuses the rest of the last run: the parse of unchanged pages and
/// the files of unchanged tables. Each test checks the reuse happened and that the folder ends up byte
/// for byte as a run without any cache makes it.
@Suite struct IncrementalRunTests {
    final class Setup {
        let temp: TemporaryDirectory
        let pages: String
        let out: String
        let store: CacheStore

        init(pages names: [String]? = nil) throws {
            temp = try TemporaryDirectory()
            pages = temp.path + "/pages"
            out = temp.path + "/out"
            store = CacheStore(folder: temp.path + "/cache")
            try FileManager.default.createDirectory(atPath: pages, withIntermediateDirectories: true)
            let all = try FileManager.default.contentsOfDirectory(atPath: Fixtures.docsInput).filter {
                $0.hasSuffix(".md")
            }
            for name in names ?? all {
                try FileManager.default.copyItem(atPath: Fixtures.docsInput + "/" + name, toPath: pages + "/" + name)
            }
            // Pages changed within the file system's timestamp resolution of a record are not trusted
            // to it (racy stamps); real pages are older than that.
            Thread.sleep(forTimeInterval: 0.1)
        }

        func request(options: RenderOptions = RenderOptions(), templates: String? = nil) -> GenerationRequest {
            var request = GenerationRequest(
                inputs: [pages], outputDirectory: out, targets: Set(OutputTarget.allCases),
                templatesDirectory: templates,
                options: options)
            request.cache = store
            return request
        }

        func run(_ request: GenerationRequest) throws -> WriteReport {
            let result = GeneratorPipeline.generate(request)
            return try #require(result.report, "\(result.diagnostics.map(\.formatted))")
        }

        /// The cache as the next run of `request` opens it.
        func cache(_ request: GenerationRequest) -> GenerationCache {
            GenerationCache(store: store, request: request, templates: .bundled, pages: PageFinder.find([pages]).paths)
        }

        func edit(_ page: String, _ transform: (String) throws -> String) throws {
            let path = pages + "/" + page
            let old = try String(contentsOfFile: path, encoding: .utf8)
            let new = try transform(old)
            #expect(new != old, "the edit changes \(page)")
            try new.write(toFile: path, atomically: false, encoding: .utf8)
        }

        /// Every file a run without a cache writes for the same request, compared with the folder.
        func expectSameAsAFullRun(_ request: GenerationRequest) throws {
            var full = request
            full.cache = nil
            full.outputDirectory = temp.path + "/full-\(UUID().uuidString)"
            _ = try run(full)
            let expected = try Self.files(in: full.outputDirectory)
            let actual = try Self.files(in: out)
            #expect(actual.keys.sorted() == expected.keys.sorted())
            for (path, bytes) in expected where actual[path] != bytes {
                Issue.record("\(path) differs from a run without the cache")
            }
        }

        static func files(in folder: String) throws -> [String: Data] {
            var files: [String: Data] = [:]
            let enumerator = try #require(FileManager.default.enumerator(atPath: folder))
            while let relative = enumerator.nextObject() as? String {
                var isDirectory: ObjCBool = false
                if FileManager.default.fileExists(atPath: folder + "/" + relative, isDirectory: &isDirectory),
                    !isDirectory.boolValue
                {
                    files[relative] = FileManager.default.contents(atPath: folder + "/" + relative)
                }
            }
            return files
        }
    }

    @Test(arguments: [RenderOptions.SwiftFileNames.type, .service, .page])
    func aOnePageEditRewritesThatTablesFilesAndNothingElse(layout: RenderOptions.SwiftFileNames) throws {
        let s = try Setup()
        var options = RenderOptions()
        options.swiftFileNames = layout
        let request = s.request(options: options)
        let first = try s.run(request)
        #expect(first.created.count > 60)

        try s.edit("k8s.pods.md") { $0.replacingOccurrences(of: "The name of the pod.", with: "The pod's name.") }
        let cache = s.cache(request)
        #expect(cache.unchangedRun == nil)
        #expect(
            cache.lookup.unchangedOutputs.count == first.created.count + 1, "every output and the manifest as recorded")
        #expect(cache.lookup.unchangedPages.count == 29, "the unchanged pages keep their digests")
        let found = PageFinder.find([s.pages])
        var parsedAgain: [String] = []
        let parsed = cache.parse(found.paths) { missing in
            parsedAgain = missing
            return GeneratorPipeline.parsePages(missing, limits: .default)
        }
        #expect(
            parsedAgain.map { ($0 as NSString).lastPathComponent } == ["k8s.pods.md"], "only the edited page is parsed")
        let (schema, _) = GeneratorPipeline.buildSchema(found, parsed)
        let planned = GeneratorPipeline.planFiles(schema, request, templates: .bundled).files
        var renderedAgain: [String] = []
        let rendered = cache.render(planned) { pending in
            renderedAgain = pending.map(\.path)
            return GeneratorPipeline.renderFiles(pending)
        }
        cache.finishWrites()
        let swiftFile =
            switch layout {
            case .type: "swift/K8sPods.swift"
            case .service: "swift/k8s.pods.swift"
            case .page: "swift/k8s.pods.swift"
            }
        #expect(
            renderedAgain
                == [
                    "jsonschema/k8s.pods.schema.json", "sql/postgres.sql", "sql/sqlite.sql", swiftFile,
                    "swift/JSONValue.swift",
                ].sorted(), "the edited table's files, the SQL scripts and the files without a key")
        #expect(rendered.kept.count == first.created.count - 5)
        // Each SQL script renders one block, the edited table's; its head, tail and other tables are cut from the file.
        let allButOne = schema.tables.count + 1
        #expect(rendered.keptBlockCounts == ["sql/postgres.sql": allButOne, "sql/sqlite.sql": allButOne])

        let second = try s.run(request)
        // SQLite keeps no comments, so its script does not change with a description.
        #expect(second.changed == ["jsonschema/k8s.pods.schema.json", "sql/postgres.sql", swiftFile])
        #expect(second.created.isEmpty && second.removed.isEmpty)
        try s.expectSameAsAFullRun(request)
    }

    /// The stages of `GeneratorPipeline.generate`, with a page edited after the lookup found it
    /// unchanged and another edited after it was read: the record keeps the stamps from before, so the
    /// next run reads both pages again, and only those.
    @Test func pagesEditedDuringARunAreReadAgainByTheNext() throws {
        let s = try Setup()
        let request = s.request()
        _ = try s.run(request)
        try s.edit("k8s.pods.md") { $0.replacingOccurrences(of: "The name of the pod.", with: "The pod's name.") }
        // Edited just before the stamps are taken and again, to the same size, just after: within one
        // tick of the file system's clock the stamp stays as it was, so only its closeness to when the
        // stamps were taken makes the next run read the page.
        try s.edit("dd.logs.md") {
            $0.replacingOccurrences(
                of: "This dataset represents log events", with: "This dataset represents LOG events")
        }
        let found = PageFinder.find([s.pages])
        let cache = s.cache(request)
        try s.edit("dd.logs.md") {
            $0.replacingOccurrences(
                of: "This dataset represents LOG events", with: "This dataset represents Log events")
        }
        #expect(cache.unchangedRun == nil)
        let parsed = cache.parse(found.paths) { GeneratorPipeline.parsePages($0, limits: .default) }
        let (schema, diagnostics) = GeneratorPipeline.buildSchema(found, parsed)
        let planned = GeneratorPipeline.planFiles(schema, request, templates: .bundled).files
        let rendered = cache.render(planned, with: GeneratorPipeline.renderFiles)
        // Edited after this run read it: the run rendered the text before the edit.
        try s.edit("k8s.pods.md") { $0.replacingOccurrences(of: "The pod's name.", with: "The pod's own name.") }
        let plan = try GeneratorPipeline.planWrite(rendered, to: s.out)
        let (_, placed) = try GeneratorPipeline.write(plan)
        // Past the racy-stamp margin of file systems with sub-second stamps (2 s without them).
        Thread.sleep(forTimeInterval: 0.1)
        cache.record(rendered, parsed: parsed, placed: placed, diagnostics: diagnostics)
        cache.finishWrites()
        #expect(s.store.loadRun(forOutput: s.out) != nil, "the run is recorded")

        let next = s.cache(request)
        #expect(next.unchangedRun == nil)
        var parsedAgain: [String] = []
        _ = next.parse(found.paths) { missing in
            parsedAgain = missing
            return GeneratorPipeline.parsePages(missing, limits: .default)
        }
        #expect(
            parsedAgain.map { ($0 as NSString).lastPathComponent }.sorted() == ["dd.logs.md", "k8s.pods.md"],
            "exactly the two edited pages are parsed again")
        _ = try s.run(request)
        try s.expectSameAsAFullRun(request)
        let jsonSchema = try String(contentsOfFile: s.out + "/jsonschema/k8s.pods.schema.json", encoding: .utf8)
        #expect(jsonSchema.contains("The pod's own name."))
        #expect(
            try String(contentsOfFile: s.out + "/swift/DDLogs.swift", encoding: .utf8).contains(
                "This dataset represents Log events"))
        #expect(try s.run(request).changed.isEmpty, "and the one after is answered from the record")
    }

    /// A page edited just before the run took its stamps and again, to the same size, just after,
    /// within one tick of the file system's clock, keeps its stamp: only the stamp's closeness to
    /// when the run took it can make the next run compare the page's bytes. The record is doctored
    /// to that state: a page recorded with other bytes, its stamp taken as it changed, the record
    /// saved long after.
    @Test func aPageStampTakenAsThePageChangedIsNotTrustedHoweverLateTheRecordWasSaved() throws {
        let s = try Setup()
        let request = s.request()
        _ = try s.run(request)
        var record = try #require(s.store.loadRun(forOutput: s.out))
        let i = try #require(record.pages.firstIndex { $0.path.hasSuffix("/dd.logs.md") })
        record.pages[i].hash = ContentHash(value: record.pages[i].hash.value ^ 1)
        record.pagesStampedAt = record.pages[i].stamp.changed
        record.savedAt = record.pages[i].stamp.changed + 10_000_000_000
        s.store.saveRun(record, forOutput: s.out)
        let lookup = s.cache(request).lookup
        #expect(lookup.unchangedRun == nil, "the page's bytes were compared")
        #expect(lookup.unchangedPages.count == 29)

        record.pagesStampedAt = record.savedAt
        s.store.saveRun(record, forOutput: s.out)
        #expect(s.cache(request).unchangedRun != nil, "a stamp taken well before it changed is trusted")
    }

    /// A table whose columns collide warns on every run, whichever page changed.
    @Test func propertyNameWarningsOutliveEditsToOtherPages() throws {
        let s = try Setup(pages: ["k8s.pods.md", "k8s.services.md", "dd.logs.md"])
        func addColumn(_ id: String, to page: String) throws {
            try s.edit(page) { text in
                let row = try #require(text.split(separator: "\n").first { $0.hasPrefix("| Cluster Name ") })
                return text.replacingOccurrences(
                    of: row, with: row + "\n| Cluster Name | \(id) | core | string | Collides. |")
            }
        }
        func warnings(_ request: GenerationRequest) -> [String] {
            GeneratorPipeline.generate(request).diagnostics.filter { $0.message.contains("becomes Swift property") }
                .map { "\($0.location?.file.split(separator: "/").last ?? ""): \($0.message)" }
        }
        try addColumn("cluster-name", to: "k8s.pods.md")
        // Older than the record's racy-stamp margin (on file systems with sub-second stamps), so the
        // next runs take the page from the parse record.
        Thread.sleep(forTimeInterval: 0.1)
        let request = s.request()
        let first = warnings(request)
        #expect(first.count == 1 && first[0].hasPrefix("k8s.pods.md: column `cluster-name` of `k8s.pods`"), "\(first)")

        try s.edit("k8s.services.md") {
            $0.replacingOccurrences(of: "The name of the Kubernetes cluster", with: "The cluster")
        }
        var parsedAgain: [String] = []
        _ = s.cache(request).parse(PageFinder.find([s.pages]).paths) { missing in
            parsedAgain = missing
            return GeneratorPipeline.parsePages(missing, limits: .default)
        }
        #expect(!parsedAgain.contains { $0.hasSuffix("/k8s.pods.md") }, "k8s.pods comes from the parse record")
        #expect(warnings(request) == first, "k8s.pods still warns")
        try s.expectSameAsAFullRun(request)

        try addColumn("cluster.name", to: "k8s.services.md")
        let third = warnings(request)
        #expect(third.count == 2 && third.contains(first[0]), "\(third)")
        #expect(third.contains { $0.hasPrefix("k8s.services.md: column `cluster.name` of `k8s.services`") }, "\(third)")
        try s.expectSameAsAFullRun(request)
    }

    @Test func tablesSharingAServiceFileAreRenderedTogetherWhenOneChanges() throws {
        let s = try Setup(pages: [
            "aws.sagemaker_inference_experiment.md", "aws.sagemaker_model_package.md", "dd.logs.md",
        ])
        var options = RenderOptions()
        options.swiftFileNames = .service
        _ = try s.run(s.request(options: options))
        try s.edit("aws.sagemaker_model_package.md") {
            $0.replacingOccurrences(
                of: "| account_id                          | core | string ",
                with: "| account_id                          | core | int64  ")
        }
        let second = try s.run(s.request(options: options))
        #expect(second.changed.contains("swift/aws.sagemaker.swift"))
        try s.expectSameAsAFullRun(s.request(options: options))
    }

    @Test func aTableTakingAnotherTablesTypeNameReRendersBoth() throws {
        // Tables claim names in id order: once dd.logs.md defines `k8s.Pods`, it takes `K8sPods` (and
        // the JSON Schema file name) from k8s.pods, whose page did not change.
        let s = try Setup(pages: ["dd.logs.md", "k8s.pods.md", "k8s.services.md"])
        _ = try s.run(s.request())
        try s.edit("dd.logs.md") { $0.replacingOccurrences(of: "dd.logs", with: "k8s.Pods") }
        let second = try s.run(s.request())
        #expect(second.changed.contains("swift/K8sPods.swift"))
        #expect(second.created.contains("swift/K8sPods2.swift"))
        #expect(second.created.contains("jsonschema/k8s.pods2.schema.json"))
        try s.expectSameAsAFullRun(s.request())
    }

    @Test func aPageRewrittenUnchangedRendersNothingAndKeepsTheSQLScriptsWhole() throws {
        let s = try Setup()
        let request = s.request()
        let first = try s.run(request)
        // A blank line at the end: the page's bytes change, its table does not.
        try s.edit("k8s.pods.md") { $0 + "\n" }
        let cache = s.cache(request)
        #expect(cache.unchangedRun == nil, "the page's bytes changed")
        let found = PageFinder.find([s.pages])
        let (schema, _) = GeneratorPipeline.buildSchema(
            found,
            cache.parse(found.paths) {
                GeneratorPipeline.parsePages($0, limits: .default)
            })
        var renderedAgain: [String] = []
        let planned = GeneratorPipeline.planFiles(schema, request, templates: .bundled).files
        let rendered = cache.render(planned) { pending in
            renderedAgain = pending.map(\.path)
            return GeneratorPipeline.renderFiles(pending)
        }
        cache.finishWrites()
        #expect(renderedAgain == ["swift/JSONValue.swift"], "every per-table file and every block is as recorded")
        #expect(
            rendered.kept.contains { $0.path == "sql/postgres.sql" }
                && rendered.kept.contains { $0.path == "sql/sqlite.sql" })
        #expect(rendered.kept.count == first.created.count - 1)
        let second = try s.run(request)
        #expect(second.changed.isEmpty && second.created.isEmpty && second.removed.isEmpty)
        try s.expectSameAsAFullRun(request)
    }

    @Test func aSQLScriptEditedByHandIsRenderedWholeAgain() throws {
        let s = try Setup()
        let request = s.request()
        _ = try s.run(request)
        try s.edit("k8s.pods.md") { $0.replacingOccurrences(of: "The name of the pod.", with: "The pod's name.") }
        // Same length, other bytes: no block may be cut from a file that is no longer as recorded.
        let script = s.out + "/sql/postgres.sql"
        var bytes = try Array(Data(contentsOf: URL(fileURLWithPath: script)))
        let at = try #require(bytes.firstIndex(of: UInt8(ascii: "(")))
        bytes[at] = UInt8(ascii: "[")
        try Data(bytes).write(to: URL(fileURLWithPath: script))
        let cache = s.cache(request)
        let found = PageFinder.find([s.pages])
        let (schema, _) = GeneratorPipeline.buildSchema(
            found,
            cache.parse(found.paths) {
                GeneratorPipeline.parsePages($0, limits: .default)
            })
        let rendered = cache.render(GeneratorPipeline.planFiles(schema, request, templates: .bundled).files) {
            GeneratorPipeline.renderFiles($0)
        }
        cache.finishWrites()
        #expect(rendered.keptBlockCounts == ["sql/postgres.sql": 0, "sql/sqlite.sql": schema.tables.count + 1])
        _ = try s.run(request)
        try s.expectSameAsAFullRun(request)
    }

    @Test func aCatalogWideValueSeesEveryTable() throws {
        // `needsHstore` is a catalog value: every block of the SQL scripts reads it (`PlannedFile.Blocks.shared`).
        let s = try Setup(pages: [
            "aws.appconfig_deploymentstrategy.md", "aws.bedrock_foundation_model.md", "dd.logs.md",
        ])
        let templates = s.temp.path + "/templates"
        try FileManager.default.createDirectory(atPath: templates, withIntermediateDirectories: true)
        try
            "{{%CONTENT_TYPE: TEXT}}\n{{#tables}}\n-- {{ tableID }} {{#needsHstore}}hstore{{/needsHstore}}{{^needsHstore}}plain{{/needsHstore}}\n{{/tables}}\n"
            .write(toFile: templates + "/sqlite.mustache", atomically: true, encoding: .utf8)
        let request = s.request(templates: templates)
        _ = try s.run(request)
        #expect(try String(contentsOfFile: s.out + "/sql/sqlite.sql", encoding: .utf8).contains("dd.logs plain"))
        try s.edit("aws.bedrock_foundation_model.md") {
            $0.replacingOccurrences(of: "| core | string", with: "| core | hstore")
        }
        _ = try s.run(request)
        let sqlite = try String(contentsOfFile: s.out + "/sql/sqlite.sql", encoding: .utf8)
        #expect(sqlite.contains("dd.logs hstore") && !sqlite.contains("plain"))
        try s.expectSameAsAFullRun(request)
    }

    @Test func keysThatStayTheSameMeanTheSameBytes() throws {
        // The claim `RenderKey` rests on: a per-table file's bytes depend on nothing but what its
        // key covers. Render the catalog before and after edits that move names between tables.
        let s = try Setup()
        let before = SchemaLoader.load(inputs: [s.pages]).schema
        var after = before
        // A description edit, a table taking another's Swift type name, a new column.
        after.tables[0].fields[0].description += " Edited."
        let pods = try #require(after.tables.firstIndex { $0.id == "k8s.pods" })
        let services = try #require(after.tables.firstIndex { $0.id == "k8s.services" })
        after.tables[services].id = "k8s.Pods"
        after.tables.swapAt(pods, services)
        after.tables[1].fields.append(
            Field(name: "added", variant: "core", dataType: DataType(parsing: "int64")!, description: "", line: 99))
        for layout in [RenderOptions.SwiftFileNames.type, .service, .page] {
            var options = RenderOptions()
            options.swiftFileNames = layout
            let renderer = Renderer(targets: Set(OutputTarget.allCases), templates: .bundled, options: options)
            let old = renderer.plan(before).files
            let new = renderer.plan(after).files
            func keys(_ files: [PlannedFile]) -> [String: ContentHash] {
                var keys: [String: ContentHash] = [:]
                for file in files {
                    keys[file.path] = file.sources.map { RenderKey.make($0, tableDigest: RenderKey.digest) }
                }
                return keys
            }
            let (oldKeys, newKeys) = (keys(old), keys(new))
            let oldFiles = Dictionary(uniqueKeysWithValues: old.renderAll().map { ($0.path, $0.bytes) })
            let newFiles = Dictionary(uniqueKeysWithValues: new.renderAll().map { ($0.path, $0.bytes) })
            var same = 0
            for (path, key) in newKeys where oldKeys[path] == key {
                same += 1
                #expect(oldFiles[path] == newFiles[path], "\(layout): \(path) has the same key but other bytes")
            }
            #expect(same > 20, "most files keep their key")
            #expect(new.contains { $0.sources == nil }, "the SQL scripts and JSONValue.swift have no key")
        }
    }

    @Test func aKeptFileThatVanishedIsAnErrorNotASilentGap() throws {
        let s = try Setup(pages: ["dd.logs.md"])
        let first = try s.run(s.request())
        let kept = try #require(first.created.first { $0.hasPrefix("jsonschema/") })
        try FileManager.default.removeItem(atPath: s.out + "/" + kept)
        #expect(throws: OutputWriter.Failure.self) {
            try OutputWriter.write([], keeping: [kept], to: s.out)
        }
        #expect(throws: OutputWriter.Failure.self) {
            try OutputWriter.write([], keeping: ["swift/NotGenerated.swift"], to: s.out)
        }
    }

    @Test func anOutputRewrittenJustBeforeTheLookupIsComparedByContentOnTheNextRunToo() throws {
        let s = try Setup()
        let request = s.request()
        _ = try s.run(request)
        try s.edit("dd.logs.md") { $0 + "\n" }
        let path = "jsonschema/k8s.pods.schema.json"
        let file = s.out + "/" + path
        // The same bytes written again: a new change time, within the racy margin of the lookup.
        try Data(contentsOf: URL(fileURLWithPath: file)).write(to: URL(fileURLWithPath: file))
        let now = try #require(FileStamp.of(file))
        #expect(s.cache(request).lookup.unchangedOutputs[path]?.stamp == now.neverMatching, "found by its bytes")
        // Past the racy margin (sub-second stamps), the stamp it has is the one to record.
        Thread.sleep(forTimeInterval: 0.1)
        #expect(s.cache(request).lookup.unchangedOutputs[path]?.stamp == now)
    }

    @Test func aRecordWrittenInPartsReadsBackByteForByte() throws {
        let temp = try TemporaryDirectory()
        let store = CacheStore(folder: temp.path + "/cache")
        // Parts of sizes around the megabyte the writer joins them in, an empty one among them.
        var parts: [ArraySlice<UInt8>] = []
        var expected: [UInt8] = []
        for (i, size) in [0, 1, 1 << 20, (1 << 20) - 1, 3, (1 << 20) + 5, 7].enumerated() {
            let part = (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ i) }
            parts.append(part[...])
            expected += part
        }
        store.write(parts, to: temp.path + "/cache/record")
        #expect(try OutputFileSystem.readFile(at: temp.path + "/cache/record") == expected)
    }

    @Test func theParseRecordSurvivesAWriteAndReadAndADamagedEntryIsAMissForItsPageAlone() throws {
        let stamp = FileStamp(size: 12, modified: -1, changed: 1_795_000_000_123_456_789, inode: .max, device: 0)
        let schema = SchemaLoader.load(inputs: [
            Fixtures.docsInput + "/dd.logs.md", Fixtures.docsInput + "/k8s.pods.md",
        ]).schema
        let record = ParseRecord(
            key: ContentHash([1]), savedAt: 7,
            entries: [
                .init(
                    path: "a b\n.md", stamp: stamp, table: schema.tables[0],
                    diagnostics: [.warning("w", at: SourceLocation(file: "x", line: 2, column: 3))]),
                .init(path: "é.md", stamp: stamp, table: schema.tables[1], diagnostics: []),
                .init(path: "broken.md", stamp: stamp, table: nil, diagnostics: [.error("no table")]),
            ])
        let bytes = record.bytes
        let read = try #require(ParseRecord(parsing: bytes))
        #expect(read.key == record.key && read.savedAt == 7)
        // Read back, each table comes with its digest, the one its table has wherever it comes from.
        #expect(read.entries.map { $0.table.map(RenderKey.digest) } == read.entries.map(\.tableDigest))
        #expect(
            read.entries.map {
                var e = $0
                e.tableDigest = nil
                return e
            } == record.entries)
        #expect(read.bytes == bytes, "the same record, the same bytes")
        #expect(read.sealed.allSatisfy { $0 != nil }, "each entry keeps its bytes as read, to be written back")
        var edited = read
        edited.entries[1].diagnostics = [.note("new")]
        edited.sealed[1] = nil
        let reread = try #require(ParseRecord(parsing: edited.bytes))
        #expect(
            reread.entries.map {
                var e = $0
                e.tableDigest = nil
                return e
            }
                == edited.entries.map {
                    var e = $0
                    e.tableDigest = nil
                    return e
                },
            "an entry made anew is encoded, the others copied")
        #expect(ParseRecord(parsing: Array(bytes.dropLast())) == nil)
        #expect(ParseRecord(parsing: bytes + [0]) == nil)
        // One letter of a table's description changed: that entry is dropped, the others stay.
        let description = Array(schema.tables[1].fields[0].description.utf8)
        let at = try #require(Self.firstRange(of: description, in: bytes))
        var damaged = bytes
        damaged[at.lowerBound] ^= 0x01
        let partial = try #require(ParseRecord(parsing: damaged))
        #expect(partial.entries.map(\.path) == ["a b\n.md", "broken.md"])
        // A damaged header refuses the whole record: its lengths place every entry.
        var header = bytes
        header[ParseRecord.magic.count + 1] ^= 0x01
        #expect(ParseRecord(parsing: header) == nil)
    }

    static func firstRange(of needle: [UInt8], in haystack: [UInt8]) -> Range<Int>? {
        guard needle.count <= haystack.count else { return nil }
        for i in 0...(haystack.count - needle.count) where Array(haystack[i..<(i + needle.count)]) == needle {
            return i..<(i + needle.count)
        }
        return nil
    }
}

@Suite struct TableDigestTests {
    @Test func everyPartOfATableChangesItsDigest() throws {
        let table = try #require(SchemaLoader.load(inputs: [Fixtures.docsInput + "/k8s.pods.md"]).schema.tables.first)
        var variants: [Table] = [table]
        func variant(_ change: (inout Table) -> Void) {
            var copy = table
            change(&copy)
            variants.append(copy)
        }
        variant { $0.id += "x" }
        variant { $0.namespace += "x" }
        variant { $0.name += "x" }
        variant { $0.title += "x" }
        variant { $0.summary += "x" }
        variant { $0.deprecated.toggle() }
        variant { $0.source.file += "x" }
        variant { $0.source.line += 1 }
        variant { $0.fields[0].name += "x" }
        variant { $0.fields[0].title = $0.fields[0].title == nil ? "" : nil }
        variant { $0.fields[0].variant += "x" }
        variant { $0.fields[0].dataType = DataType(parsing: "array<\($0.fields[0].dataType.spelling)>")! }
        variant { $0.fields[0].description += "x" }
        variant { $0.fields[0].line += 1 }
        variant { $0.fields.swapAt(0, 1) }
        variant { $0.fields.removeLast() }
        variant {
            $0.queryParameters.append(
                QueryParameter(name: "q", type: "string", required: true, description: "", line: 1))
        }
        // Text moved from one field to the next is not the same table either.
        variant {
            $0.title = ""
            $0.summary = table.title + table.summary
        }
        let digests = variants.map(RenderKey.digest)
        #expect(Set(digests).count == variants.count)
        #expect(RenderKey.digest(table) == RenderKey.digest(table), "the same table, the same digest")
    }
}

@Suite struct PathSplitTests {
    @Test func splitsLikeDirnameAndBasenameWithoutFoundationsTrapOnOneCharacter() {
        #expect(PathSplit.split("o") == ("", "o"))
        #expect(PathSplit.split("out") == ("", "out"))
        #expect(PathSplit.split("a/b") == ("a", "b"))
        #expect(PathSplit.split("a/b/") == ("a", "b"))
        #expect(PathSplit.split("/b") == ("/", "b"))
        #expect(PathSplit.split("/x//y") == ("/x", "y"))
        #expect(PathSplit.split("é/ü") == ("é", "ü"))
    }
}
