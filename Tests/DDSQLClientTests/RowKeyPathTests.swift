import DDSQLClient
import Foundation
import Testing

/// `DDSQLRow.ddsqlStoredPropertyKeyPaths`: what generated rows select columns by key path with.
@Suite struct RowKeyPathTests {
    /// A row whose stored properties are all kinds a generated row has, plus a computed property and a static
    /// one, which are not columns.
    struct MixedRow: DDSQLRow {
        static let tableID = "test.mixed"
        static let ddsqlColumns: [DDSQLColumn] = []
        let key: String?
        var count: Int64
        let when: Date?
        let tags: [String: String]?
        let list: [String]?
        let doc: JSONText?
        let value: JSONValue?
        let flag: Bool?
        let ratio: Double?
        var derived: Int { Int(count) }
        static let shared = 1

        init(ddsqlRow row: DDSQLRowReader) throws { throw DDSQLError.unknownColumn("none", table: Self.tableID) }
    }

    final class ClassRow: DDSQLRow {
        static let tableID = "test.class"
        static let ddsqlColumns: [DDSQLColumn] = []
        let name: String? = nil
        init(ddsqlRow row: DDSQLRowReader) throws {}
    }

    @Test func structPropertiesInDeclarationOrderEqualTheirLiterals() {
        let expected: [PartialKeyPath<MixedRow>] = [
            \.key, \.count, \.when, \.tags, \.list, \.doc, \.value, \.flag, \.ratio,
        ]
        let keyPaths = MixedRow.ddsqlStoredPropertyKeyPaths
        #expect(keyPaths == expected)
        #expect(Set(keyPaths).count == expected.count)
        #expect(!keyPaths.contains(\MixedRow.derived))
        #expect(!keyPaths.contains(\MixedRow.tags?.count))
        #expect(keyPaths.firstIndex(of: \MixedRow.doc) == 5)
    }

    @Test func theyReadTheValues() {
        let row = SimpleRow(name: "a", count: 7)
        let values = SimpleRow.ddsqlStoredPropertyKeyPaths.map { row[keyPath: $0] }
        #expect(values.count == 2)
        #expect(values[0] as? String? == "a")
        #expect(values[1] as? Int64? == 7)
    }

    @Test func aClassHasNone() {
        #expect(ClassRow.ddsqlStoredPropertyKeyPaths.isEmpty)
    }
}
