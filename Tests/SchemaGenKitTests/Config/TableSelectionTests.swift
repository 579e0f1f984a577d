import Foundation
import Testing

@testable import SchemaGenKit

/// `tables:` in schemagen.yml and `--table` on generate and check: pattern rules, "did you mean",
/// errors with their line, and the real pipeline on docs-input (files, SQL, JSON Schemas, the manifest
/// removing deselected files, check, and the build plugin's page-named outputs).
@Suite struct TableSelectionTests {
    static let k8s = ["k8s.pods", "k8s.services"]
    static var allIDs: [String] { Fixtures.markdownPageNames.map { String($0.dropLast(3)) } }

    static func selection(_ entries: String...) -> TableSelection {
        TableSelection(commandLine: entries)
    }

    static func load(_ text: String, file: String = "conf/schemagen.yml") -> (
        config: SchemaGenConfig?, errors: [String]
    ) {
        let (config, diagnostics) = ConfigLoader.parse(text, file: file)
        return (config, diagnostics.map(\.formatted))
    }

    /// Renders docs-input (all 30 pages) with the selection, as `generate` would.
    static func render(
        _ selection: TableSelection?, targets: Set<OutputTarget> = Set(OutputTarget.allCases),
        fileNames: RenderOptions.SwiftFileNames = .type
    ) -> (files: [String: String]?, diagnostics: [String]) {
        var request = GenerationRequest(
            inputs: [Fixtures.docsInput], outputDirectory: "unused", targets: targets, templatesDirectory: nil,
            options: RenderOptions(swiftFileNames: fileNames))
        request.tables = selection
        let (files, diagnostics) = GeneratorPipeline.renderedFiles(request)
        return (
            files.map {
                Dictionary(uniqueKeysWithValues: $0.map { ($0.path, String(decoding: $0.bytes, as: UTF8.self)) })
            },
            diagnostics.map(\.formatted)
        )
    }

    static func listing(_ folder: String) throws -> [String] {
        let enumerator = FileManager.default.enumerator(atPath: folder)
        var paths: [String] = []
        while let path = enumerator?.nextObject() as? String {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: folder + "/" + path, isDirectory: &isDirectory),
                !isDirectory.boolValue
            {
                paths.append(path)
            }
        }
        return paths.sorted()
    }

    // MARK: patterns

    @Test func patternsMatchWholeIDsWithStarAndQuestionMark() {
        let cases: [(String, String, Bool)] = [
            ("aws.*", "aws.ec2_instance", true),
            ("aws.*", "aws.", true),  // `*` matches the empty run
            ("aws.*", "awsx.ec2", false),
            ("aws.*", "azure.network_watcher", false),
            ("aws*", "aws.ec2_instance", true),  // `*` runs over dots
            ("*", "dd.logs", true),
            ("*_instance", "aws.ec2_instance", true),
            ("*_instance", "aws.ec2_instance_type", false),  // the whole id must match
            ("*k8s*", "gcp.k8s_replication_controller", true),
            ("*.k8s*", "gcp.k8s_replication_controller", true),
            ("k8s.*", "gcp.k8s_replication_controller", false),
            ("dd.?ogs", "dd.logs", true),
            ("dd.?logs", "dd.logs", false),  // `?` is exactly one character, never none
            ("dd.log?", "dd.logs", true),
            ("a*b*c", "a.xbyyc", true),
            ("a*b*c", "a.xbyycd", false),
            ("AWS.*", "aws.ec2_instance", false),  // case-sensitive, like ids everywhere else
            ("aws.ec2_[a]", "aws.ec2_a", false),  // brackets are literal
            ("aws.ec2_[a]", "aws.ec2_[a]", true),
            ("aws.ec2_instance", "aws.ec2_instance", true),
            ("aws.ec2_instance", "aws.ec2_instances", false),
        ]
        for (pattern, id, expected) in cases {
            #expect(TableSelection.Entry(pattern).matches(id) == expected, "\(pattern) ~ \(id)")
        }
        #expect(TableSelection.Entry("aws.*").isPattern && TableSelection.Entry("dd.log?").isPattern)
        #expect(!TableSelection.Entry("aws.ec2_instance").isPattern)
    }

    @Test func suggestionsForNamesAndPatternsThatMatchNothing() {
        let ids = Self.allIDs
        func suggest(_ text: String) -> [String] { TableSelection.suggestions(for: .init(text), ids: ids) }
        #expect(suggest("gcp.run_revison") == ["gcp.run_revision"])  // a typo
        #expect(suggest("GCP.Run_Revision") == ["gcp.run_revision"])  // the case
        #expect(suggest("gcp.run_revision.md") == ["gcp.run_revision"])  // a page's file name
        #expect(suggest("run_revision") == ["gcp.run_revision"])  // the namespace left out
        #expect(suggest("pods") == ["k8s.pods"])
        #expect(suggest("k8s.pod") == ["k8s.pods"])
        #expect(suggest("aws.nothing_like_it") == [])
        #expect(suggest("K8S.*") == ["k8s.*"])  // a pattern in the wrong case
        #expect(suggest("kbs.*") == ["k8s.*"])  // a misspelt namespace
        #expect(suggest("azur.network_*") == ["azure.network_*"])
        #expect(suggest("aws.zzz*") == [])  // the namespace exists, nothing matches: no guess
    }

    @Test func selectKeepsMatchingTablesAndReportsEveryEntryThatMatchesNothing() {
        let schema = SchemaLoader.load(inputs: [Fixtures.docsInput]).schema
        let (kept, none) = Self.selection("k8s.*", "dd.logs", "k8s.pods").select(from: schema)
        #expect(kept.tables.map(\.id) == ["dd.logs", "k8s.pods", "k8s.services"])
        #expect(none.isEmpty)

        let (_, diagnostics) = Self.selection("k8s.pods", "k8s.pods", "k8s.pod", "kbs.*", "nope.*", "k8s.pods,dd.logs")
            .select(from: schema)
        #expect(
            diagnostics.map(\.formatted) == [
                "schemagen: warning: `--table` lists `k8s.pods` twice",
                "schemagen: error: `--table` names table `k8s.pod`, which no input defines (did you mean `k8s.pods`?)",
                "schemagen: error: `--table` pattern `kbs.*` matches no table the inputs define (did you mean `k8s.*`?)",
                "schemagen: error: `--table` pattern `nope.*` matches no table the inputs define",
                "schemagen: error: `--table` names table `k8s.pods,dd.logs`, which no input defines "
                    + "(give each table its own `--table`; a comma does not separate them)",
            ])
    }

    // MARK: schemagen.yml

    @Test func theConfigReadsTablesWithTheirLines() throws {
        let list = try #require(
            Self.load("inputs: [docs]\ntables:\n  - aws.ec2_instance\n  - \"gcp.*\"\n").config?.tables)
        #expect(list.origin == .config)
        #expect(
            list.entries == [
                .init("aws.ec2_instance", location: SourceLocation(file: "conf/schemagen.yml", line: 3, column: 5)),
                .init("gcp.*", location: SourceLocation(file: "conf/schemagen.yml", line: 4, column: 5)),
            ])
        let flow = try #require(Self.load("tables: [dd.logs, k8s.*]").config?.tables)
        #expect(flow.entries.map(\.text) == ["dd.logs", "k8s.*"])
        #expect(flow.entries.map { $0.location?.column } == [10, 19])
        let single = try #require(Self.load("tables: dd.*").config?.tables)
        #expect(
            single.entries == [.init("dd.*", location: SourceLocation(file: "conf/schemagen.yml", line: 1, column: 9))])
        #expect(Self.load("inputs: [a]").config?.tables == nil)
    }

    @Test func badTablesValuesAreErrorsWithTheirLineAndColumn() {
        #expect(
            Self.load("tables: []").errors == [
                "conf/schemagen.yml:1:9: error: `tables` must name at least one table id or pattern "
                    + "(leave the key out to generate every table)"
            ])
        #expect(Self.load("output: o\ntables:\n").errors.first?.contains("`tables` must name at least one") == true)
        #expect(
            Self.load("tables: {aws.ec2_instance: yes}").errors == [
                "conf/schemagen.yml:1:9: error: `tables` must be a table id or pattern, or a list of them"
            ])
        #expect(
            Self.load("tables:\n  - dd.logs\n  - [k8s.pods]\n").errors == [
                "conf/schemagen.yml:3:5: error: `tables[]` must be a non-empty string"
            ])
        #expect(
            Self.load("tables: \"dd.logs, k8s.pods\"").errors == [
                "conf/schemagen.yml:1:9: error: `tables[]` must be one table id or pattern, not `dd.logs, k8s.pods`: "
                    + "table ids have no white space (write a list: `tables: [aws.ec2_instance, gcp.run_revision]`)"
            ])
        // YAML reads `*.logs` as an alias; the message says to quote it.
        #expect(
            Self.load("tables: [*.logs]").errors == [
                "conf/schemagen.yml:1:11: error: not valid YAML: did not find expected alphabetic or numeric character "
                    + "(a value starting with `*` is a YAML alias: quote a pattern such as `\"*.logs\"`)"
            ])
        #expect(
            Self.load("inputs: [a]\r\ntables:\r\n  - *pods\r\n").errors.first?.hasSuffix(
                "quote a pattern such as `\"*.logs\"`)") == true)
        #expect(Self.load("tables: [\"*.logs\", '*pods']").config?.tables?.entries.map(\.text) == ["*.logs", "*pods"])
        #expect(
            Self.load("table: [dd.logs]").errors == [
                "conf/schemagen.yml:1:1: error: unknown key `table` (did you mean `tables`?); known keys: "
                    + "inputs, output, targets, tables, templates, swift, required, unknownColumns, fetch"
            ])
    }

    @Test func commandLineTablesReplaceTheConfigsList() throws {
        let config = try #require(Self.load("inputs: [a]\noutput: o\ntables: [dd.logs, k8s.*]").config)
        let fromFile = try GenerationRequest.configured(config: config, commandLine: CommandLineSettings()).get()
        #expect(fromFile.tables == config.tables)
        let replaced = try GenerationRequest.configured(
            config: config, commandLine: CommandLineSettings(tables: ["gcp.run_revision", "aws.*"])
        ).get()
        #expect(
            replaced.tables
                == TableSelection(
                    entries: [.init("gcp.run_revision"), .init("aws.*")], origin: .commandLine))
        let neither = try GenerationRequest.configured(
            config: nil, commandLine: CommandLineSettings(inputs: ["a"], output: "o")
        ).get()
        #expect(neither.tables == nil)
    }

    // MARK: the pipeline on docs-input

    @Test func onlySelectedTablesAreRenderedIntoEveryTarget() throws {
        let (rendered, diagnostics) = Self.render(Self.selection("k8s.*", "gcp.run_revision"))
        let files = try #require(rendered, "\(diagnostics)")
        #expect(
            files.keys.sorted() == [
                "jsonschema/gcp.run_revision.schema.json",
                "jsonschema/k8s.pods.schema.json",
                "jsonschema/k8s.services.schema.json",
                "sql/postgres.sql",
                "sql/sqlite.sql",
                "swift/GCPRunRevision.swift",
                "swift/JSONValue.swift",
                "swift/K8sPods.swift",
                "swift/K8sServices.swift",
            ])
        let postgres = try #require(files["sql/postgres.sql"])
        #expect(postgres.hasPrefix("-- Generated by schemagen from 3 DDSQL tables."))
        let created = postgres.split(separator: "\n").filter { $0.hasPrefix("CREATE TABLE") }
        #expect(
            created == [
                #"CREATE TABLE "gcp"."run_revision" ("#, #"CREATE TABLE "k8s"."pods" ("#,
                #"CREATE TABLE "k8s"."services" ("#,
            ])
        #expect(
            postgres.split(separator: "\n").filter { $0.hasPrefix("CREATE SCHEMA") }
                == [#"CREATE SCHEMA IF NOT EXISTS "gcp";"#, #"CREATE SCHEMA IF NOT EXISTS "k8s";"#])
        let sqlite = try #require(files["sql/sqlite.sql"])
        #expect(
            sqlite.split(separator: "\n").filter { $0.hasPrefix("CREATE TABLE") } == [
                #"CREATE TABLE "gcp.run_revision" ("#, #"CREATE TABLE "k8s.pods" ("#, #"CREATE TABLE "k8s.services" ("#,
            ])
        // The selected tables' files are byte for byte what an unselected run makes of them.
        let all = try #require(Self.render(nil).files)
        for path in files.keys where !path.hasPrefix("sql/") {
            #expect(files[path] == all[path], "\(path)")
        }
    }

    @Test func aNameNoPageDefinesIsAnErrorAndNothingIsRendered() {
        let (files, diagnostics) = Self.render(Self.selection("k8s.*", "gcp.run_revison"))
        #expect(files == nil)
        #expect(
            withoutMojibakeWarnings(diagnostics) == [
                "schemagen: error: `--table` names table `gcp.run_revison`, which no input defines "
                    + "(did you mean `gcp.run_revision`?)"
            ])
    }

    @Test func aBrokenPageThatIsNotSelectedIsStillAnError() throws {
        let dir = try TemporaryDirectory()
        for name in ["k8s.pods.md", "dd.logs.md"] {
            try FileManager.default.copyItem(atPath: Fixtures.docsInput + "/" + name, toPath: dir.path + "/" + name)
        }
        try dir.write("broken.md", "# Broken\n\nNo table id, no fields.\n")
        var request = GenerationRequest(inputs: [dir.path], outputDirectory: dir.path + "/out")
        request.tables = Self.selection("k8s.pods")
        let result = GeneratorPipeline.generate(request)
        #expect(result.report == nil)
        #expect(result.diagnostics.errors.contains { $0.location?.file == dir.path + "/broken.md" })
        #expect(!FileManager.default.fileExists(atPath: dir.path + "/out"))
    }

    @Test func filesOfTablesNoLongerSelectedAreRemovedAndYoursAreKept() throws {
        let dir = try TemporaryDirectory()
        let out = dir.path + "/out"
        var request = GenerationRequest(inputs: [Fixtures.docsInput], outputDirectory: out)
        let first = GeneratorPipeline.generate(request)
        #expect(first.report?.created.count == 63, "\(first.diagnostics)")
        try dir.write("out/swift/Mine.swift", "// mine\n")

        request.tables = Self.selection("k8s.*")
        let second = try #require(GeneratorPipeline.generate(request).report)
        #expect(second.removed.count == 2 * 28)  // a Swift file and a JSON Schema for each of the other 28
        #expect(
            second.removed.contains("swift/DDLogs.swift") && second.removed.contains("jsonschema/dd.logs.schema.json"))
        #expect(second.changed == ["sql/postgres.sql", "sql/sqlite.sql"])
        #expect(
            try Self.listing(out) == [
                ".schemagen-manifest",
                "jsonschema/k8s.pods.schema.json",
                "jsonschema/k8s.services.schema.json",
                "sql/postgres.sql",
                "sql/sqlite.sql",
                "swift/JSONValue.swift",
                "swift/K8sPods.swift",
                "swift/K8sServices.swift",
                "swift/Mine.swift",
            ])
        let manifest = try String(contentsOfFile: out + "/.schemagen-manifest", encoding: .utf8)
        #expect(!manifest.contains("DDLogs") && !manifest.contains("Mine.swift") && manifest.contains("K8sPods.swift"))

        // Up to date for the same selection; for all tables the others are missing again.
        #expect(OutputCheck.run(request).isUpToDate)
        request.tables = nil
        let check = OutputCheck.run(request)
        #expect(check.problems.filter { $0.kind == "missing" }.count == 56)
        #expect(check.problems.filter { $0.kind == "stale" }.map(\.path) == ["sql/postgres.sql", "sql/sqlite.sql"])
        let back = try #require(GeneratorPipeline.generate(request).report)
        #expect(back.created.count == 56 && back.removed.isEmpty)
    }

    @Test func pageNamedSwiftFilesExistForEveryPageSoThePluginsDeclaredOutputsAreWritten() throws {
        let (rendered, diagnostics) = Self.render(Self.selection("k8s.services"), targets: [.swift], fileNames: .page)
        let files = try #require(rendered, "\(diagnostics)")
        // The build plugin declares `swift/<page>.swift` for every page plus JSONValue.swift.
        #expect(files.keys.sorted() == (["swift/JSONValue.swift"] + Self.allIDs.map { "swift/\($0).swift" }).sorted())
        #expect(files["swift/k8s.services.swift"]?.contains("public struct K8sServices: Codable") == true)
        #expect(
            files["swift/k8s.pods.swift"] == """
                // Generated by schemagen from k8s.pods.md. Do not edit.
                //
                // Table `k8s.pods` is not selected (`tables` in schemagen.yml, or --table),
                // so nothing is declared for it. The file exists because the build plugin declares one Swift
                // file per page.

                """)
        #expect(!files.values.contains { $0.contains("struct K8sPods") })
    }

    // MARK: the schemagen binary

    @Test func generateTakesRepeatedTableOptions() throws {
        let dir = try TemporaryDirectory()
        let run = try CommandLineTool.run([
            Fixtures.docsInput, "--out", dir.path + "/out", "--table", "k8s.services", "--table", "dd.l*",
        ])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdoutText == "\(dir.path)/out: 7 created\n")
        #expect(
            try Self.listing(dir.path + "/out") == [
                ".schemagen-manifest",
                "jsonschema/dd.logs.schema.json",
                "jsonschema/k8s.services.schema.json",
                "sql/postgres.sql",
                "sql/sqlite.sql",
                "swift/DDLogs.swift",
                "swift/JSONValue.swift",
                "swift/K8sServices.swift",
            ])
        let listed = try CommandLineTool.run([
            Fixtures.docsInput, "--out", dir.path + "/out", "--table", "k8s.services", "--targets", "swift,sqlite",
            "--print-outputs",
        ])
        #expect(listed.stdoutText == "sql/sqlite.sql\nswift/JSONValue.swift\nswift/K8sServices.swift\n")
    }

    @Test func anUnknownTableOnTheCommandLineExitsOneAndWritesNothing() throws {
        let dir = try TemporaryDirectory()
        let run = try CommandLineTool.run([Fixtures.docsInput, "--out", dir.path + "/out", "--table", "k8s.service"])
        #expect(run.status == 1)
        #expect(
            withoutMojibakeWarnings(run.stderr)
                == "schemagen: error: `--table` names table `k8s.service`, which no input defines "
                + "(did you mean `k8s.services`?)\n")
        #expect(run.stdout.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: dir.path + "/out"))

        let blank = try CommandLineTool.run([Fixtures.docsInput, "--out", dir.path + "/out", "--table", ""])
        #expect(blank.status == 64)
        #expect(blank.stderr.contains("--table needs a table id or pattern"))
        let spaced = try CommandLineTool.run([
            Fixtures.docsInput, "--out", dir.path + "/out", "--table", "k8s.pods dd.logs",
        ])
        #expect(spaced.status == 64)
        #expect(spaced.stderr.contains("--table must be one table id or pattern, not `k8s.pods dd.logs`"))
    }

    @Test func theConfigsTablesApplyAndTheirErrorsPointAtTheirLine() throws {
        let dir = try TemporaryDirectory()
        let config = "inputs: [\(Fixtures.docsInput)]\noutput: out\ntables:\n  - k8s.pods\n  - \"az*\"\n"
        try dir.write("schemagen.yml", config)
        let run = try CommandLineTool.run(["--quiet"], in: dir.path)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(
            try Self.listing(dir.path + "/out/swift") == [
                "AzureADSecurityDefaultsPolicy.swift", "AzureNetworkWatcher.swift",
                "AzureStorageAccountTableService.swift",
                "JSONValue.swift", "K8sPods.swift",
            ])

        // --table replaces the list; `*` brings every table back.
        let all = try CommandLineTool.run(["--table", "*"], in: dir.path)
        #expect(all.status == 0, "\(all.stderr)")
        #expect(all.stdoutText == "out: 52 created, 2 changed, 9 unchanged\n")

        try dir.write("schemagen.yml", config + "  - k8s.pod\n  - \"kbs.*\"\n")
        let typo = try CommandLineTool.run([], in: dir.path)
        #expect(typo.status == 1)
        #expect(
            withoutMojibakeWarnings(typo.stderr) == """
                schemagen.yml:6:5: error: `tables` names table `k8s.pod`, which no input defines (did you mean `k8s.pods`?)
                schemagen.yml:7:5: error: `tables` pattern `kbs.*` matches no table the inputs define (did you mean `k8s.*`?)

                """)
        // Nothing was written: the 63 files of the last run are all still there.
        #expect(try Self.listing(dir.path + "/out").count == 64)
    }

    @Test func checkHonoursTheSameSelection() throws {
        let dir = try TemporaryDirectory()
        let out = dir.path + "/out"
        let generated = try CommandLineTool.run([Fixtures.docsInput, "--out", out, "--table", "k8s.*", "--quiet"])
        #expect(generated.status == 0, "\(generated.stderr)")

        let same = try CommandLineTool.run(["check", Fixtures.docsInput, "--out", out, "--table", "k8s.*"])
        #expect(same.status == 0, "\(same.stderr)")
        #expect(same.stdoutText == "\(out): up to date (7 files)\n")

        let narrower = try CommandLineTool.run(["check", Fixtures.docsInput, "--out", out, "--table", "k8s.pods"])
        #expect(narrower.status == 1)
        #expect(
            narrower.stdoutText == """
                \(out)/jsonschema/k8s.services.schema.json: extra
                \(out)/sql/postgres.sql: stale
                \(out)/sql/sqlite.sql: stale
                \(out)/swift/K8sServices.swift: extra
                \(out) is out of date (4 files); run schemagen generate with the same options to regenerate

                """)

        let unknown = try CommandLineTool.run(["check", Fixtures.docsInput, "--out", out, "--table", "k8s.nodes"])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("`--table` names table `k8s.nodes`, which no input defines"))
    }
}
