import Foundation

/// The data types a run of parse-record entries spelled: a catalog spells few, each many times, and
/// comparing a few bytes with each of those is cheaper than making a string and hashing it. Past
/// `linearLimit` spellings (only a hostile record has that many) the rest are looked up by text.
struct DataTypeSpellings {
    /// Every spelling's bytes, one after another; `starts` has where each begins, and one more.
    private var spellings: [UInt8] = []
    private var starts: [Int] = [0]
    private var types: [DataType] = []
    private var bases: [FieldList.BaseTypes] = []
    /// The places of the spellings past the first `linearLimit`, by text.
    private var later: [String: Int] = [:]
    private static let linearLimit = 16

    init() {}

    subscript(index: Int) -> DataType { types[index] }

    /// The base type of the type at `index`, as a set of one.
    func baseTypes(_ index: Int) -> FieldList.BaseTypes { bases[index] }

    /// The place of the type `bytes` spell, parsed and added if new; nil if they spell no type.
    mutating func index(spelledBy bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        // No type is spelled with no bytes; past this, both buffers have an address.
        guard let wanted = bytes.baseAddress, !bytes.isEmpty else { return nil }
        let found = spellings.withUnsafeBufferPointer { all -> Int? in
            for i in 0..<min(types.count, Self.linearLimit) where starts[i + 1] - starts[i] == bytes.count {
                if memcmp(all.baseAddress! + starts[i], wanted, bytes.count) == 0 { return i }
            }
            return nil
        }
        if let found { return found }
        guard let text = String(validating: bytes, as: UTF8.self) else { return nil }
        if let known = later[text] { return known }
        guard let parsed = DataType(parsing: text) else { return nil }
        var baseTypes = FieldList.BaseTypes()
        baseTypes.insert(parsed.base)
        let index = types.count
        if index >= Self.linearLimit { later[text] = index }
        spellings.append(contentsOf: bytes)
        starts.append(spellings.count)
        types.append(parsed)
        bases.append(baseTypes)
        return index
    }
}
