/// Reads one row's values for a generated `init(ddsqlRow:)`, each by its index in `Row.ddsqlColumns`.
///
/// The accessors are `@inlinable`: generated code lives in another module, and inlined there they are
/// specialized for each property's type instead of going through generic metadata for every value.
public struct DDSQLRowReader {
    /// Where each of the row type's columns is in the result; shared by all rows of a result.
    @usableFromInline
    final class Layout {
        /// Per row-type column: what its cells share, and the token of its value in row 0 (nil when the result
        /// does not have the column).
        @usableFromInline let columns: [(source: DDSQLCell.Source, firstValue: Int)?]
        @usableFromInline let names: [String]

        init(result: DDSQLResult, positions: [Int], names: [String]) {
            // One state for the whole read: repeated strings are made once across rows and columns.
            let state = JSONDecodingState()
            var sources: [Int: DDSQLCell.Source] = [:]
            columns = positions.map { position in
                guard position >= 0 else { return nil }
                if sources[position] == nil { sources[position] = result.cellSource(column: position, state: state) }
                return (sources[position]!, result.firstValues[position])
            }
            self.names = names
        }
    }

    @usableFromInline let layout: Layout
    /// The row's index in the result.
    public let row: Int

    /// Column `index` of the row type (its position in `ddsqlColumns`): nil when the value is `null` or the
    /// result does not have the column (it was not selected).
    @inlinable
    public func optional<Value: DDSQLValue>(_ index: Int) throws -> Value? {
        guard let cell = cell(index) else { return nil }
        if cell.isNull { return nil }
        // Typed, so `decode` reads a `Value`, not a `Value?` through Optional's conformance.
        let value: Value = try decode(cell)
        return value
    }

    /// Column `index` of the row type, which must be present and not `null`.
    @inlinable
    public func required<Value: DDSQLValue>(_ index: Int) throws -> Value {
        guard let cell = cell(index) else {
            throw DDSQLError.invalidValue(
                column: layout.names[index], row: row,
                message: "required column is not in the result")
        }
        if cell.isNull {
            throw DDSQLError.invalidValue(column: cell.column, row: row, message: "required column is null")
        }
        return try decode(cell)
    }

    /// The value itself, whatever its type, as it is on the wire (nil when the result lacks the column).
    @inlinable
    public func cell(_ index: Int) -> DDSQLCell? {
        guard let column = layout.columns[index] else { return nil }
        return DDSQLCell(source: column.source, token: column.firstValue + row, row: row)
    }

    @inlinable
    func decode<Value: DDSQLValue>(_ cell: DDSQLCell) throws -> Value {
        do {
            return try Value.ddsqlDecode(cell)
        } catch let error as DDSQLError {
            throw error
        } catch {
            throw cell.invalid(String(describing: error))
        }
    }
}
