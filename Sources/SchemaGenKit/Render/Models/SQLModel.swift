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
    /// SQLite has no schemas: the table is named by its full id, `"aws.ec2_instance"`.
    public var sqliteName: String
    public var title: String
    public var summary: String
    public var deprecated: Bool
    public var columns: [SQLColumnModel]
}

public struct SQLColumnModel: Sendable, Hashable {
    public var column: String
    public var dataType: String
    public var postgresType: String
    public var sqliteType: String
    /// The SQLite CHECK expression (column name already quoted), if the type needs one.
    public var sqliteCheck: String?
    public var description: String
    /// A column the user marked required: `NOT NULL` in both dialects.
    public var notNull: Bool = false
}

public enum SQLModelBuilder {
    public static func build(_ schema: Schema, options: RenderOptions = RenderOptions()) -> SQLCatalogModel {
        let tables = schema.tables.parallelMap(chunk: 32) { table in
            SQLTableModel(
                tableID: table.id, schemaName: table.namespace, tableName: table.name, sqliteName: table.id,
                title: table.title, summary: table.summary, deprecated: table.deprecated,
                columns: table.fields.map { field in
                    let (sqliteType, check) = TypeMapping.sqliteType(field.dataType)
                    return SQLColumnModel(
                        column: field.name, dataType: field.dataType.spelling,
                        postgresType: TypeMapping.postgresType(field.dataType), sqliteType: sqliteType,
                        sqliteCheck: check?.expression(column: Escaping.sqlIdentifier(field.name)),
                        description: field.description,
                        notNull: options.isRequired(table: table.id, column: field.name))
                })
        }
        let needsHstore = schema.tables.contains { $0.fields.contains { $0.dataType.base == .hstore } }
        return SQLCatalogModel(
            schemaNames: Array(Set(schema.tables.map(\.namespace))).sorted(), needsHstore: needsHstore,
            tables: tables)
    }
}
