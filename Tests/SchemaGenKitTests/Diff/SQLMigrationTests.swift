import Foundation
import Testing

@testable import SchemaGenKit

/// Every fixture pair's migration on real databases: load OLD's generated SQL and a sample row per
/// table, run the migration, and compare the catalog with a database loaded from NEW's generated SQL.
@Suite struct SQLMigrationTests {
    static func generatedSQL(_ schema: Schema, _ target: OutputTarget, in dir: TemporaryDirectory, as name: String)
        throws -> String
    {
        let (files, diagnostics) = Renderer(targets: [target]).render(schema)
        #expect(!diagnostics.hasErrors)
        let file = try #require(files.first { $0.path.hasPrefix("sql/") })
        return try dir.write(name, bytes: file.bytes)
    }

    /// Columns with their full types, ordered by table and column name: ADD COLUMN appends, so
    /// positions legitimately differ from a fresh load.
    static let postgresCatalog = """
        SELECT c.table_schema || '.' || c.table_name || '|' || c.column_name || '|' || format_type(a.atttypid, a.atttypmod)
            || '|' || coalesce(col_description(a.attrelid, a.attnum), '') || '|' || coalesce(obj_description(a.attrelid, 'pg_class'), '')
        FROM information_schema.columns c
        JOIN pg_attribute a ON a.attrelid = (quote_ident(c.table_schema) || '.' || quote_ident(c.table_name))::regclass
          AND a.attname = c.column_name
        WHERE c.table_schema NOT IN ('pg_catalog', 'information_schema')
        ORDER BY c.table_schema, c.table_name, c.column_name;
        """

    @Test(arguments: DiffFixturePair.all + [DiffFixturePair.combined])
    func postgresMigrationReachesNewCatalog(_ pair: DiffFixturePair) throws {
        let (old, new, dir) = try DiffRuleTests.load(pair)
        let cluster = try PostgresCluster.shared()
        let migrated = try cluster.makeDatabase(prefix: "migrated")
        let fresh = try cluster.makeDatabase(prefix: "fresh")
        _ = try cluster.runSQL(
            file: try Self.generatedSQL(old, .postgres, in: dir, as: "old.sql"), database: migrated,
            singleTransaction: false)
        let rows = old.tables.map(SampleRow.init).map(\.postgresInsert).joined(separator: "\n")
        _ = try cluster.runSQL(sql: rows, database: migrated)
        _ = try cluster.runSQL(
            file: try Self.generatedSQL(new, .postgres, in: dir, as: "new.sql"), database: fresh,
            singleTransaction: false)

        let migration = SQLMigration(old: old, new: new, dialect: .postgres)
        let script = try dir.write("migrate.sql", migration.script(allowDestructive: migration.destructiveCount > 0))
        _ = try cluster.runSQL(file: script, database: migrated, singleTransaction: false)

        let expected = try cluster.query(Self.postgresCatalog, database: fresh)
        #expect(try cluster.query(Self.postgresCatalog, database: migrated) == expected)
        #expect(!expected.isEmpty)
    }

    @Test func withoutAllowDestructiveNothingIsDropped() throws {
        let (old, new, dir) = try DiffRuleTests.load(.combined)
        let cluster = try PostgresCluster.shared()
        let database = try cluster.makeDatabase(prefix: "safe")
        _ = try cluster.runSQL(
            file: try Self.generatedSQL(old, .postgres, in: dir, as: "old.sql"), database: database,
            singleTransaction: false)
        let migration = SQLMigration(old: old, new: new, dialect: .postgres)
        #expect(migration.destructiveCount == 3)  // drops aws.legacy_queue, aws.bucket.region, aws.key_pair.key_name
        let before = try cluster.query(Self.postgresCatalog, database: database).split(separator: "\n").map {
            $0.split(separator: "|").prefix(2).joined(separator: "|")
        }
        _ = try cluster.runSQL(
            file: try dir.write("m.sql", migration.script(allowDestructive: false)), database: database,
            singleTransaction: false)
        let after = Set(
            try cluster.query(Self.postgresCatalog, database: database).split(separator: "\n").map {
                $0.split(separator: "|").prefix(2).joined(separator: "|")
            })
        #expect(Set(before).isSubset(of: after), "every old column survives: \(Set(before).subtracting(after))")
    }

    @Test func aLikelyRenameKeepsTheColumnsData() throws {
        let (old, new, dir) = try DiffRuleTests.load(.rename)
        let cluster = try PostgresCluster.shared()
        let database = try cluster.makeDatabase(prefix: "rename")
        _ = try cluster.runSQL(
            file: try Self.generatedSQL(old, .postgres, in: dir, as: "old.sql"), database: database,
            singleTransaction: false)
        _ = try cluster.runSQL(
            sql:
                #"INSERT INTO "aws"."key_pair" ("key_name", "key_type") VALUES ('deploy-key', 'rsa'), (NULL, 'ed25519');"#,
            database: database)
        let migration = SQLMigration(old: old, new: new, dialect: .postgres)
        _ = try cluster.runSQL(
            file: try dir.write("m.sql", migration.script(allowDestructive: true)), database: database,
            singleTransaction: false)
        let rows = try cluster.query(
            #"SELECT coalesce("key_pair_name", 'NULL') || '/' || "key_type" FROM "aws"."key_pair" ORDER BY 1;"#,
            database: database)
        #expect(rows == "NULL/ed25519\ndeploy-key/rsa")
    }

    @Test func hstoreTagsBecomeKeyValueStrings() throws {
        let (old, new, dir) = try DiffRuleTests.load(.docdbTags)
        let cluster = try PostgresCluster.shared()
        let database = try cluster.makeDatabase(prefix: "tags")
        _ = try cluster.runSQL(
            file: try Self.generatedSQL(old, .postgres, in: dir, as: "old.sql"), database: database,
            singleTransaction: false)
        _ = try cluster.runSQL(
            sql: """
                INSERT INTO "aws"."docdb_subnet_group" ("_key", "tags") VALUES
                  ('a', 'env=>prod, "team"=>"ü, x"'), ('b', ''), ('c', NULL);
                """, database: database)
        let migration = SQLMigration(old: old, new: new, dialect: .postgres)
        #expect(migration.destructiveCount == 0)
        _ = try cluster.runSQL(
            file: try dir.write("m.sql", migration.script(allowDestructive: false)), database: database,
            singleTransaction: false)
        let tags = try cluster.query(
            #"SELECT "_key" || '=' || coalesce("tags"::text, 'NULL') FROM "aws"."docdb_subnet_group" ORDER BY 1;"#,
            database: database)
        #expect(tags == "a={env:prod,\"team:ü, x\"}\nb={}\nc=NULL")
    }

    @Test(arguments: DiffFixturePair.all + [DiffFixturePair.combined])
    func sqliteMigrationReachesNewCatalog(_ pair: DiffFixturePair) throws {
        let (old, new, dir) = try DiffRuleTests.load(pair)
        let catalog = """
            SELECT m.name || '|' || p.name || '|' || p.type FROM sqlite_master m, pragma_table_info(m.name) p
            WHERE m.type = 'table' ORDER BY m.name, p.name;
            """
        let migrated = try SQLiteShell()
        try migrated.run(file: try Self.generatedSQL(old, .sqlite, in: dir, as: "old.sql"))
        try migrated.run(script: old.tables.map(SampleRow.init).map(\.sqliteInsert).joined(separator: "\n"))
        let migration = SQLMigration(old: old, new: new, dialect: .sqlite)
        try migrated.run(script: migration.script(allowDestructive: true))
        let fresh = try SQLiteShell()
        try fresh.run(file: try Self.generatedSQL(new, .sqlite, in: dir, as: "new.sql"))
        #expect(try migrated.query(catalog) == (try fresh.query(catalog)))
        // The CHECK constraints came along: a wrong-shaped value is refused after the migration too.
        let checks = try migrated.query("SELECT count(*) FROM sqlite_master WHERE sql LIKE '%CHECK%';")
        #expect(checks == (try fresh.query("SELECT count(*) FROM sqlite_master WHERE sql LIKE '%CHECK%';")))
    }
}

/// The README promises a comment when the migrated table's column order differs from NEW's: also
/// when a column is added mid-table, since ADD COLUMN appends it at the end.
@Suite struct SQLMigrationColumnOrderTests {
    static func table(_ columns: [String]) -> Schema {
        Schema(tables: [
            Table(
                id: "aws.widget", title: "Widget", summary: "", deprecated: false,
                source: SourceLocation(file: "aws.widget.md", line: 10),
                fields: columns.enumerated().map { i, name in
                    Field(
                        name: name, variant: "core", dataType: DataType(parsing: "string")!, description: "",
                        line: 20 + i)
                })
        ])
    }

    @Test func aColumnAddedMidTableGetsTheOrderComment() {
        for dialect in [SQLMigration.Dialect.postgres, .sqlite] {
            let script = SQLMigration(old: Self.table(["a", "c"]), new: Self.table(["a", "b", "c"]), dialect: dialect)
                .script(allowDestructive: false)
            #expect(
                script.contains("-- column order differs from NEW's (ADD COLUMN appends b at the end;"), "\(script)")
        }
    }

    @Test func aColumnAddedAtTheEndGetsNone() {
        let script = SQLMigration(old: Self.table(["a", "b"]), new: Self.table(["a", "b", "c"]), dialect: .postgres)
            .script(allowDestructive: false)
        #expect(!script.contains("column order differs"), "\(script)")
    }
}
