/// Byte tests for the ASCII marks and words the parsers look for. Every mark they match is ASCII,
/// and an ASCII byte never occurs inside a multi-byte UTF-8 sequence, so these need no decoding.
enum ASCII {
    /// The white space `CellText.fold` folds: space, tab, `\n`, vertical tab, form feed, `\r`.
    @inline(__always)
    static func isFoldedSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte &- 0x09 < 5
    }

    @inline(__always)
    static func lowercased(_ byte: UInt8) -> UInt8 {
        byte &- UInt8(ascii: "A") < 26 ? byte | 0x20 : byte
    }

    static func isASCII(_ bytes: some Collection<UInt8>) -> Bool {
        bytes.withContiguousStorageIfAvailable { isASCII($0) } ?? bytes.allSatisfy { $0 < 0x80 }
    }

    /// Eight bytes at a time: cache records check megabytes of text this way.
    static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return true }
        let raw = UnsafeRawPointer(base)
        var high: UInt64 = 0
        var i = 0
        while i + 8 <= bytes.count {
            high |= raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            i += 8
        }
        while i < bytes.count {
            high |= UInt64(bytes[i])
            i += 1
        }
        return high & 0x8080_8080_8080_8080 == 0
    }

    /// Whether `bytes` equal the lower-case ASCII word `lowercaseWord` ignoring ASCII case.
    ///
    /// For the words asked about here this is exactly `String(decoding: bytes).lowercased() ==
    /// word`: the one non-ASCII scalar that lower-cases to ASCII is the Kelvin sign (to `k`), and
    /// none of the words has a `k`.
    static func equalsIgnoringCase(_ bytes: some Collection<UInt8>, _ lowercaseWord: StaticString) -> Bool {
        guard bytes.count == lowercaseWord.utf8CodeUnitCount else { return false }
        var k = 0
        for byte in bytes {
            if lowercased(byte) != lowercaseWord.utf8Start[k] { return false }
            k += 1
        }
        return true
    }

    /// Whether the ASCII bytes contain the lower-case `needle`, ignoring ASCII case.
    static func containsIgnoringCase(_ bytes: UnsafeBufferPointer<UInt8>, _ needle: StaticString) -> Bool {
        let n = needle.utf8CodeUnitCount
        guard n > 0 else { return true }
        guard bytes.count >= n else { return false }
        let first = needle.utf8Start[0]
        var i = 0
        outer: while i <= bytes.count - n {
            if lowercased(bytes[i]) == first {
                for k in 1..<n where lowercased(bytes[i + k]) != needle.utf8Start[k] {
                    i += 1
                    continue outer
                }
                return true
            }
            i += 1
        }
        return false
    }

    /// Whether `bytes` contain `needle` exactly.
    static func contains(_ bytes: UnsafeBufferPointer<UInt8>, _ needle: StaticString) -> Bool {
        firstIndex(of: needle, in: bytes) != nil
    }

    /// Offset of the first occurrence of `needle` in `bytes`.
    static func firstIndex(of needle: StaticString, in bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        let n = needle.utf8CodeUnitCount
        guard n > 0 else { return 0 }
        guard bytes.count >= n else { return nil }
        let first = needle.utf8Start[0]
        var i = 0
        outer: while i <= bytes.count - n {
            if bytes[i] == first {
                for k in 1..<n where bytes[i + k] != needle.utf8Start[k] {
                    i += 1
                    continue outer
                }
                return i
            }
            i += 1
        }
        return nil
    }
}
