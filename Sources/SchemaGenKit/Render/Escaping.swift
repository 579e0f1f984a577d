/// Escaping for every place a page's text lands in generated code. Templates reach these as filters
/// (`{{ sqlString(description) }}`), so no template has to get quoting right by hand.
public enum Escaping {
    /// A Swift string literal, quotes included: `"a \"b\" \\ \u{7}"`.
    public static func swiftString(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\0": out += "\\0"
            default:
                if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || isLineOrBidiControl(scalar) {
                    out += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    /// Text that is safe on one `///` doc-comment line: line breaks and other control characters
    /// (which could end the comment or hide text) become spaces or visible escapes.
    public static func docComment(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if scalar == "\n" || scalar == "\r" || scalar == "\t" {
                out.append(" ")
            } else if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || isLineOrBidiControl(scalar) {
                out.append(contentsOf: "\\u{\(String(scalar.value, radix: 16, uppercase: true))}".unicodeScalars)
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }

    /// A SQL string literal, quotes included, for PostgreSQL and SQLite: `'it''s'`. Only the quote
    /// is special in standard SQL strings (PostgreSQL has `standard_conforming_strings` on by
    /// default); NUL, which neither database can store, becomes U+FFFD.
    public static func sqlString(_ text: String) -> String {
        var out = "'"
        for scalar in text.unicodeScalars {
            switch scalar {
            case "'": out += "''"
            case "\0": out += "\u{FFFD}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "'"
    }

    /// A quoted SQL identifier: `"a""b"`.
    public static func sqlIdentifier(_ name: String) -> String {
        var out = "\""
        for scalar in name.unicodeScalars {
            switch scalar {
            case "\"": out += "\"\""
            case "\0": out += "\u{FFFD}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    /// A text that stays inside a `--` SQL comment: line breaks become spaces, and NUL (which ends
    /// the input for `sqlite3` and `psql`) becomes U+FFFD.
    public static func sqlComment(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.map { scalar in
            switch scalar {
            case "\n", "\r": " "
            case "\0": "\u{FFFD}"
            default: scalar
            }
        }))
    }

    /// A JSON string literal, quotes included, per RFC 8259 (controls escaped, non-ASCII kept).
    public static func jsonString(_ text: String) -> String {
        // Most text needs no escape at all: check the bytes once and skip the scalar loop.
        let plain = text.utf8.allSatisfy { $0 >= 0x20 && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\") && $0 != 0xE2 }
        if plain { return "\"" + text + "\"" }
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 || scalar == "\u{2028}" || scalar == "\u{2029}" {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    /// U+2028/2029 and the bidirectional controls that can make source read differently than it compiles.
    private static func isLineOrBidiControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x2028, 0x2029, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069, 0xFEFF: true
        default: false
        }
    }
}
