import Foundation

/// Makes `String`s from UTF-8 bytes already checked, reusing the one made last time for the same bytes.
///
/// A result repeats the same texts row after row: keys of the JSON that json columns hold, tag names and values,
/// enumeration-like columns. Finding the bytes in this table is cheaper than making a `String` (which checks the
/// UTF-8 again and, from 16 bytes on, allocates), and a repeated long string is then one object for every row
/// that has it (the way Python's `json` module shares object keys). Longer strings rarely repeat and are made
/// directly. A small direct-mapped table: a string is stored the second time it is seen in its slot (a first
/// sighting only notes its hash), so a run of distinct texts (identifiers, URLs) costs one hash each and neither
/// evicts the repeated ones nor releases strings made long ago; the table stays small enough to stay in cache.
///
/// Raw memory, not arrays, so a lookup does no uniqueness or bounds checks: its owner (`JSONDecodingState`)
/// frees it with `deallocate()`.
struct JSONStringTable {
    private static let slotCount = 2048
    static let longest = 64

    /// Per slot, the stored text's hash with its length in the low byte (0 for an empty slot, which no text
    /// matches): what every lookup reads, kept apart from the rest so that it stays in the first-level cache.
    private var stored: UnsafeMutablePointer<UInt64>?
    /// Per slot, the same for the last text seen there but not stored: stored when it comes again.
    private var seen: UnsafeMutablePointer<UInt64>?
    private var strings: UnsafeMutablePointer<String>?
    /// Each slot's bytes, `longest` apart: compared before a slot's string is reused.
    private var texts: UnsafeMutableRawPointer?
    /// False for a table that makes every string directly: one value read on its own repeats too little to pay
    /// for the table's memory.
    private var isSharing = true

    init(sharing: Bool = true) {
        isSharing = sharing
    }

    /// The string of `bytes`, which must be valid UTF-8 (the scanner checked it).
    @inline(__always)
    mutating func string(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        let count = bytes.count
        guard count > 0, count <= Self.longest, isSharing else { return String(decoding: bytes, as: UTF8.self) }
        return shared(UnsafeRawPointer(bytes.baseAddress!), count)
    }

    private mutating func shared(_ bytes: UnsafeRawPointer, _ count: Int) -> String {
        if stored == nil { allocate() }
        let hash = Self.hash(bytes, count)
        let key = hash & ~0xFF | UInt64(truncatingIfNeeded: count)
        let index = Int(truncatingIfNeeded: hash >> 52) & (Self.slotCount - 1)
        let text = texts.unsafelyUnwrapped + index * Self.longest
        if stored.unsafelyUnwrapped[index] == key, Self.equal(text, bytes, count) {
            return strings.unsafelyUnwrapped[index]
        }
        let string = String(decoding: UnsafeRawBufferPointer(start: bytes, count: count), as: UTF8.self)
        if seen.unsafelyUnwrapped[index] == key {
            stored.unsafelyUnwrapped[index] = key
            strings.unsafelyUnwrapped[index] = string
            text.copyMemory(from: bytes, byteCount: count)
        } else {
            seen.unsafelyUnwrapped[index] = key
        }
        return string
    }

    private mutating func allocate() {
        stored = .allocate(capacity: Self.slotCount)
        stored.unsafelyUnwrapped.initialize(repeating: 0, count: Self.slotCount)
        seen = .allocate(capacity: Self.slotCount)
        seen.unsafelyUnwrapped.initialize(repeating: 0, count: Self.slotCount)
        strings = .allocate(capacity: Self.slotCount)
        strings.unsafelyUnwrapped.initialize(repeating: "", count: Self.slotCount)
        texts = .allocate(byteCount: Self.slotCount * Self.longest, alignment: 8)
    }

    func deallocate() {
        guard let stored, let seen, let strings, let texts else { return }
        stored.deallocate()
        seen.deallocate()
        strings.deinitialize(count: Self.slotCount)
        strings.deallocate()
        texts.deallocate()
    }

    /// Whether `count` bytes at `a` and `b` are equal, eight at a time.
    @inline(__always)
    private static func equal(_ a: UnsafeRawPointer, _ b: UnsafeRawPointer, _ count: Int) -> Bool {
        if count < 8 { return short(a, count) == short(b, count) }
        var offset = 0
        while offset + 8 < count {
            if a.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
                != b.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
            {
                return false
            }
            offset += 8
        }
        return a.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
            == b.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
    }

    /// One to seven bytes as one word that differs for any two texts of the same length: two overlapping
    /// four-byte reads from 4 bytes on, else the first, middle and last bytes (which are all of them).
    @inline(__always)
    private static func short(_ bytes: UnsafeRawPointer, _ count: Int) -> UInt64 {
        if count >= 4 {
            return UInt64(bytes.loadUnaligned(as: UInt32.self))
                | UInt64(bytes.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self)) << 32
        }
        return UInt64(bytes.load(as: UInt8.self))
            | UInt64(bytes.load(fromByteOffset: count >> 1, as: UInt8.self)) << 8
            | UInt64(bytes.load(fromByteOffset: count - 1, as: UInt8.self)) << 16
    }

    /// A fast hash of 1 to 64 bytes, eight at a time (the last word overlapping the one before).
    @inline(__always)
    private static func hash(_ bytes: UnsafeRawPointer, _ count: Int) -> UInt64 {
        var hash = UInt64(truncatingIfNeeded: count) &* 0x9E37_79B9_7F4A_7C15
        if count < 8 {
            hash = (hash ^ short(bytes, count)) &* 0x94D0_49BB_1331_11EB
            return hash ^ (hash >> 29)
        }
        var offset = 0
        while offset + 8 < count {
            hash = (hash ^ bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) &* 0xBF58_476D_1CE4_E5B9
            hash ^= hash >> 31
            offset += 8
        }
        hash = (hash ^ bytes.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)) &* 0x94D0_49BB_1331_11EB
        return hash ^ (hash >> 29)
    }
}
