import Foundation

/// Values read from cell texts, by the texts' bytes in the document: the JSON a `json` cell holds (as a value
/// or as checked text), or an hstore read as a map or as tags. A text repeated down a column (a status, an empty list, the same user or the same
/// tags on many rows) is read once and its value shared by every row that has it.
///
/// Reading a text into dictionaries and strings costs far more than comparing its bytes, and a shared value is
/// also stored once (the values are value types, so sharing is invisible to the rows). A direct-mapped table
/// sized to the document (a text repeats rows apart, so the table must hold the texts of many rows). A text is
/// stored the second time it is seen in its slot: a first sighting only notes its hash, so a column of distinct
/// texts neither fills the table nor evicts what is there (an eviction releases a value made long ago, which is
/// a cache miss). Texts longer than `longest` are read each time.
struct JSONTextMemo {
    /// A value read from a text; the case says how it was read, so one text read two ways is two entries.
    enum Value {
        case json(JSONValue)
        case map([String: String])
        case tags([String])
        /// A json cell's text, checked.
        case text(String)
        /// A slot not used yet.
        case none

        var kind: Int {
            switch self {
            case .json: return 1
            case .map: return 2
            case .tags: return 3
            case .text: return 4
            case .none: return 0
            }
        }
    }

    private struct Slot {
        var hash: UInt64
        /// The hash of the last text seen here but not stored: stored when it comes again.
        var seen: UInt64
        /// Where the text is in the document's bytes.
        var start: Int
        var count: Int
        var value: Value
    }

    static let longest = 4096

    private var slots: UnsafeMutablePointer<Slot>?
    private var slotMask = 0
    /// The document whose bytes the offsets are in, held so that its buffer stays where `base` points; texts in
    /// other buffers are read without the table (tokenized parts of the document share its buffer).
    private var owner: JSONDocument?
    private var base: UnsafePointer<UInt8>?

    /// The value of `text` (bytes of `document`, starting at `start`) read as `kind` (a `Value.kind`), made by
    /// `read` unless the same bytes were read that way before.
    mutating func value<Failure: Error>(
        of text: UnsafeBufferPointer<UInt8>, at start: Int, in document: JSONDocument, kind: Int,
        _ read: () throws(Failure) -> Value
    ) throws(Failure) -> Value {
        let count = text.count
        let textBase = text.baseAddress.map { $0 - start }
        if owner == nil {
            owner = document
            base = textBase
        }
        guard count > 0, count <= Self.longest, textBase == base else { return try read() }
        if slots == nil { allocate(documentSize: document.bytes.count) }
        // The kind in the high bits too, which pick the slot: one text read two ways takes two slots.
        let hash = Self.hash(text) ^ (UInt64(kind) &* 0x9E37_79B9_7F4A_7C15)
        let slot = slots.unsafelyUnwrapped + (Int(truncatingIfNeeded: hash >> 40) & slotMask)
        if slot.pointee.hash == hash, slot.pointee.count == count, slot.pointee.value.kind == kind,
            memcmp(text.baseAddress!, base.unsafelyUnwrapped + slot.pointee.start, count) == 0
        {
            return slot.pointee.value
        }
        let value = try read()
        if slot.pointee.seen == hash {
            slot.pointee = Slot(hash: hash, seen: 0, start: start, count: count, value: value)
        } else {
            slot.pointee.seen = hash
        }
        return value
    }

    /// One slot per 1,024 bytes of the document (a few rows' worth of cells), between 1,024 and 16,384: enough
    /// for a repeated text to come back to its slot before another text takes it, in little memory.
    private mutating func allocate(documentSize: Int) {
        var slotCount = 1024
        while slotCount < 16_384, slotCount * 1024 < documentSize { slotCount *= 2 }
        let slots = UnsafeMutablePointer<Slot>.allocate(capacity: slotCount)
        slots.initialize(repeating: Slot(hash: 0, seen: 0, start: 0, count: 0, value: .none), count: slotCount)
        self.slots = slots
        slotMask = slotCount - 1
    }

    func deallocate() {
        guard let slots else { return }
        slots.deinitialize(count: slotMask + 1)
        slots.deallocate()
    }

    /// A fast hash of at least one byte, eight at a time (the last word overlapping, or the bytes one by one).
    private static func hash(_ text: UnsafeBufferPointer<UInt8>) -> UInt64 {
        let base = UnsafeRawPointer(text.baseAddress!)
        let count = text.count
        var hash = UInt64(truncatingIfNeeded: count) &* 0x9E37_79B9_7F4A_7C15
        if count < 8 {
            for offset in 0..<count { hash = (hash ^ UInt64(text[offset])) &* 0xBF58_476D_1CE4_E5B9 }
            return hash ^ (hash >> 31)
        }
        var offset = 0
        while offset + 8 < count {
            hash = (hash ^ base.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) &* 0xBF58_476D_1CE4_E5B9
            hash ^= hash >> 29
            offset += 8
        }
        hash = (hash ^ base.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)) &* 0x94D0_49BB_1331_11EB
        return hash ^ (hash >> 31)
    }
}
