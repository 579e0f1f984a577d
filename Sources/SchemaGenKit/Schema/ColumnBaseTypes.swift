extension FieldList {
    /// The base types a table's columns use, one bit each; every undocumented base shares one bit.
    struct BaseTypes: Sendable, Equatable {
        private var bits: UInt16 = 0

        init() {}

        mutating func insert(_ base: DataType.Base) { bits |= Self.bit(base) }

        func contains(_ base: DataType.Base) -> Bool { bits & Self.bit(base) != 0 }

        mutating func formUnion(_ other: BaseTypes) { bits |= other.bits }

        private static func bit(_ base: DataType.Base) -> UInt16 {
            switch base {
            case .string: 1 << 0
            case .int64: 1 << 1
            case .float64: 1 << 2
            case .bool: 1 << 3
            case .timestamp: 1 << 4
            case .date: 1 << 5
            case .interval: 1 << 6
            case .json: 1 << 7
            case .hstore: 1 << 8
            case .hstoreCSV: 1 << 9
            case .unknown: 1 << 10
            }
        }
    }
}
