/// What the SQL templates see: the whole catalog, since each dialect is one script that creates it all.
public struct SQLCatalogModel: Sendable, Hashable {
    /// PostgreSQL schemas to create: one per namespace, sorted.
    public var schemaNames: [String]
    public var needsHstore: Bool
    public var tables: [SQLTableModel]
}

public struct SQLTableModel: Sendable, Hashable {
    public var tableID: String
    /// PostgreSQL: table `name` in schema `namespace`, as DDSQL names it, so queries run unchanged.
    public var schemaName: String
    public var tableName: String
    /// SQLite has no schemas: the table is named by its full id, `"aws.ec2_instance"` (with `2`, `3`, ...
    /// when another table's id is the same ignoring case, `SQLiteNames`).
    public var sqliteName: String
    public var title: String
    public var summary: String
    public var deprecated: Bool
    public var columns: [SQLColumnModel]
}

public struct SQLColumnModel: Sendable, Hashable {
    public var column: String
    /// The column's name in SQLite: `column`, unless another column of the table has it ignoring case
    /// (`SQLiteNames`).
    public var sqliteColumn: String
    public var dataType: String
    public var postgresType: String
    public var sqliteType: String
    /// The SQLite CHECK expression (column name already quoted), if the type needs one.
    public var sqliteCheck: String?
    public var description: String
    /// A column the user marked required: `NOT NULL` in both dialects.
    public var notNull: Bool = false
}

/// The catalog with each table's model made when a script first reaches it, so that a catalog's
/// models are never all held at once.
struct SQLCatalogSource: Sendable {
    var schemaNames: [String]
    var needsHstore: Bool
    var tableCount: Int
    var table: @Sendable (Int) -> SQLTableModel
}

public enum SQLModelBuilder {
    public static func build(_ schema: Schema, options: RenderOptions = RenderOptions()) -> SQLCatalogModel {
        let source = catalog(schema, options: options, sqliteNames: SQLiteNames(schema))
        return SQLCatalogModel(
            schemaNames: source.schemaNames, needsHstore: source.needsHstore,
            tables: (0..<source.tableCount).map(source.table))
    }

    /// Both SQL scripts read the same source: a table's model is built the first time either reaches it.
    static func catalog(_ schema: Schema, options: RenderOptions, sqliteNames: SQLiteNames) -> SQLCatalogSource {
        let tables = schema.tables
        let built = ResultSlots<SQLTableModel>(count: tables.count)
        return SQLCatalogSource(
            schemaNames: Array(Set(tables.map(\.namespace))).sorted(),
            needsHstore: tables.contains { $0.hasColumn(ofBase: .hstore) },
            tableCount: tables.count,
            table: { i in
                if let known = built[i] { return known }
                let made = model(
                    of: tables[i], options: options, sqliteName: sqliteNames.tableNames[i],
                    sqliteColumns: sqliteNames.columnNames[i])
                built[i] = made
                return made
            })
    }

    static func model(of table: Table, options: RenderOptions, sqliteName: String, sqliteColumns: [String]?)
        -> SQLTableModel
    {
        SQLTableModel(
            tableID: table.id, schemaName: table.namespace, tableName: table.name, sqliteName: sqliteName,
            title: table.title, summary: table.summary, deprecated: table.deprecated,
            // By index, each text read in place: binding each field would copy all of them (`Field`).
            columns: table.fields.withUnsafeBufferPointer { fields in
                fields.indices.map { i in
                    let (sqliteType, check) = TypeMapping.sqliteType(fields[i].dataType)
                    let sqliteColumn = sqliteColumns?[i] ?? fields[i].name
                    return SQLColumnModel(
                        column: fields[i].name, sqliteColumn: sqliteColumn, dataType: fields[i].dataType.spelling,
                        postgresType: TypeMapping.postgresType(fields[i].dataType), sqliteType: sqliteType,
                        sqliteCheck: check?.expression(column: Escaping.sqlIdentifier(sqliteColumn)),
                        description: fields[i].description,
                        notNull: options.isRequired(table: table.id, column: fields[i].name))
                }
            })
    }
}
