import Foundation
import Testing

/// SQLite compares identifiers ignoring ASCII case: tables whose ids, or columns whose names, differ
/// only in case get distinct SQLite names with a warning, and the script loads into real sqlite3.
@Suite struct SQLiteCaseInsensitiveNamesTests {
    static func pages(in dir: TemporaryDirectory, withUpperCaseTable: Bool) throws {
        try dir.write(
            "pages/aws.foo.md",
            markdownPage(
                id: "aws.foo", title: "Foo",
                rows: [
                    "| Account | core | string | A. |", "| account_id | core | string | B. |",
                    "| ACCOUNT_ID | core | int64 | C. |", "| Account_Id2 | core | bool | D. |",
                ]))
        if withUpperCaseTable {
            try dir.write(
                "pages/aws.Foo.md", markdownPage(id: "aws.Foo", title: "Foo", rows: ["| x | core | string | X. |"]))
        }
    }

    @Test func clashingNamesAreRenamedWithAWarningAndTheScriptLoads() throws {
        let dir = try TemporaryDirectory()
        try Self.pages(in: dir, withUpperCaseTable: true)
        let run = try CommandLineTool.run(
            ["pages", "--out", "out", "--quiet", "--targets", "sqlite,postgres"], in: dir.path)
        #expect(run.status == 0, "\(run.stderr)")
        // aws.Foo.md sorts first, so aws.Foo keeps its name; within aws.foo, account_id comes first.
        #expect(
            run.stderr.contains(
                "pages/aws.foo.md:12:1: warning: SQLite table `aws.foo` is the same name as `aws.Foo` to SQLite, which "
                    + "ignores case; sqlite.sql names it `aws.foo2`"), "\(run.stderr)")
        #expect(
            run.stderr.contains(
                "warning: column `ACCOUNT_ID` of `aws.foo` is the same name as column `account_id` to SQLite, which "
                    + "ignores case; sqlite.sql names it `ACCOUNT_ID3`"), "\(run.stderr)")
        let script = dir.path + "/out/sql/sqlite.sql"
        let shell = try SQLiteShell()
        try shell.run(file: script)
        #expect(
            try shell.query("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name;")
                .split(separator: "\n") == ["aws.Foo", "aws.foo2"])
        #expect(
            try shell.query("SELECT name FROM pragma_table_info('aws.foo2') ORDER BY cid;")
                .split(separator: "\n") == ["Account", "account_id", "ACCOUNT_ID3", "Account_Id2"])
        // The CHECK of a renamed column names it as SQLite knows it.
        try shell.run(script: #"INSERT INTO "aws.foo2" ("ACCOUNT_ID3", "Account_Id2") VALUES (7, 1);"#)
        // PostgreSQL compares quoted names exactly: its script keeps them all.
        let postgres = try String(contentsOfFile: dir.path + "/out/sql/postgres.sql", encoding: .utf8)
        #expect(postgres.contains(#""ACCOUNT_ID" bigint"#) && postgres.contains(#"CREATE TABLE "aws"."foo""#))
    }

    @Test func aTableAddedLaterRenamesAnUnchangedTableInTheNextRun() throws {
        // The cache memoizes each table's SQL block: the new name must not be taken from the old block.
        let dir = try TemporaryDirectory()
        try Self.pages(in: dir, withUpperCaseTable: false)
        let first = try CommandLineTool.run(["pages", "--out", "out", "--quiet", "--targets", "sqlite"], in: dir.path)
        #expect(first.status == 0, "\(first.stderr)")
        try Self.pages(in: dir, withUpperCaseTable: true)
        let second = try CommandLineTool.run(["pages", "--out", "out", "--quiet", "--targets", "sqlite"], in: dir.path)
        #expect(second.status == 0, "\(second.stderr)")
        let shell = try SQLiteShell()
        try shell.run(file: dir.path + "/out/sql/sqlite.sql")
        #expect(try shell.query("SELECT count(*) FROM sqlite_schema WHERE type = 'table';") == "2")
        // A third run with nothing changed warns again (the warnings are part of every run's output).
        let third = try CommandLineTool.run(["pages", "--out", "out", "--quiet", "--targets", "sqlite"], in: dir.path)
        #expect(third.stderr == second.stderr)
    }
}
