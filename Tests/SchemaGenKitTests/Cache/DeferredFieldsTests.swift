import Foundation
import Testing
@testable import SchemaGenKit

/// Tables read back from the parse record keep their fields encoded until a stage reads them: a
/// one-page run reads few of 2,200. These tests check that reading them later gives what was
/// written, that what the run asks of every table is answered without decoding, and that damage is
/// still found when the record is read, not when a field is.
@Suite struct DeferredFieldsTests {
    static let stamp = FileStamp(size: 1, modified: 2, changed: 3, inode: 4, device: 5)

    /// `tables` written to a parse record and read back.
    static func readBack(_ tables: [Table]) throws -> [Table] {
        let pages = ParsedPages(
            key: ContentHash([1]), savedAt: 9,
            entries: tables.enumerated().map { i, table in
                .init(path: "p\(i).md", stamp: stamp, table: table, diagnostics: [])
            })
        let read = try #require(ParsedPages(parsing: pages.bytes))
        return read.entries.compactMap(\.table)
    }

    static func field(_ name: String, _ type: String, description: String = "", title: String? = nil) -> Field {
        Field(name: name, title: title, variant: "core", dataType: DataType(parsing: type)!, description: description, line: 3)
    }

    static func table(_ fields: [Field]) -> Table {
        Table(
            id: "ns.t", title: "T", summary: "S", deprecated: false, source: SourceLocation(file: "t.md", line: 1, column: 1),
            fields: fields)
    }

    @Test func everyTableOfTheInputsReadsBackTheSameAndAnswersBaseTypesWithoutDecoding() throws {
        let tables = SchemaLoader.load(inputs: [Fixtures.docsInput]).schema.tables
        #expect(tables.count > 20)
        let read = try Self.readBack(tables)
        #expect(read.count == tables.count)
        let bases = DataType.Base.known + [.unknown("geometry")]
        for (before, after) in zip(tables, read) {
            #expect(!after.fieldList.isDecoded)
            #expect(after.fieldCount == before.fields.count)
            for base in DataType.Base.known {
                #expect(after.hasColumn(ofBase: base) == before.fields.contains { $0.dataType.base == base }, "\(before.id) \(base)")
            }
            #expect(!after.fieldList.isDecoded, "known bases are answered from the record")
            #expect(RenderKey.digest(after) == RenderKey.digest(before))
            #expect(after.fields == before.fields)
            #expect(after.fieldList.isDecoded)
            #expect(after == before && after.hashValue == before.hashValue)
            #expect(bases.map(after.hasColumn) == bases.map(before.hasColumn))
        }
        #expect(read.contains { $0.hasColumn(ofBase: .hstore) } && read.contains { !$0.hasColumn(ofBase: .hstore) })
    }

    @Test func anUndocumentedBaseIsAnsweredByDecoding() throws {
        let table = Self.table([Self.field("a", "string"), Self.field("g", "array<geometry>")])
        let read = try #require(try Self.readBack([table]).first)
        #expect(read.hasColumn(ofBase: .unknown("geometry")))
        #expect(read.fieldList.isDecoded)
        let other = try #require(try Self.readBack([table]).first)
        #expect(!other.hasColumn(ofBase: .unknown("point")))
        #expect(other.hasColumn(ofBase: .string) && !other.hasColumn(ofBase: .int64))
    }

    @Test func damageInsideTheFieldsMakesTheRecordAMiss() throws {
        let table = Self.table([
            Self.field("a", "int64", description: "before é after", title: "Title text"),
            Self.field("b", "zzmark", description: "x"),
        ])
        let pages = ParsedPages(
            key: ContentHash([1]), savedAt: 9, entries: [.init(path: "p.md", stamp: Self.stamp, table: table, diagnostics: [])])
        let bytes = pages.bytes
        #expect(ParsedPages(parsing: bytes) != nil)
        func damaged(at marker: String, offset: Int = 0, to byte: UInt8) throws -> [UInt8] {
            let needle = Array(marker.utf8)
            let start = try #require((0...(bytes.count - needle.count)).first { Array(bytes[$0..<($0 + needle.count)]) == needle })
            var copy = bytes
            copy[start + offset] = byte
            return copy
        }
        // Not UTF-8: in an ASCII text, in a non-ASCII one, and in a title.
        #expect(ParsedPages(parsing: try damaged(at: "core", to: 0xFF)) == nil)
        #expect(ParsedPages(parsing: try damaged(at: "before", to: 0xFF)) == nil)
        #expect(ParsedPages(parsing: try damaged(at: "é", offset: 1, to: 0x41)) == nil)
        #expect(ParsedPages(parsing: try damaged(at: "Title", to: 0xC0)) == nil)
        // A spelling that is not a data type.
        #expect(ParsedPages(parsing: try damaged(at: "zzmark", offset: 5, to: UInt8(ascii: "!"))) == nil)
        // Bytes still UTF-8 read back as changed text, as any damage the stamps cannot see would.
        let edited = try #require(ParsedPages(parsing: try damaged(at: "before", to: UInt8(ascii: "B"))))
        #expect(edited.entries[0].table?.fields[0].description == "Before é after")
    }

    @Test func readersOnManyThreadsAgree() throws {
        let tables = SchemaLoader.load(inputs: [Fixtures.docsInput]).schema.tables
        let read = try Self.readBack(tables)
        let results = ResultSlots<Bool>(count: read.count * 8)
        DispatchQueue.concurrentPerform(iterations: read.count * 8) { i in
            results[i] = read[i % read.count].fields == tables[i % read.count].fields
        }
        #expect((0..<(read.count * 8)).allSatisfy { results[$0] == true })
    }

    @Test func theDecoderRunsOnceWhateverThreadsRead() {
        let calls = ResultSlots<Int>(count: 1)
        let lock = NSLock()
        let list = FieldList(count: 1, baseTypes: FieldList.BaseTypes()) {
            lock.withLock { calls[0] = (calls[0] ?? 0) + 1 }
            return [Self.field("a", "string")]
        }
        let copies = Array(repeating: list, count: 4)
        #expect(!list.isDecoded)
        DispatchQueue.concurrentPerform(iterations: 400) { i in
            _ = copies[i % 4].fields
        }
        #expect(calls[0] == 1)
        #expect(list.isDecoded && list.fields.map(\.name) == ["a"])
    }

    /// Any byte of an entry changed: the record is refused, or every table in it decodes. A check
    /// that passed what the decoder then refuses would stop the process instead.
    @Test func anyDamagedByteIsRefusedOrDecodes() throws {
        let table = Self.table([
            Self.field("a", "int64", description: "before é after", title: "Title text"),
            Self.field("b", "array<zzmark>", description: String(repeating: "long ", count: 40)),
        ])
        var withLines = table
        withLines.fields[1].line = 70_000
        let pages = ParsedPages(
            key: ContentHash([1]), savedAt: 9, entries: [.init(path: "p.md", stamp: Self.stamp, table: withLines, diagnostics: [])])
        let bytes = pages.bytes
        var refused = 0
        for position in bytes.indices {
            for mask: UInt8 in [0x01, 0x40, 0x80, 0xFF] {
                var damaged = bytes
                damaged[position] ^= mask
                guard let read = ParsedPages(parsing: damaged) else {
                    refused += 1
                    continue
                }
                for entry in read.entries {
                    _ = entry.table?.fields
                }
            }
        }
        #expect(refused > bytes.count)
    }

    @Test func changingACopysFieldsLeavesTheOtherCopies() throws {
        let original = Self.table([Self.field("a", "string"), Self.field("b", "hstore")])
        let shared = try #require(try Self.readBack([original]).first)
        var changed = shared
        changed.fields[0].name = "renamed"
        changed.fields.append(Self.field("c", "int64"))
        #expect(changed.fields.map(\.name) == ["renamed", "b", "c"])
        #expect(changed.hasColumn(ofBase: .int64) && !shared.hasColumn(ofBase: .int64))
        #expect(shared.fields == original.fields)
        var replaced = shared
        replaced.fields = []
        #expect(replaced.fieldCount == 0 && !replaced.hasColumn(ofBase: .hstore) && shared.hasColumn(ofBase: .hstore))
    }

    @Test func aDeferredTableEncodesAsJSONLikeTheTableItWasMadeFrom() throws {
        let tables = SchemaLoader.load(inputs: [Fixtures.docsInput + "/k8s.pods.md"]).schema.tables
        let read = try Self.readBack(tables)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let json = try encoder.encode(read)
        #expect(json == (try encoder.encode(tables)))
        #expect(try JSONDecoder().decode([Table].self, from: json) == tables)
        let keys = try #require(try JSONSerialization.jsonObject(with: json) as? [[String: Any]]).first.map { Set($0.keys) }
        #expect(keys == ["id", "namespace", "name", "title", "summary", "deprecated", "source", "fields", "queryParameters"])
    }

    @Test func manySpellingsAreEachParsedOnceAndFoundAgain() throws {
        var types = DataTypeSpellings()
        let spellings = (0..<500).map { "t\($0)" } + ["string", "array<int64>"]
        func index(_ text: String) -> Int? {
            Array(text.utf8).withUnsafeBufferPointer { types.index(spelledBy: $0) }
        }
        let first = spellings.map(index)
        #expect(first == Array(0..<spellings.count).map(Optional.some))
        #expect(spellings.reversed().map(index) == first.reversed())
        #expect(types[try #require(first.last ?? nil)].spelling == "array<int64>")
        #expect(types.baseTypes(try #require(first.last ?? nil)).contains(.int64))
        #expect(index("not a type") == nil && index("") == nil)
    }

    @Test func eachDocumentedBaseHasItsOwnBitAndTheOthersShareOne() {
        let bases = DataType.Base.known
        for base in bases {
            var set = FieldList.BaseTypes()
            set.insert(base)
            #expect(bases.filter(set.contains) == [base])
            #expect(!set.contains(.unknown("x")))
        }
        var unknown = FieldList.BaseTypes()
        unknown.insert(.unknown("x"))
        #expect(unknown.contains(.unknown("y")) && bases.allSatisfy { !unknown.contains($0) })
    }
}
