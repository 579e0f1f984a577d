import Foundation
import Testing

@testable import SchemaGenKit

/// The reference of what schemagen makes of a page: a few rows of a Fields table in, and the exact
/// Swift, PostgreSQL, SQLite and JSON Schema out, side by side, one test per naming rule or type.
///
/// Each target is compared on its relevant slice, not the whole file: Swift's stored properties and
/// the line decoding each (the JSON key a property reads), each SQL script's `CREATE TABLE`, the JSON
/// Schema's `properties` (and `required` when there is one). Lines are compared without their
/// leading spaces. The whole files are covered by the golden files (`GoldenOutputTests`).
@Suite struct SnippetReferenceTests {
    @Test func keywordsAreBackquotedOrSuffixedAndCapitalsLowered() throws {
        try Snippet(
            rows: """
                | Protocol | protocol | core | string | The protocol. |
                | Default  | default  | core | bool   |               |
                | Self     | self     | core | int64  |               |
                | Type     | Type     | core | string |               |
                | Init     | init     | core | string |               |
                """
        ).expect(
            swift: """
                public let `protocol`: String?
                public let `default`: Bool?
                public let self_: Int64?
                public let type: String?
                public let init_: String?
                self.`protocol` = row.optional("protocol")
                self.`default` = row.optional("default")
                self.self_ = row.optional("self")
                self.type = row.optional("Type")
                self.init_ = row.optional("init")
                """,
            postgres: """
                CREATE TABLE "aws"."snippet" (
                "protocol" text,
                "default" boolean,
                "self" bigint,
                "Type" text,
                "init" text
                );
                """,
            sqlite: """
                CREATE TABLE "aws.snippet" (
                "protocol" TEXT,
                "default" INTEGER CHECK ("default" IN (0, 1)),
                "self" INTEGER,
                "Type" TEXT,
                "init" TEXT
                ) STRICT;
                """,
            jsonSchema: """
                "protocol": {"title": "Protocol", "type": ["string", "null"], "description": "The protocol."},
                "default": {"title": "Default", "type": ["boolean", "null"]},
                "self": {"title": "Self", "type": ["integer", "null"], \
                "minimum": -9223372036854775808, "maximum": 9223372036854775807},
                "Type": {"title": "Type", "type": ["string", "null"]},
                "init": {"title": "Init", "type": ["string", "null"]}
                """)
    }

    @Test func leadingDigitsGetAnUnderscore() throws {
        try Snippet(
            rows: """
                | First place | 1st_place | core | string |  |
                | 2FA         | 2fa       | core | bool   |  |
                """
        ).expect(
            swift: """
                public let _1stPlace: String?
                public let _2fa: Bool?
                self._1stPlace = row.optional("1st_place")
                self._2fa = row.optional("2fa")
                """,
            postgres: """
                CREATE TABLE "aws"."snippet" (
                "1st_place" text,
                "2fa" boolean
                );
                """,
            sqlite: """
                CREATE TABLE "aws.snippet" (
                "1st_place" TEXT,
                "2fa" INTEGER CHECK ("2fa" IN (0, 1))
                ) STRICT;
                """,
            jsonSchema: """
                "1st_place": {"title": "First place", "type": ["string", "null"]},
                "2fa": {"title": "2FA", "type": ["boolean", "null"]}
                """)
    }

    @Test func punctuationSplitsWords() throws {
        try Snippet(
            rows: #"""
                | Status   | @http.status_code | event_attribute | int64  |  |
                | Key      | _key              | core            | string |  |
                | Dashed   | dashed-name       | core            | string |  |
                | Symbols  | @@@               | core            | string |  |
                | Quote    | it's "q"          | core            | string |  |
                """#
        ).expect(
            swift: #"""
                public let httpStatusCode: Int64?
                public let key: String?
                public let dashedName: String?
                public let field: String?
                public let itSQ: String?
                self.httpStatusCode = row.optional("@http.status_code")
                self.key = row.optional("_key")
                self.dashedName = row.optional("dashed-name")
                self.field = row.optional("@@@")
                self.itSQ = row.optional("it's \"q\"")
                """#,
            postgres: #"""
                CREATE TABLE "aws"."snippet" (
                "@http.status_code" bigint,
                "_key" text,
                "dashed-name" text,
                "@@@" text,
                "it's ""q""" text
                );
                """#,
            sqlite: #"""
                CREATE TABLE "aws.snippet" (
                "@http.status_code" INTEGER,
                "_key" TEXT,
                "dashed-name" TEXT,
                "@@@" TEXT,
                "it's ""q""" TEXT
                ) STRICT;
                """#,
            jsonSchema: #"""
                "@http.status_code": {"title": "Status", "type": ["integer", "null"], \#
                "minimum": -9223372036854775808, "maximum": 9223372036854775807},
                "_key": {"title": "Key", "type": ["string", "null"]},
                "dashed-name": {"title": "Dashed", "type": ["string", "null"]},
                "@@@": {"title": "Symbols", "type": ["string", "null"]},
                "it's \"q\"": {"title": "Quote", "type": ["string", "null"]}
                """#)
    }

    @Test func collisionsAreNumberedInPageOrderWithAWarning() throws {
        try Snippet(
            rows: """
                | A | foo_bar | core | string |  |
                | B | foo.bar | core | string |  |
                | C | fooBar  | core | string |  |
                """
        ).expect(
            swift: """
                public let fooBar: String?
                public let fooBar2: String?
                public let fooBar3: String?
                self.fooBar = row.optional("foo_bar")
                self.fooBar2 = row.optional("foo.bar")
                self.fooBar3 = row.optional("fooBar")
                """,
            postgres: """
                CREATE TABLE "aws"."snippet" (
                "foo_bar" text,
                "foo.bar" text,
                "fooBar" text
                );
                """,
            sqlite: """
                CREATE TABLE "aws.snippet" (
                "foo_bar" TEXT,
                "foo.bar" TEXT,
                "fooBar" TEXT
                ) STRICT;
                """,
            jsonSchema: """
                "foo_bar": {"title": "A", "type": ["string", "null"]},
                "foo.bar": {"title": "B", "type": ["string", "null"]},
                "fooBar": {"title": "C", "type": ["string", "null"]}
                """,
            warnings: [
                "snippet.md:LINE2: warning: column `foo.bar` of `aws.snippet` becomes Swift property `fooBar`, "
                    + "which another column already has; using `fooBar2`",
                "snippet.md:LINE3: warning: column `fooBar` of `aws.snippet` becomes Swift property `fooBar`, "
                    + "which another column already has; using `fooBar3`",
            ])
    }

    /// SQLite ignores case in names, PostgreSQL, JSON and Swift do not: only the SQLite script renames.
    /// (An all-capitals word keeps its capitals after the first letter: `aCCOUNTID`.)
    @Test func namesTheSameIgnoringCaseAreRenamedInSQLiteOnly() throws {
        try Snippet(
            rows: """
                | A | account_id | core | string |  |
                | B | ACCOUNT_ID | core | string |  |
                """
        ).expect(
            swift: """
                public let accountID: String?
                public let aCCOUNTID: String?
                self.accountID = row.optional("account_id")
                self.aCCOUNTID = row.optional("ACCOUNT_ID")
                """,
            postgres: """
                CREATE TABLE "aws"."snippet" (
                "account_id" text,
                "ACCOUNT_ID" text
                );
                """,
            sqlite: """
                CREATE TABLE "aws.snippet" (
                "account_id" TEXT,
                "ACCOUNT_ID2" TEXT
                ) STRICT;
                """,
            jsonSchema: """
                "account_id": {"title": "A", "type": ["string", "null"]},
                "ACCOUNT_ID": {"title": "B", "type": ["string", "null"]}
                """,
            warnings: [
                "snippet.md:LINE2: warning: column `ACCOUNT_ID` of `aws.snippet` is the same name as column "
                    + "`account_id` to SQLite, which ignores case; sqlite.sql names it `ACCOUNT_ID2`"
            ])
    }

    @Test func eachDataTypeInEachTarget() throws {
        try Snippet(
            rows: """
                | S  | s  | core | string               |  |
                | I  | i  | core | int64                |  |
                | F  | f  | core | float64              |  |
                | B  | b  | core | bool                 |  |
                | T  | t  | core | timestamp            |  |
                | J  | j  | core | json                 |  |
                | H  | h  | core | hstore               |  |
                | AS | as | core | array<string>        |  |
                | AI | ai | core | array<int64>         |  |
                """
        ).expect(
            swift: """
                public let s: String?
                public let i: Int64?
                public let f: Double?
                public let b: Bool?
                public let t: Date?
                public let j: JSONValue?
                public let h: [String: String]?
                public let `as`: [String]?
                public let ai: [Int64]?
                self.s = row.optional("s")
                self.i = row.optional("i")
                self.f = row.optional("f")
                self.b = row.optional("b")
                self.t = row.optional("t")
                self.j = row.optional("j")
                self.h = row.optional("h")
                self.`as` = row.optional("as")
                self.ai = row.optional("ai")
                """,
            postgres: """
                CREATE TABLE "aws"."snippet" (
                "s" text,
                "i" bigint,
                "f" double precision,
                "b" boolean,
                "t" timestamp,
                "j" jsonb,
                "h" hstore,
                "as" text[],
                "ai" bigint[]
                );
                """,
            sqlite: """
                CREATE TABLE "aws.snippet" (
                "s" TEXT,
                "i" INTEGER,
                "f" REAL,
                "b" INTEGER CHECK ("b" IN (0, 1)),
                "t" TEXT,
                "j" TEXT CHECK ("j" IS NULL OR json_valid("j")),
                "h" TEXT CHECK ("h" IS NULL OR (json_valid("h") AND json_type("h") = 'object')),
                "as" TEXT CHECK ("as" IS NULL OR (json_valid("as") AND json_type("as") = 'array')),
                "ai" TEXT CHECK ("ai" IS NULL OR (json_valid("ai") AND json_type("ai") = 'array'))
                ) STRICT;
                """,
            jsonSchema: """
                "s": {"title": "S", "type": ["string", "null"]},
                "i": {"title": "I", "type": ["integer", "null"], \
                "minimum": -9223372036854775808, "maximum": 9223372036854775807},
                "f": {"title": "F", "type": ["number", "null"]},
                "b": {"title": "B", "type": ["boolean", "null"]},
                "t": {"title": "T", "type": ["string", "null"], "format": "date-time"},
                "j": {"title": "J"},
                "h": {"title": "H", "type": ["object", "null"], "additionalProperties": {"type": "string"}},
                "as": {"title": "AS", "type": ["array", "null"], "items": {"type": "string"}},
                "ai": {"title": "AI", "type": ["array", "null"], "items": {"type": "integer", \
                "minimum": -9223372036854775808, "maximum": 9223372036854775807}}
                """)
    }

    @Test func requiredColumnsInEachTarget() throws {
        try Snippet(
            rows: """
                | ID   | id   | core | string |  |
                | Size | size | core | int64  |  |
                """,
            options: RenderOptions(requiredColumns: ["aws.snippet": ["id"]])
        ).expect(
            swift: """
                public let id: String
                public let size: Int64?
                self.id = try row.required("id")
                self.size = row.optional("size")
                """,
            postgres: """
                CREATE TABLE "aws"."snippet" (
                "id" text NOT NULL,
                "size" bigint
                );
                """,
            sqlite: """
                CREATE TABLE "aws.snippet" (
                "id" TEXT NOT NULL,
                "size" INTEGER
                ) STRICT;
                """,
            jsonSchema: """
                "id": {"title": "ID", "type": "string"},
                "size": {"title": "Size", "type": ["integer", "null"], \
                "minimum": -9223372036854775808, "maximum": 9223372036854775807}
                "required": ["id"],
                """)
    }

    /// A deprecation banner becomes the message of `@available(*, deprecated)` on the type, as plain text (the
    /// markdown's emphasis, code marks, link targets and Markdoc tags gone) in a Swift string literal.
    @Test func deprecationBannersBecomeTheTypesDeprecationMessage() throws {
        let banners: [(banner: String, attribute: String)] = [
            (
                "**Deprecated**: This table no longer returns data. Use [`aws.ec2_instance`](https://x.test/a) "
                    + "instead.",
                #"@available(*, deprecated, message: "Deprecated: This table no longer returns data. "#
                    + #"Use aws.ec2_instance instead.")"#
            ),
            (
                #"> **Deprecated**: "quoted", a \backslash, \(interpolation), café."#,
                #"@available(*, deprecated, message: "Deprecated: \"quoted\", a \\backslash, "#
                    + #"\\(interpolation), café.")"#
            ),
            (
                #"{% alert level="warning" %}This table is deprecated and no longer returns data.{% /alert %}"#,
                #"@available(*, deprecated, message: "This table is deprecated and no longer returns data.")"#
            ),
            // A Markdoc tag that says no more than that: our own sentence.
            (
                "{% deprecated /%}",
                #"@available(*, deprecated, message: "Datadog documents this table as deprecated.")"#
            ),
        ]
        func swiftLines(_ page: String) throws -> [String] {
            let (table, diagnostics) = extract(page, path: "snippet.md")
            let parsed = try #require(table, "\(diagnostics.map(\.formatted))")
            #expect(parsed.summary == "A table for the reference.")
            let (files, _) = Renderer(targets: [.swift], templates: .bundled).render(Schema(tables: [parsed]))
            let file = try #require(files.first { $0.path == "swift/AWSSnippet.swift" })
            return Snippet.lines(of: String(decoding: file.bytes, as: UTF8.self)) {
                $0.hasPrefix("@available") || $0.hasPrefix("public struct")
            }
        }
        let plain = Snippet(rows: "| A | a | core | string |  |").page
        let declaration = "public struct AWSSnippet: Codable, Hashable, Sendable, DDSQLJSON.Row {"
        for (banner, attribute) in banners {
            let page = plain.replacingOccurrences(of: "# Snippet\n\n", with: "# Snippet\n\n\(banner)\n\n")
            #expect(try swiftLines(page) == [attribute, declaration], "\(banner)")
        }
        #expect(try swiftLines(plain) == [declaration])
    }

    /// Table ids name the Swift type and files, the SQL tables and the JSON Schema: shown for several
    /// pages at once, since type and file names must be unique across the catalog.
    @Test func tableIDsNameTypesFilesAndTablesInIDOrder() throws {
        let ids = ["aws.3d_model", "aws.ec2_instance", "aws.ec2.instance", "gcp.k8s_pod", "gcp.k8s#pod"]
        var tables: [Table] = []
        var diagnostics: [Diagnostic] = []
        for (i, id) in ids.enumerated() {
            let (table, pageDiagnostics) = extract(
                Snippet(id: id, rows: "| A | a | core | string |  |").page, path: "page\(i).md")
            tables.append(try #require(table))
            diagnostics += pageDiagnostics
        }
        let (files, renderDiagnostics) = Renderer().render(Schema(tables: tables))
        let text = Dictionary(uniqueKeysWithValues: files.map { ($0.path, String(decoding: $0.bytes, as: UTF8.self)) })
        func lines(_ path: String, _ keep: (String) -> Bool) -> [String] {
            Snippet.lines(of: text[path] ?? "", where: keep)
        }
        #expect(
            files.map(\.path) == [
                "jsonschema/aws.3d_model.schema.json",
                "jsonschema/aws.ec2.instance.schema.json",
                "jsonschema/aws.ec2_instance.schema.json",
                "jsonschema/gcp.k8s_pod.schema.json",
                "jsonschema/gcp.k8s_pod2.schema.json",
                "sql/postgres.sql",
                "sql/sqlite.sql",
                "swift/AWS3dModel.swift",
                "swift/AWSEC2Instance.swift",
                "swift/AWSEC2Instance2.swift",
                "swift/GCPK8sPod.swift",
                "swift/GCPK8sPod2.swift",
                "swift/JSONValue.swift",
            ])
        // Tables claim names in id order: `aws.ec2.instance` before `aws.ec2_instance` (`.` sorts
        // before `_`), `gcp.k8s#pod` before `gcp.k8s_pod`.
        let swift = files.filter { $0.path.hasPrefix("swift/") && $0.path != "swift/JSONValue.swift" }.flatMap {
            lines($0.path) { $0.hasPrefix("public struct ") || $0.hasPrefix("public static let tableID") }
        }
        #expect(
            swift
                == Snippet.lines(
                    #"""
                    public struct AWS3dModel: Codable, Hashable, Sendable, DDSQLJSON.Row {
                    public static let tableID = "aws.3d_model"
                    public struct AWSEC2Instance: Codable, Hashable, Sendable, DDSQLJSON.Row {
                    public static let tableID = "aws.ec2.instance"
                    public struct AWSEC2Instance2: Codable, Hashable, Sendable, DDSQLJSON.Row {
                    public static let tableID = "aws.ec2_instance"
                    public struct GCPK8sPod: Codable, Hashable, Sendable, DDSQLJSON.Row {
                    public static let tableID = "gcp.k8s#pod"
                    public struct GCPK8sPod2: Codable, Hashable, Sendable, DDSQLJSON.Row {
                    public static let tableID = "gcp.k8s_pod"
                    """#))
        #expect(
            lines("sql/postgres.sql") { $0.hasPrefix("CREATE ") }
                == Snippet.lines(
                    #"""
                    CREATE SCHEMA IF NOT EXISTS "aws";
                    CREATE SCHEMA IF NOT EXISTS "gcp";
                    CREATE TABLE "aws"."3d_model" (
                    CREATE TABLE "aws"."ec2.instance" (
                    CREATE TABLE "aws"."ec2_instance" (
                    CREATE TABLE "gcp"."k8s#pod" (
                    CREATE TABLE "gcp"."k8s_pod" (
                    """#))
        #expect(
            lines("sql/sqlite.sql") { $0.hasPrefix("CREATE ") }
                == Snippet.lines(
                    #"""
                    CREATE TABLE "aws.3d_model" (
                    CREATE TABLE "aws.ec2.instance" (
                    CREATE TABLE "aws.ec2_instance" (
                    CREATE TABLE "gcp.k8s#pod" (
                    CREATE TABLE "gcp.k8s_pod" (
                    """#))
        let schemaIDs = files.filter { $0.path.hasPrefix("jsonschema/") }.flatMap {
            lines($0.path) { $0.hasPrefix("\"$id\"") }
        }
        #expect(
            schemaIDs
                == Snippet.lines(
                    #"""
                    "$id": "urn:ddsql:table:aws.3d_model",
                    "$id": "urn:ddsql:table:aws.ec2.instance",
                    "$id": "urn:ddsql:table:aws.ec2_instance",
                    "$id": "urn:ddsql:table:gcp.k8s%23pod",
                    "$id": "urn:ddsql:table:gcp.k8s_pod",
                    """#))
        #expect(
            (diagnostics + renderDiagnostics).map(\.formatted) == [
                "page1.md:12:1: warning: Swift type name `AWSEC2Instance` for table `aws.ec2_instance` is taken; "
                    + "using `AWSEC2Instance2`",
                "page3.md:12:1: warning: Swift type name `GCPK8sPod` for table `gcp.k8s_pod` is taken; using `GCPK8sPod2`",
                "page3.md:12:1: warning: JSON Schema file name `gcp.k8s_pod.schema.json` for table `gcp.k8s_pod` is taken; "
                    + "using `gcp.k8s_pod2.schema.json`",
            ])
    }
}

/// A page made of a few Fields rows (table `aws.snippet`, file `snippet.md`), rendered for every
/// target in memory.
struct Snippet {
    var id = "aws.snippet"
    var rows: String
    var options = RenderOptions()

    /// The whole page: front matter, title, summary, id block, then the rows under the full header.
    var page: String {
        """
        ---
        title: Snippet
        description: d
        breadcrumbs: Docs > Snippet
        ---

        # Snippet

        A table for the reference.

        ```
        \(id)
        ```

        ## Fields

        | Title | ID | Type | Data Type | Description |
        | ----- | -- | ---- | --------- | ----------- |
        \(rows)

        """
    }

    /// The page line of the first row: warnings name rows as `LINE1`, `LINE2`… in the expectations.
    var firstRowLine: Int {
        let lines = page.split(separator: "\n", omittingEmptySubsequences: false)
        return lines.firstIndex { $0.hasPrefix("| ----- ") }! + 2
    }

    func expect(
        swift: String, postgres: String, sqlite: String, jsonSchema: String, warnings: [String] = [],
        sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) throws {
        let (table, pageDiagnostics) = extract(page, path: "snippet.md")
        let parsed = try #require(table, "the snippet does not parse: \(pageDiagnostics.map(\.formatted))")
        let renderer = Renderer(targets: Set(OutputTarget.allCases), templates: .bundled, options: options)
        let (files, renderDiagnostics) = renderer.render(Schema(tables: [parsed]))
        let text = Dictionary(uniqueKeysWithValues: files.map { ($0.path, String(decoding: $0.bytes, as: UTF8.self)) })
        func file(_ path: String) -> String {
            guard let found = text[path] else {
                Issue.record("no \(path) among \(text.keys.sorted())", sourceLocation: sourceLocation)
                return ""
            }
            return found
        }
        let swiftFile = file("swift/AWSSnippet.swift")
        let swiftSlice =
            Self.lines(of: swiftFile) { $0.hasPrefix("public let ") || $0.hasPrefix("public var ") }
            + Self.lines(of: swiftFile) { $0.hasPrefix("self.") && $0.contains("row.") }
        #expect(swiftSlice == Self.lines(swift), "Swift", sourceLocation: sourceLocation)
        #expect(
            Self.block(of: file("sql/postgres.sql"), from: "CREATE TABLE", to: ");") == Self.lines(postgres),
            "PostgreSQL", sourceLocation: sourceLocation)
        #expect(
            Self.block(of: file("sql/sqlite.sql"), from: "CREATE TABLE", to: ") STRICT;") == Self.lines(sqlite),
            "SQLite", sourceLocation: sourceLocation)
        let schemaFile = file("jsonschema/aws.snippet.schema.json")
        let properties = Self.block(of: schemaFile, from: "\"properties\": {", to: "},").dropFirst().dropLast()
        #expect(
            Array(properties) + Self.lines(of: schemaFile) { $0.hasPrefix("\"required\"") } == Self.lines(jsonSchema),
            "JSON Schema", sourceLocation: sourceLocation)
        let expectedWarnings = warnings.map { warning in
            (1...9).reduce(warning) { $0.replacingOccurrences(of: "LINE\($1)", with: "\(firstRowLine + $1 - 1):1") }
        }
        #expect(
            (pageDiagnostics + renderDiagnostics).map(\.formatted) == expectedWarnings, "diagnostics",
            sourceLocation: sourceLocation)
    }

    /// The text's lines without leading spaces, empty ones dropped.
    static func lines(_ text: String) -> [String] {
        text.split(separator: "\n").map { String($0.drop { $0 == " " }) }.filter { !$0.isEmpty }
    }

    static func lines(of text: String, where keep: (String) -> Bool) -> [String] {
        lines(text).filter(keep)
    }

    /// The lines from the first that starts with `start` to the next that is `end`, both included.
    static func block(of text: String, from start: String, to end: String) -> [String] {
        let all = lines(text)
        guard let first = all.firstIndex(where: { $0.hasPrefix(start) }),
            let last = all[first...].firstIndex(where: { $0 == end })
        else { return [] }
        return Array(all[first...last])
    }
}
