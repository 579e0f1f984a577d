/// Reads one row's values for a generated `init(ddsqlRow:)`, each by its index in `Row.ddsqlColumns`.
public struct DDSQLRowReader {
    /// Where each of the row type's columns is in the result; shared by all rows of a result.
    final class Layout {
        let result: DDSQLResult
        /// Result column position per row-type column, -1 when the result does not have it.
        let positions: [Int]
        let names: [String]

        init(result: DDSQLResult, positions: [Int], names: [String]) {
            self.result = result
            self.positions = positions
            self.names = names
        }
    }

    let layout: Layout
    /// The row's index in the result.
    public let row: Int

    init(layout: Layout, row: Int) {
        self.layout = layout
        self.row = row
    }

    /// Column `index` of the row type (its position in `ddsqlColumns`): nil when the value is `null` or the
    /// result does not have the column (it was not selected).
    public func optional<Value: DDSQLValue>(_ index: Int) throws -> Value? {
        let position = layout.positions[index]
        guard position >= 0 else { return nil }
        let cell = layout.result.cell(column: position, row: row)
        if cell.isNull { return nil }
        // Typed, so `decode` reads a `Value`, not a `Value?` through Optional's conformance.
        let value: Value = try decode(cell)
        return value
    }

    /// Column `index` of the row type, which must be present and not `null`.
    public func required<Value: DDSQLValue>(_ index: Int) throws -> Value {
        let position = layout.positions[index]
        guard position >= 0 else {
            throw DDSQLError.invalidValue(column: layout.names[index], row: row,
                                          message: "required column is not in the result")
        }
        let cell = layout.result.cell(column: position, row: row)
        if cell.isNull {
            throw DDSQLError.invalidValue(column: cell.column, row: row, message: "required column is null")
        }
        return try decode(cell)
    }

    /// The value itself, whatever its type, as it is on the wire (nil when the result lacks the column).
    public func cell(_ index: Int) -> DDSQLCell? {
        let position = layout.positions[index]
        return position >= 0 ? layout.result.cell(column: position, row: row) : nil
    }

    private func decode<Value: DDSQLValue>(_ cell: DDSQLCell) throws -> Value {
        do {
            return try Value.ddsqlDecode(cell)
        } catch let error as DDSQLError {
            throw error
        } catch {
            throw cell.invalid(String(describing: error))
        }
    }
}
