/// A 64-bit digest of a file's bytes, for the generation cache to notice edits.
///
/// Fast (eight bytes a step, then a full mix) rather than cryptographic: the cache compares byte
/// counts too, and someone able to craft a colliding page could as well write the output they want.
struct ContentHash: Hashable, Sendable, CustomStringConvertible {
    var value: UInt64

    init(value: UInt64) { self.value = value }

    init(_ bytes: UnsafeRawBufferPointer) {
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(bytes.count)
        var i = 0
        while i + 8 <= bytes.count {
            h = Self.step(h, bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self))
            i += 8
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while i < bytes.count {
            tail |= UInt64(bytes[i]) << shift
            shift += 8
            i += 1
        }
        value = Self.finish(Self.step(h, tail))
    }

    init(_ bytes: [UInt8]) {
        self = bytes.withUnsafeBytes { ContentHash($0) }
    }

    /// The size and digest of a file's contents, nil when it cannot be read (`OutputFileSystem.readFile`:
    /// a link at the last component is not followed, and the whole file is read, even past its `stat` size).
    static func ofFile(at path: String) -> (size: Int, hash: ContentHash)? {
        guard let bytes = try? OutputFileSystem.readFile(at: path) else { return nil }
        return (bytes.count, ContentHash(bytes))
    }

    fileprivate static func step(_ h: UInt64, _ word: UInt64) -> UInt64 {
        var w = word &* 0xBF58_476D_1CE4_E5B9
        w ^= w >> 31
        return ((h ^ w) << 27 | (h ^ w) >> 37) &* 0x94D0_49BB_1331_11EB &+ 0x9E37_79B9_7F4A_7C15
    }

    /// splitmix64's finaliser: every input bit reaches every output bit.
    fileprivate static func finish(_ h: UInt64) -> UInt64 {
        var z = h
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    var description: String {
        let hex = String(value, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    init?(hex: some StringProtocol) {
        guard hex.utf8.count == 16, let value = UInt64(hex, radix: 16) else { return nil }
        self.value = value
    }
}

/// A digest of values fed one at a time (a text by its bytes and length, numbers, flags): what a
/// table's digest is made of, without laying the table out in a buffer first.
struct ContentHasher {
    private var state: UInt64 = 0x9E37_79B9_7F4A_7C15

    mutating func combine(_ value: UInt64) { state = ContentHash.step(state, value) }

    mutating func combine(_ value: Int) { combine(UInt64(bitPattern: Int64(value))) }

    mutating func combine(_ flag: Bool) { combine(flag ? 1 as UInt64 : 2) }

    mutating func combine(_ text: String) {
        var text = text
        combine(text.withUTF8 { ContentHash(UnsafeRawBufferPointer($0)).value })
    }

    var digest: ContentHash { ContentHash(value: ContentHash.finish(state)) }
}
