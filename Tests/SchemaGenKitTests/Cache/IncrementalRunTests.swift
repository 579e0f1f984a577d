import Foundation
import Testing
@testable import SchemaGenKit

/// A run after some pages changed reuses the rest of the last run: the parse of unchanged pages,
/// the files of unchanged tables, the SQL blocks of unchanged tables. Each test checks the reuse
/// happened and that the folder ends up byte for byte as a run without any cache makes it.
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
            let all = try FileManager.default.contentsOfDirectory(atPath: Fixtures.docsInput).filter { $0.hasSuffix(".md") }
            for name in names ?? all {
                try FileManager.default.copyItem(atPath: Fixtures.docsInput + "/" + name, toPath: pages + "/" + name)
            }
            // Pages changed within the file system's timestamp resolution of a record are not trusted
            // to it (racy stamps); real pages are older than that.
            Thread.sleep(forTimeInterval: 0.1)
        }

        func request(options: RenderOptions = RenderOptions(), templates: String? = nil) -> GenerationRequest {
            var request = GenerationRequest(
                inputs: [pages], outputDirectory: out, targets: Set(OutputTarget.allCases), templatesDirectory: templates,
                options: options)
            request.cache = store
            return request
        }

        func run(_ request: GenerationRequest) throws -> WriteReport {
            let result = Generation.run(request)
            return try #require(result.report, "\(result.diagnostics.map(\.formatted))")
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
                if FileManager.default.fileExists(atPath: folder + "/" + relative, isDirectory: &isDirectory), !isDirectory.boolValue {
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
        let cached = CachedRun(store: s.store, request: request, templates: .bundled, pages: PageFinder.find([s.pages]).paths)
        let lookup = cached.lookUp()
        let (hit, reuse, pageDigests) = (lookup.hit, lookup.reuse, lookup.pageDigests)
        #expect(lookup.outputStamps.count == first.created.count + 1, "every output and the manifest as recorded")
        #expect(pageDigests.count == 29, "the unchanged pages keep their digests")
        #expect(hit == nil)
        #expect(cached.reusableParses().count == 29, "every page but the edited one is taken from the parse cache")
        #expect(try #require(reuse).files.count == first.created.count - 3, "all but the SQL scripts and JSONValue.swift")

        let second = try s.run(request)
        let swiftFile = switch layout {
        case .type: "swift/K8sPods.swift"
        case .service: "swift/k8s.pods.swift"
        case .page: "swift/k8s.pods.swift"
        }
        // SQLite keeps no comments, so its script does not change with a description.
        #expect(second.changed == ["jsonschema/k8s.pods.schema.json", "sql/postgres.sql", swiftFile])
        #expect(second.created.isEmpty && second.removed.isEmpty)
        try s.expectSameAsAFullRun(request)
    }

    /// The steps of `Generation.run`, with a page edited after the lookup found it unchanged and
    /// another edited after it was read: the record keeps the stamps from before, so the next run
    /// reads both pages again, and only those.
    @Test func pagesEditedDuringARunAreReadAgainByTheNext() throws {
        let s = try Setup()
        let request = s.request()
        _ = try s.run(request)
        try s.edit("k8s.pods.md") { $0.replacingOccurrences(of: "The name of the pod.", with: "The pod's name.") }
        // Edited just before the stamps are taken and again, to the same size, just after: within one
        // tick of the file system's clock the stamp stays as it was, so only its closeness to when the
        // stamps were taken makes the next run read the page.
        try s.edit("dd.logs.md") { $0.replacingOccurrences(of: "This dataset represents log events", with: "This dataset represents LOG events") }
        let pages = PageFinder.find([s.pages])
        let (cached, lookup) = Generation.cachedRun(request, templates: .bundled, pages: pages)
        let run = try #require(cached)
        try s.edit("dd.logs.md") { $0.replacingOccurrences(of: "This dataset represents LOG events", with: "This dataset represents Log events") }
        #expect(lookup.hit == nil)
        let rendered = Generation.render(request, templates: .bundled, pages: pages, cached: run, reuse: lookup.reuse)
        let files = try #require(rendered.rendered)
        // Edited after this run read it: the run rendered the text before the edit.
        try s.edit("k8s.pods.md") { $0.replacingOccurrences(of: "The pod's name.", with: "The pod's own name.") }
        _ = try OutputWriter.write(files.files, keeping: Set(files.kept.keys), to: s.out)
        // Past the racy-stamp margin of file systems with sub-second stamps (2 s without them).
        Thread.sleep(forTimeInterval: 0.1)
        run.record(files, lookup: lookup, pageDigests: rendered.pageDigests, diagnostics: rendered.diagnostics)
        #expect(s.store.load(forOutput: s.out) != nil, "the run is recorded")

        let next = CachedRun(store: s.store, request: request, templates: .bundled, pages: pages.paths)
        #expect(next.lookUp().hit == nil)
        #expect(Set(pages.paths).subtracting(next.reusableParses().keys).map { ($0 as NSString).lastPathComponent }.sorted()
            == ["dd.logs.md", "k8s.pods.md"], "exactly the two edited pages are parsed again")
        _ = try s.run(request)
        try s.expectSameAsAFullRun(request)
        let schema = try String(contentsOfFile: s.out + "/jsonschema/k8s.pods.schema.json", encoding: .utf8)
        #expect(schema.contains("The pod's own name."))
        #expect(try String(contentsOfFile: s.out + "/swift/DDLogs.swift", encoding: .utf8).contains("This dataset represents Log events"))
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
        var record = try #require(s.store.load(forOutput: s.out))
        let i = try #require(record.pages.firstIndex { $0.path.hasSuffix("/dd.logs.md") })
        record.pages[i].hash = ContentHash(value: record.pages[i].hash.value ^ 1)
        record.pagesStampedAt = record.pages[i].stamp.changed
        record.savedAt = record.pages[i].stamp.changed + 10_000_000_000
        s.store.save(record, forOutput: s.out)
        let lookup = CachedRun(store: s.store, request: request, templates: .bundled, pages: PageFinder.find([s.pages]).paths)
            .lookUp()
        #expect(lookup.hit == nil, "the page's bytes were compared")
        #expect(lookup.pageDigests.count == 29)

        record.pagesStampedAt = record.savedAt
        s.store.save(record, forOutput: s.out)
        let trusting = CachedRun(store: s.store, request: request, templates: .bundled, pages: PageFinder.find([s.pages]).paths)
        #expect(trusting.lookUp().hit != nil, "a stamp taken well before it changed is trusted")
    }

    /// Unchanged tables whose properties were named without a warning are not named again; one
    /// whose columns collide warns on every run, whichever page changed.
    @Test func propertyNameWarningsOutliveEditsToOtherPages() throws {
        let s = try Setup(pages: ["k8s.pods.md", "k8s.services.md", "dd.logs.md"])
        func addColumn(_ id: String, to page: String) throws {
            try s.edit(page) { text in
                let row = try #require(text.split(separator: "\n").first { $0.hasPrefix("| Cluster Name ") })
                return text.replacingOccurrences(of: row, with: row + "\n| Cluster Name | \(id) | core | string | Collides. |")
            }
        }
        func warnings(_ request: GenerationRequest) -> [String] {
            Generation.run(request).diagnostics.filter { $0.message.contains("becomes Swift property") }
                .map { "\($0.location?.file.split(separator: "/").last ?? ""): \($0.message)" }
        }
        try addColumn("cluster-name", to: "k8s.pods.md")
        // Older than the record's racy-stamp margin (on file systems with sub-second stamps), so the
        // next runs take the page from the parse cache.
        Thread.sleep(forTimeInterval: 0.1)
        let request = s.request()
        let first = warnings(request)
        #expect(first.count == 1 && first[0].hasPrefix("k8s.pods.md: column `cluster-name` of `k8s.pods`"), "\(first)")

        try s.edit("k8s.services.md") { $0.replacingOccurrences(of: "The name of the Kubernetes cluster", with: "The cluster") }
        let cached = CachedRun(store: s.store, request: request, templates: .bundled, pages: PageFinder.find([s.pages]).paths)
        _ = cached.lookUp()
        #expect(cached.reusableParses().keys.contains { $0.hasSuffix("/k8s.pods.md") }, "k8s.pods comes from the parse cache")
        #expect(warnings(request) == first, "k8s.pods still warns")
        try s.expectSameAsAFullRun(request)

        try addColumn("cluster.name", to: "k8s.services.md")
        let third = warnings(request)
        #expect(third.count == 2 && third.contains(first[0]), "\(third)")
        #expect(third.contains { $0.hasPrefix("k8s.services.md: column `cluster.name` of `k8s.services`") }, "\(third)")
        try s.expectSameAsAFullRun(request)
    }

    /// The render stage memoizes which tables named their Swift properties without a warning; given
    /// that memo it names only the others, and renders and warns exactly as without it.
    @Test func tablesKnownToNameTheirPropertiesQuietlyAreNotNamedAgain() throws {
        var schema = SchemaLoader.load(inputs: [Fixtures.docsInput]).schema
        let pods = try #require(schema.tables.firstIndex { $0.id == "k8s.pods" })
        schema.tables[pods].fields.append(Field(
            name: "cluster-name", variant: "core", dataType: DataType(parsing: "string")!, description: "", line: 99))
        let renderer = Renderer(targets: [.swift], templates: .bundled, options: RenderOptions())
        let first = renderer.render(schema, reuse: RenderReuse())
        let digests = RenderKey.tableDigests(schema)
        for table in schema.tables {
            let marked = first.fragments[RenderKey.quietProperties(digests[table.id]!)] != nil
            #expect(marked == (table.id != "k8s.pods"), "\(table.id)")
        }
        #expect(first.diagnostics.filter { $0.message.contains("becomes Swift property") }.count == 1)

        let quiet = schema.tables.map { first.fragments[RenderKey.quietProperties(digests[$0.id]!)] != nil }
        let named = SwiftModelBuilder.names(schema, options: RenderOptions(), quiet: quiet).tables
        #expect(named.filter { $0.propertyNames == nil }.count == schema.tables.count - 1)
        let full = SwiftModelBuilder.build(schema).tables
        #expect(named.map { SwiftModelBuilder.model($0) } == full, "names left to `model` come out the same")

        // Rendering everything again with the memo: same files, same warnings.
        let second = renderer.render(schema, reuse: RenderReuse(fragments: first.fragments))
        #expect(second.files == first.files)
        #expect(second.diagnostics == first.diagnostics)

        // The renderer does consult the memo: a memo that wrongly vouches for k8s.pods silences its
        // warning (its file still comes out right, since `model` names what was skipped).
        var wrong = first.fragments
        wrong[RenderKey.quietProperties(digests["k8s.pods"]!)] = []
        let third = renderer.render(schema, reuse: RenderReuse(fragments: wrong))
        #expect(third.diagnostics.isEmpty)
        #expect(third.files == first.files)
    }

    @Test func tablesSharingAServiceFileAreRenderedTogetherWhenOneChanges() throws {
        let s = try Setup(pages: ["aws.sagemaker_inference_experiment.md", "aws.sagemaker_model_package.md", "dd.logs.md"])
        var options = RenderOptions()
        options.swiftFileNames = .service
        _ = try s.run(s.request(options: options))
        try s.edit("aws.sagemaker_model_package.md") { $0.replacingOccurrences(of: "| account_id                          | core | string ", with: "| account_id                          | core | int64  ") }
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

    @Test func anSQLBlockThatReadsTheWholeCatalogIsNeverReused() throws {
        // `needsHstore` is a catalog value: a block that reads it depends on every table.
        let s = try Setup(pages: ["aws.appconfig_deploymentstrategy.md", "aws.bedrock_foundation_model.md", "dd.logs.md"])
        let templates = s.temp.path + "/templates"
        try FileManager.default.createDirectory(atPath: templates, withIntermediateDirectories: true)
        try "{{%CONTENT_TYPE: TEXT}}\n{{#tables}}\n-- {{ tableID }} {{#needsHstore}}hstore{{/needsHstore}}{{^needsHstore}}plain{{/needsHstore}}\n{{/tables}}\n"
            .write(toFile: templates + "/sqlite.mustache", atomically: true, encoding: .utf8)
        let request = s.request(templates: templates)
        _ = try s.run(request)
        #expect(try String(contentsOfFile: s.out + "/sql/sqlite.sql", encoding: .utf8).contains("dd.logs plain"))
        try s.edit("aws.bedrock_foundation_model.md") { $0.replacingOccurrences(of: "| core | string", with: "| core | hstore") }
        _ = try s.run(request)
        let sqlite = try String(contentsOfFile: s.out + "/sql/sqlite.sql", encoding: .utf8)
        #expect(sqlite.contains("dd.logs hstore") && !sqlite.contains("plain"))
        try s.expectSameAsAFullRun(request)
    }

    /// The SQL blocks are recorded as places in the scripts they were written to, not copied; a
    /// script edited since gives none of its blocks (read from it, they would be the edit's bytes),
    /// and the run renders it whole; blocks kept from the last run are recorded again where the new
    /// script has them.
    @Test func sqlBlocksAreReadBackFromTheScriptsAndOnlyWhileTheScriptsAreAsWritten() throws {
        let s = try Setup()
        let request = s.request()
        _ = try s.run(request)
        let key = CachedRun(store: s.store, request: request, templates: .bundled, pages: PageFinder.find([s.pages]).paths).key
        let outputs = try Set(Self.Setup.files(in: s.out).keys)
        /// What a render without a cache memoizes: the blocks the record must give back, by key.
        func expected() -> IncrementalRender {
            let schema = SchemaLoader.load(inputs: [s.pages]).schema
            return Renderer(targets: Set(OutputTarget.allCases), templates: .bundled, options: RenderOptions())
                .render(schema, reuse: RenderReuse())
        }
        let first = expected()
        let loaded = s.store.loadFragments(forOutput: s.out, key: key, outputs: outputs)
        #expect(loaded.mapValues(Array.init) == first.fragments.mapValues(Array.init))
        #expect(loaded.values.filter { !$0.isEmpty }.count == 2 * 30, "one block a table in each script")
        let record = s.store.path(forOutput: s.out).replacingOccurrences(of: ".cache", with: ".fragments")
        let recordSize = try #require(FileManager.default.attributesOfItem(atPath: record)[.size] as? Int)
        let scripts = first.files.filter { $0.path.hasPrefix("sql/") }.reduce(0) { $0 + $1.bytes.count }
        #expect(recordSize * 20 < scripts, "places, not copies")
        let listed: Set<String> = ["sql/sqlite.sql"]
        #expect(s.store.loadFragments(forOutput: s.out, key: key, outputs: listed).isEmpty,
                "a record naming a file the run record does not list is refused")

        // One byte in the middle of the first table's block in the PostgreSQL script (not dd.logs,
        // which is edited below and rendered again anyway).
        let postgresKeys = try #require(first.fragmentFiles["sql/postgres.sql"])
        let block = try #require(postgresKeys.compactMap { first.fragments[$0] }.min { $0.startIndex < $1.startIndex })
        #expect(!String(decoding: block, as: UTF8.self).contains("dd.logs"))
        let path = s.out + "/sql/postgres.sql"
        var edited = try Array(Data(contentsOf: URL(fileURLWithPath: path)))
        let at = block.startIndex + block.count / 2
        edited[at] = edited[at] == UInt8(ascii: "x") ? UInt8(ascii: "y") : UInt8(ascii: "x")
        try Data(edited).write(to: URL(fileURLWithPath: path))
        let left = s.store.loadFragments(forOutput: s.out, key: key, outputs: outputs).filter { !$0.value.isEmpty }
        let sqliteKeys = Set(try #require(first.fragmentFiles["sql/sqlite.sql"]))
        #expect(Set(left.keys) == sqliteKeys, "the SQLite script's blocks only")

        try s.edit("dd.logs.md") { $0.replacingOccurrences(of: "This dataset represents log events", with: "This dataset represents LOG events") }
        let second = try s.run(request)
        #expect(second.changed.contains("sql/postgres.sql"))
        try s.expectSameAsAFullRun(request)
        // Recorded again at their places in the new scripts, kept blocks included.
        let again = s.store.loadFragments(forOutput: s.out, key: key, outputs: outputs)
        #expect(again.mapValues(Array.init) == expected().fragments.mapValues(Array.init))

        // A damaged record gives nothing.
        var damaged = try Array(Data(contentsOf: URL(fileURLWithPath: record)))
        damaged[damaged.count / 2] ^= 1
        try Data(damaged).write(to: URL(fileURLWithPath: record))
        #expect(s.store.loadFragments(forOutput: s.out, key: key, outputs: outputs).isEmpty)
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
        after.tables[1].fields.append(Field(name: "added", variant: "core", dataType: DataType(parsing: "int64")!, description: "", line: 99))
        for layout in [RenderOptions.SwiftFileNames.type, .service, .page] {
            var options = RenderOptions()
            options.swiftFileNames = layout
            let renderer = Renderer(targets: Set(OutputTarget.allCases), templates: .bundled, options: options)
            let old = renderer.render(before, reuse: RenderReuse()), new = renderer.render(after, reuse: RenderReuse())
            let oldFiles = Dictionary(uniqueKeysWithValues: old.files.map { ($0.path, $0.bytes) })
            let newFiles = Dictionary(uniqueKeysWithValues: new.files.map { ($0.path, $0.bytes) })
            var same = 0
            for (path, key) in new.renderKeys where old.renderKeys[path] == key {
                same += 1
                #expect(oldFiles[path] == newFiles[path], "\(layout): \(path) has the same key but other bytes")
            }
            #expect(same > 20, "most files keep their key")
            #expect(new.renderKeys.count < new.files.count, "the SQL scripts and JSONValue.swift have no key")
        }
    }

    /// A short list and a long one (`CompiledTemplate.parallelItems` or more, which would be rendered
    /// in parallel even without a memo) follow the same rule.
    @Test(arguments: [2, CompiledTemplate.parallelItems * 3 + 5])
    func aMemoizedBlockIsUsedOnlyWhenItReadNothingOutsideItsItem(count: Int) {
        let template = try! CompiledTemplate("{{#items}}[{{name}}{{#flag}}+{{outer}}{{/flag}}]{{/items}}")
        func context(outer: String, flags: [Bool]) -> TemplateValue {
            let keys = flags.indices.map { ContentHash(value: UInt64($0)) }
            return .object([
                "outer": .text(outer),
                "items": .items(TemplateItems(count: flags.count, keys: keys) { i in
                    .object(["name": .text("n\(i)"), "flag": .bool(flags[i])])
                }),
            ])
        }
        // Odd items read `outer`, from below their item.
        let flags = (0..<count).map { $0 % 2 == 1 }
        func expected(_ outer: String, _ flags: [Bool]) -> [UInt8] {
            Array(flags.enumerated().map { i, flag in "[n\(i)\(flag ? "+" + outer : "")]" }.joined().utf8)
        }
        let first = FragmentMemo(template: "t", previous: [:])
        #expect(template.render(FlatContext(context(outer: "A", flags: flags)), memo: first) == expected("A", flags))
        #expect(first.recorded.count == (count + 1) / 2, "the blocks that read `outer` are not recorded")
        let second = FragmentMemo(template: "t", previous: first.recorded)
        #expect(template.render(FlatContext(context(outer: "B", flags: flags)), memo: second) == expected("B", flags))
        #expect(second.recorded.count == first.recorded.count)
        // A recorded block really is copied: a changed item under the same key would show the old text.
        let stale = FragmentMemo(template: "t", previous: first.recorded)
        let allSet = Array(repeating: true, count: count)
        #expect(template.render(FlatContext(context(outer: "B", flags: allSet)), memo: stale) == expected("B", flags))
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

    @Test func parsedPagesSurviveAWriteAndReadAndRejectDamage() throws {
        let stamp = FileStamp(size: 12, modified: -1, changed: 1_795_000_000_123_456_789, inode: .max, device: 0)
        let schema = SchemaLoader.load(inputs: [Fixtures.docsInput + "/dd.logs.md", Fixtures.docsInput + "/k8s.pods.md"]).schema
        let pages = ParsedPages(
            key: ContentHash([1]), savedAt: 7,
            entries: [
                .init(path: "a b\n.md", stamp: stamp, table: schema.tables[0], diagnostics: [.warning("w", at: SourceLocation(file: "x", line: 2, column: 3))]),
                .init(path: "é.md", stamp: stamp, table: schema.tables[1], diagnostics: []),
                .init(path: "broken.md", stamp: stamp, table: nil, diagnostics: [.error("no table")]),
            ])
        let read = try #require(ParsedPages(parsing: pages.bytes))
        #expect(read.key == pages.key && read.savedAt == 7)
        #expect(read.entries.map(\.table) == pages.entries.map(\.table))
        #expect(read.entries.map(\.diagnostics) == pages.entries.map(\.diagnostics))
        #expect(read.entries.map(\.path) == pages.entries.map(\.path))
        #expect(read.entries.map(\.tableDigest) == pages.entries.map { $0.table.map(RenderKey.digest) })
        // Entries read back are written as they were read; one entry made anew encodes the same.
        #expect(read.bytes == pages.bytes)
        var mixed = read
        mixed.entries[1].encoded = nil
        #expect(mixed.bytes == pages.bytes)
        #expect(ParsedPages(parsing: Array(pages.bytes.dropLast())) == nil)
        #expect(ParsedPages(parsing: pages.bytes + [0]) == nil)
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
        variant { $0.queryParameters.append(QueryParameter(name: "q", type: "string", required: true, description: "", line: 1)) }
        // Text moved from one field to the next is not the same table either.
        variant { $0.title = ""; $0.summary = table.title + table.summary }
        let digests = variants.map(RenderKey.digest)
        #expect(Set(digests).count == variants.count)
        #expect(RenderKey.digest(table) == RenderKey.digest(table), "the same table, the same digest")
    }
}

@Suite struct ParsedPagesDeltaTests {
    static func stamp(_ i: Int) -> FileStamp {
        FileStamp(size: Int64(i), modified: 1, changed: 1_000_000_000 * Int64(i) + 1, inode: UInt64(i), device: 1)
    }

    @Test func aFewChangedPagesAreSavedAsADeltaAndReadBackOverTheBase() throws {
        let temp = try TemporaryDirectory()
        let store = CacheStore(folder: temp.path + "/cache")
        let tables = SchemaLoader.load(inputs: [Fixtures.docsInput + "/dd.logs.md", Fixtures.docsInput + "/k8s.pods.md"]).schema.tables
        let entries = (0..<100).map { i in
            ParsedPages.Entry(path: "p\(i).md", stamp: Self.stamp(i), table: tables[i % 2], diagnostics: [])
        }
        let savedAt: Int64 = 10_000_000_000_000
        store.saveParsedPages(ParsedPages(key: ContentHash([1]), savedAt: savedAt, entries: entries), forOutput: "/out")
        let basePath = store.parsedPagesPath(forOutput: "/out"), deltaPath = basePath + "-delta"
        let base = try Data(contentsOf: URL(fileURLWithPath: basePath))
        #expect(!FileManager.default.fileExists(atPath: deltaPath))

        var loaded = try #require(store.loadParsedPages(forOutput: "/out"))
        #expect(loaded.entries.allSatisfy { $0.inBase })
        loaded.entries[5] = ParsedPages.Entry(path: "p5.md", stamp: Self.stamp(500), table: nil, diagnostics: [.error("no table")])
        loaded.entries.append(ParsedPages.Entry(path: "new.md", stamp: Self.stamp(600), table: tables[0], diagnostics: []))
        store.saveParsedPages(loaded, forOutput: "/out")
        let baseAfter = try Data(contentsOf: URL(fileURLWithPath: basePath))
        #expect(baseAfter == base, "the base is left as it was")
        #expect(FileManager.default.fileExists(atPath: deltaPath))

        let again = try #require(store.loadParsedPages(forOutput: "/out"))
        #expect(again.entries.map(\.path) == entries.map(\.path) + ["new.md"])
        #expect(again.entries[5].table == nil && again.entries[5].stamp == Self.stamp(500))
        #expect(again.entries.filter { !$0.inBase }.map(\.path) == ["p5.md", "new.md"])
        let reusable = again.reusable(stamps: ["p5.md": Self.stamp(500), "p6.md": Self.stamp(6), "p7.md": Self.stamp(70)])
        #expect(Set(reusable.keys) == ["p5.md", "p6.md"], "each entry vouches for its own stamp")

        // Many changed entries: the base is written anew and the delta dropped.
        var many = again
        for i in 0..<80 { many.entries[i] = ParsedPages.Entry(path: "p\(i).md", stamp: Self.stamp(1_000 + i), table: nil, diagnostics: []) }
        store.saveParsedPages(many, forOutput: "/out")
        #expect(!FileManager.default.fileExists(atPath: deltaPath))
        let rewritten = try #require(store.loadParsedPages(forOutput: "/out"))
        #expect(rewritten.entries.map(\.stamp) == many.entries.map(\.stamp))
        #expect(rewritten.entries.allSatisfy { $0.inBase })
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
