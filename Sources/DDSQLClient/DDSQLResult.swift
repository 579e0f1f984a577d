/// A completed query's result: columns with their API types, and the values, still column-major.
///
/// Values are read when rows are made from it, so a result costs its body plus one small token per value.
public struct DDSQLResult: Sendable {
    /// A result column: its name as projected (aliases included) and its API type.
    public struct Column: Sendable, Hashable {
        public let name: String
        public let type: DDSQLColumnType
    }

    let document: JSONDocument
    /// Per column, the token index of its first value; row `r`'s value is `r` tokens further.
    let firstValues: [Int]
    public let columns: [Column]
    public let rowCount: Int
    public let warnings: [String]
    /// `meta.request_id`, for Datadog support.
    public let requestID: String?

    /// Reads a completed response body (execute or fetch) as it came from the API, e.g. one saved to a file.
    /// A body whose query is still running is an error.
    public init(completedResponse body: [UInt8]) throws(DDSQLError) {
        switch try DDSQLResponse.parse(body) {
        case .completed(let result):
            self = result
        case .running(let queryID, let requestID):
            throw .malformedResponse("query \(queryID) is still running", requestID: requestID)
        }
    }

    init(
        document: JSONDocument, firstValues: [Int], columns: [Column], rowCount: Int, warnings: [String],
        requestID: String?
    ) {
        self.document = document
        self.firstValues = firstValues
        self.columns = columns
        self.rowCount = rowCount
        self.warnings = warnings
        self.requestID = requestID
    }

    /// The value of one column in one row.
    public func cell(column: Int, row: Int) -> DDSQLCell {
        precondition(row >= 0 && row < rowCount, "row \(row) is outside the result's \(rowCount) rows")
        return DDSQLCell(
            source: cellSource(column: column, state: JSONDecodingState()),
            token: firstValues[column] + row, row: row)
    }

    /// What the cells of `column` share.
    func cellSource(column: Int, state: JSONDecodingState) -> DDSQLCell.Source {
        DDSQLCell.Source(document: document, type: columns[column].type, column: columns[column].name, state: state)
    }

    /// The first `limit` rows as `Row` values. `resultNames[i]` is the result column that `Row.ddsqlColumns[i]`
    /// is read from (nil: not selected); by default each column's own name. Columns are matched by name
    /// (the first one with that name), so their order in the result does not matter and extra ones are ignored.
    public func rows<Row: DDSQLRow>(
        _ type: Row.Type, resultNames: [String?]? = nil, limit: Int? = nil
    ) throws -> [Row] {
        let columnNames = Row.ddsqlColumns.map(\.name)
        let names: [String?] = resultNames ?? columnNames
        var firstPosition: [String: Int] = [:]
        for (position, column) in columns.enumerated() where firstPosition[column.name] == nil {
            firstPosition[column.name] = position
        }
        let positions = names.map { (name: String?) -> Int in name.flatMap { firstPosition[$0] } ?? -1 }
        let layout = DDSQLRowReader.Layout(result: self, positions: positions, names: columnNames)
        let count = min(rowCount, limit ?? rowCount)
        // Rows are read across the columns, but each column's tokens are consecutive: a row touches a token in each
        // of up to dozens of places, more streams than the processor prefetches. So a block of rows' tokens is
        // read column by column first (sequential reads, which are prefetched), and the row reads find them cached.
        let used = Set(positions.filter { $0 >= 0 }).sorted().map { firstValues[$0] }
        // Each row is moved into the array's storage: this function is generic at run time, where `append` would
        // copy the row (retaining each of its values) and then destroy the original.
        return try [Row](unsafeUninitializedCapacity: count) { storage, initialized in
            var blockStart = 0
            while blockStart < count {
                let blockEnd = min(blockStart + 64, count)
                document.touchTokens(columnsStartingAt: used, rows: blockStart..<blockEnd)
                for row in blockStart..<blockEnd {
                    (storage.baseAddress.unsafelyUnwrapped + row).initialize(
                        to: try Row(ddsqlRow: DDSQLRowReader(layout: layout, row: row)))
                    initialized = row + 1
                }
                blockStart = blockEnd
            }
        }
    }
}
