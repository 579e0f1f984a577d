/// A type whose values are rows of a DDSQL table: what schemagen generates per table and `rows(_:...)` returns.
///
/// Kept to a static column list and one initializer that reads each property with a typed accessor, so each
/// generated table adds little for the compiler (see Documentation/Querying.md for the exact generated shape).
public protocol DDSQLRow {
    /// The table (`aws.ec2_instance`) or table function (`dd.logs`) the rows come from.
    static var tableID: String { get }
    /// Every column, in page order. `DDSQLRowReader` accessors take an index into this list. Generated rows
    /// compute it when asked (a stored list costs the compiler more in every table), so read it once.
    static var ddsqlColumns: [DDSQLColumn] { get }
    /// Reads one row. Throwing is how a value that does not fit the property surfaces.
    init(ddsqlRow row: DDSQLRowReader) throws
    /// Whether `tableID` is a table function (a page with Query Parameters, such as `dd.logs`), queried as
    /// `dd.logs(columns => ARRAY[...], ...) AS (...)`. False unless the type says otherwise.
    static var ddsqlIsTableFunction: Bool { get }
}

extension DDSQLRow {
    public static var ddsqlIsTableFunction: Bool { false }
}
