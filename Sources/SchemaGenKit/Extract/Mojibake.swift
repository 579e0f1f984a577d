/// Text that was UTF-8 but got decoded as Latin-1 or Windows-1252 on its way to the page: `–` (E2 80 93)
/// shows up as `â\u{80}\u{93}` or `â€“`. Pages carry such text from upstream API docs; the schema keeps it
/// as the page has it (`dump` shows the page), and doc comments show it repaired.
enum Mojibake {
    /// `text` with every run of such characters decoded back, or nil when there is none.
    static func repaired(_ text: String) -> String? {
        // Quick exit: mojibake needs a character in U+00C2...U+00F4 (a lead byte read as Latin-1).
        guard text.unicodeScalars.contains(where: { $0.value >= 0xC2 && $0.value <= 0xF4 }) else { return nil }
        var out = String.UnicodeScalarView()
        var changed = false
        let scalars = Array(text.unicodeScalars)
        var i = 0
        while i < scalars.count {
            if let (decoded, length) = decode(scalars, at: i) {
                out.append(contentsOf: decoded.unicodeScalars)
                i += length
                changed = true
            } else {
                out.append(scalars[i])
                i += 1
            }
        }
        return changed ? String(out) : nil
    }

    /// One UTF-8 sequence spelled as Latin-1/Windows-1252 characters at `start`: a lead byte then the
    /// continuation bytes it calls for, decoding to a non-ASCII character.
    private static func decode(_ scalars: [Unicode.Scalar], at start: Int) -> (String, Int)? {
        guard let lead = byte(scalars[start]), lead >= 0xC2, lead <= 0xF4 else { return nil }
        let count = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2
        guard start + count <= scalars.count else { return nil }
        var bytes = [lead]
        for k in 1..<count {
            guard let b = byte(scalars[start + k]), b & 0xC0 == 0x80 else { return nil }
            bytes.append(b)
        }
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        guard case .scalarValue(let scalar) = decoder.decode(&iterator), case .emptyInput = decoder.decode(&iterator)
        else {
            return nil
        }
        return (String(scalar), count)
    }

    /// The byte a character stands for when UTF-8 was read as Latin-1 (U+0000...U+00FF) or as
    /// Windows-1252 (whose 0x80...0x9F are other characters, such as `€` for 0x80).
    private static func byte(_ scalar: Unicode.Scalar) -> UInt8? {
        if scalar.value <= 0xFF { return UInt8(scalar.value) }
        return windows1252[scalar.value]
    }

    private static let windows1252: [UInt32: UInt8] = [
        0x20AC: 0x80, 0x201A: 0x82, 0x0192: 0x83, 0x201E: 0x84, 0x2026: 0x85, 0x2020: 0x86, 0x2021: 0x87,
        0x02C6: 0x88, 0x2030: 0x89, 0x0160: 0x8A, 0x2039: 0x8B, 0x0152: 0x8C, 0x017D: 0x8E, 0x2018: 0x91,
        0x2019: 0x92, 0x201C: 0x93, 0x201D: 0x94, 0x2022: 0x95, 0x2013: 0x96, 0x2014: 0x97, 0x02DC: 0x98,
        0x2122: 0x99, 0x0161: 0x9A, 0x203A: 0x9B, 0x0153: 0x9C, 0x017E: 0x9E, 0x0178: 0x9F,
    ]
}

extension Mojibake {
    /// `was` → `now` for the first word that differs, for the warning (the whole description is long).
    static func firstChange(_ original: String, _ repaired: String) -> String {
        let before = original.split(separator: " ")
        let after = repaired.split(separator: " ")
        for (a, b) in zip(before, after) where a != b {
            return
                "`\(a.unicodeScalars.map { (0x80...0x9F).contains($0.value) ? $0.escaped(asASCII: true) : String($0) }.joined())` → `\(b)`"
        }
        return "`\(original)` → `\(repaired)`"
    }
}
