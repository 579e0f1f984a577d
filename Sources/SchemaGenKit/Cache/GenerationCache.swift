/// What the last successful run into an output folder read and wrote, kept between runs so that a
/// run whose inputs and outputs are all as they were can stop before parsing a single page.
///
/// It is only ever a shortcut: `key` covers everything else that decides the output (schemagen's
/// own build, options, templates, the list of pages), every page and output is checked against its
/// recorded stamp or, when the stamp cannot be trusted, its content; anything else means a full run.
struct GenerationCache: Sendable, Equatable {
    static let formatVersion = 2

    /// A file as it was when recorded.
    struct Entry: Sendable, Equatable {
        var path: String
        var stamp: FileStamp
        var hash: ContentHash
        /// For an output, what it was rendered from (see `RenderReuse`); nil for pages and for
        /// outputs rendered every time.
        var renderKey: ContentHash? = nil
    }

    var key: ContentHash
    /// When the record was made (nanoseconds, wall clock): stamps changed close to it are racy.
    var savedAt: Int64
    /// Pages in the order the run read them.
    var pages: [Entry]
    /// Output files relative to the output folder, the manifest included.
    var outputs: [Entry]
    /// What the run reported (warnings), shown again when a later run is skipped.
    var diagnostics: [Diagnostic]
}

// MARK: Text form

extension GenerationCache {
    private static var header: String { "schemagen-cache v\(formatVersion)" }

    /// One record per line, fields separated by spaces, text fields escaped (`\\`, `\s`, `\t`, `\n`).
    /// Written straight into bytes, the entries on all cores: a 4,400-output record is written on
    /// every run that changes anything.
    var bytes: [UInt8] {
        var out = Array((Self.header + "\nkey \(key)\nsaved \(savedAt)\n").utf8)
        let entries = pages.map { ("page", $0) } + outputs.map { ("output", $0) }
        let lines = entries.parallelChunks(chunk: 512) { chunk -> [[UInt8]] in
            var text = RecordText()
            text.bytes.reserveCapacity(128 * chunk.count)
            for (kind, entry) in chunk { text.entry(kind, entry) }
            return [text.bytes]
        }
        out.reserveCapacity(out.count + lines.reduce(0) { $0 + $1.count })
        for chunk in lines { out += chunk }
        for d in diagnostics {
            let file = d.location.map { Self.escape($0.file) } ?? "-"
            out += Array(("diagnostic \(d.severity.rawValue) \(d.location?.line ?? 0) \(d.location?.column ?? 0) "
                + "\(d.location == nil ? "0" : "1") \(file) \(Self.escape(d.message))\n").utf8)
        }
        return out
    }

    /// Lines of the text form, appended to `bytes`.
    private struct RecordText {
        var bytes: [UInt8] = []

        mutating func entry(_ kind: String, _ e: Entry) {
            let s = e.stamp
            bytes.append(contentsOf: kind.utf8)
            for field in [s.size, s.modified, s.changed, Int64(bitPattern: s.inode), Int64(bitPattern: s.device)] {
                bytes.append(UInt8(ascii: " "))
                number(field)
            }
            bytes.append(UInt8(ascii: " "))
            hash(e.hash)
            bytes.append(UInt8(ascii: " "))
            if let renderKey = e.renderKey { hash(renderKey) } else { bytes.append(UInt8(ascii: "-")) }
            bytes.append(UInt8(ascii: " "))
            bytes.append(contentsOf: GenerationCache.escape(e.path).utf8)
            bytes.append(UInt8(ascii: "\n"))
        }

        mutating func number(_ v: Int64) {
            if v < 0 { bytes.append(UInt8(ascii: "-")) }
            // Room for the digits first, then filled in from the last: no buffer per number.
            var m = v.magnitude
            var count = 1
            var rest = m
            while rest >= 10 {
                rest /= 10
                count += 1
            }
            let start = bytes.count
            bytes.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: count))
            bytes.withUnsafeMutableBufferPointer { buffer in
                var i = start + count - 1
                repeat {
                    buffer[i] = UInt8(ascii: "0") + UInt8(m % 10)
                    m /= 10
                    i -= 1
                } while m > 0
            }
        }

        mutating func hash(_ h: ContentHash) {
            for shift in stride(from: 60, through: 0, by: -4) {
                let digit = UInt8((h.value >> UInt64(shift)) & 0xF)
                bytes.append(digit < 10 ? UInt8(ascii: "0") + digit : UInt8(ascii: "a") + digit - 10)
            }
        }
    }

    /// One line of the record, read.
    private enum Line: Sendable {
        case page(Entry), output(Entry), diagnostic(Diagnostic), invalid
    }

    /// Reads a record; nil for anything unexpected (an older format, a torn write), which only
    /// costs a full run. Works on bytes, the lines on all cores: a 2,200-page record is parsed on
    /// every run.
    init?(parsing data: [UInt8]) {
        var lines = data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        guard lines.last?.isEmpty == true else { return nil }
        lines.removeLast()
        guard lines.count >= 3, lines[0].elementsEqual(Self.header.utf8) else { return nil }
        let first = lines[1].split(separator: UInt8(ascii: " ")), second = lines[2].split(separator: UInt8(ascii: " "))
        guard first.count == 2, first[0].elementsEqual("key".utf8), let key = Self.hex(first[1]),
            second.count == 2, second[0].elementsEqual("saved".utf8), let savedAt = Self.integer(second[1])
        else { return nil }
        let parsed = Array(lines.dropFirst(3)).parallelChunks(chunk: 512) { chunk -> [Line] in
            // One array of fields for every line, refilled: no array per line.
            var fields: [ArraySlice<UInt8>] = []
            fields.reserveCapacity(16)
            return chunk.map { line in
                fields.removeAll(keepingCapacity: true)
                var start = line.startIndex
                while let space = line[start...].firstIndex(of: UInt8(ascii: " ")) {
                    fields.append(line[start..<space])
                    start = space + 1
                }
                fields.append(line[start...])
                return Self.line(fields)
            }
        }
        var pages: [Entry] = [], outputs: [Entry] = [], diagnostics: [Diagnostic] = []
        for line in parsed {
            switch line {
            case .page(let entry): pages.append(entry)
            case .output(let entry): outputs.append(entry)
            case .diagnostic(let diagnostic): diagnostics.append(diagnostic)
            case .invalid: return nil
            }
        }
        self.init(key: key, savedAt: savedAt, pages: pages, outputs: outputs, diagnostics: diagnostics)
    }

    private static func line(_ f: [ArraySlice<UInt8>]) -> Line {
        guard let kind = f.first else { return .invalid }
        if kind.elementsEqual("page".utf8) || kind.elementsEqual("output".utf8) {
            guard f.count == 9, let size = integer(f[1]), let modified = integer(f[2]),
                let changed = integer(f[3]), let inode = integer(f[4]), let device = integer(f[5]),
                let hash = hex(f[6]), let path = unescape(f[8])
            else { return .invalid }
            let renderKey = hex(f[7])
            guard renderKey != nil || f[7].elementsEqual("-".utf8) else { return .invalid }
            let entry = Entry(
                path: path,
                stamp: FileStamp(
                    size: size, modified: modified, changed: changed, inode: UInt64(bitPattern: inode),
                    device: UInt64(bitPattern: device)),
                hash: hash, renderKey: renderKey)
            return kind.count == 4 ? .page(entry) : .output(entry)
        } else if kind.elementsEqual("diagnostic".utf8) {
            guard f.count == 7, let severity = Diagnostic.Severity(rawValue: text(f[1])),
                let line = integer(f[2]), let column = integer(f[3]), let file = unescape(f[5]),
                let message = unescape(f[6])
            else { return .invalid }
            let location = f[4].elementsEqual("1".utf8)
                ? SourceLocation(file: file, line: Int(line), column: Int(column)) : nil
            return .diagnostic(Diagnostic(severity, message, at: location))
        }
        return .invalid
    }

    private static func text(_ bytes: ArraySlice<UInt8>) -> String { String(decoding: bytes, as: UTF8.self) }

    /// A digest as 16 hex digits, read from the bytes.
    private static func hex(_ bytes: ArraySlice<UInt8>) -> ContentHash? {
        guard bytes.count == 16 else { return nil }
        var value: UInt64 = 0
        for byte in bytes {
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: return nil
            }
            value = value << 4 | UInt64(digit)
        }
        return ContentHash(value: value)
    }

    /// A decimal integer (stamps are written as signed 64-bit values).
    private static func integer(_ bytes: ArraySlice<UInt8>) -> Int64? {
        var value: Int64 = 0
        var negative = false
        var digits = 0
        for (i, byte) in bytes.enumerated() {
            if i == 0 && byte == UInt8(ascii: "-") { negative = true; continue }
            guard byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") else { return nil }
            let (times, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times.addingReportingOverflow(Int64(byte - UInt8(ascii: "0")))
            guard !overflow1 && !overflow2 else { return nil }
            value = sum
            digits += 1
        }
        return digits > 0 ? (negative ? -value : value) : nil
    }

    /// The text of an escaped field; nil when it is not valid UTF-8 or uses an unknown escape.
    static func unescape(_ field: ArraySlice<UInt8>) -> String? {
        if field.elementsEqual("\\e".utf8) { return "" }
        guard field.contains(UInt8(ascii: "\\")) else {
            // ASCII needs no validation; checked here, it skips the generic validating path.
            if ASCII.isASCII(field) { return String(decoding: field, as: UTF8.self) }
            return String(validating: field, as: UTF8.self)
        }
        var out: [UInt8] = []
        var escaping = false
        for byte in field {
            if escaping {
                switch byte {
                case UInt8(ascii: "\\"): out.append(byte)
                case UInt8(ascii: "s"): out.append(UInt8(ascii: " "))
                case UInt8(ascii: "t"): out.append(UInt8(ascii: "\t"))
                case UInt8(ascii: "n"): out.append(UInt8(ascii: "\n"))
                case UInt8(ascii: "r"): out.append(UInt8(ascii: "\r"))
                default: return nil
                }
                escaping = false
            } else if byte == UInt8(ascii: "\\") {
                escaping = true
            } else {
                out.append(byte)
            }
        }
        return escaping ? nil : String(validating: out, as: UTF8.self)
    }

    static func escape(_ text: String) -> String {
        let special: (UInt8) -> Bool = { $0 == UInt8(ascii: "\\") || $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") || $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\r") }
        if !text.isEmpty && !text.utf8.contains(where: special) { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text.unicodeScalars {
            switch character {
            case "\\": out += "\\\\"
            case " ": out += "\\s"
            case "\t": out += "\\t"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            default: out.unicodeScalars.append(character)
            }
        }
        return out.isEmpty ? "\\e" : out
    }
}
