import Foundation

/// A table's fields: either the values, or a decoder run the first time a stage reads them.
///
/// A run after one page was edited takes 2,199 tables from the parse cache and reads the fields of
/// almost none of them (it renders one table); decoding them all was most of what it waited for.
/// Which base types the columns use is known without decoding, since the SQL catalog asks every table.
struct FieldList: Sendable {
    private enum Storage: Sendable {
        case values([Field])
        case deferred(DeferredFields)
    }

    private var storage: Storage

    init(_ fields: [Field]) { storage = .values(fields) }

    /// Fields `decode` makes when first read. It is run at most once, whichever thread reads first,
    /// and must not fail: the caller checks the bytes it decodes beforehand.
    init(count: Int, baseTypes: BaseTypes, decode: @escaping @Sendable () -> [Field]) {
        storage = .deferred(DeferredFields(count: count, baseTypes: baseTypes, decode: decode))
    }

    var fields: [Field] {
        get {
            switch storage {
            case .values(let fields): fields
            case .deferred(let deferred): deferred.fields
            }
        }
        _modify {
            var fields = self.fields
            // Held once, so changing a field does not copy the array.
            storage = .values([])
            defer { storage = .values(fields) }
            yield &fields
        }
    }

    var count: Int {
        switch storage {
        case .values(let fields): fields.count
        case .deferred(let deferred): deferred.count
        }
    }

    /// False while the fields of a table read back from the cache have not been read.
    var isDecoded: Bool {
        switch storage {
        case .values: true
        case .deferred(let deferred): deferred.isDecoded
        }
    }

    /// Whether a column's base type is `base`; decodes only to answer for a base DDSQL does not document.
    func contains(base: DataType.Base) -> Bool {
        if case .deferred(let deferred) = storage, base.isKnown {
            return deferred.baseTypes.contains(base)
        }
        return fields.contains { $0.dataType.base == base }
    }
}

extension FieldList: Hashable {
    static func == (a: FieldList, b: FieldList) -> Bool { a.fields == b.fields }
    func hash(into hasher: inout Hasher) { hasher.combine(fields) }
}

/// The decoder and its result, shared by every copy of the table that holds it.
private final class DeferredFields: @unchecked Sendable {
    let count: Int
    let baseTypes: FieldList.BaseTypes
    // `lock` guards `decode` and `decoded`.
    private let lock = NSLock()
    private var decode: (@Sendable () -> [Field])?
    private var decoded: [Field] = []

    init(count: Int, baseTypes: FieldList.BaseTypes, decode: @escaping @Sendable () -> [Field]) {
        self.count = count
        self.baseTypes = baseTypes
        self.decode = decode
    }

    var isDecoded: Bool { lock.withLock { decode == nil } }

    var fields: [Field] {
        lock.withLock {
            if let decode {
                decoded = decode()
                self.decode = nil
            }
            return decoded
        }
    }
}
