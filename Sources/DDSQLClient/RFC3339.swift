import Foundation

/// RFC 3339 timestamps, the row JSON form of `timestamp` (accepted where a value is not Unix milliseconds), read
/// in the proleptic Gregorian calendar as the generated row coders read them, so both forms of a row give equal
/// dates (Foundation's ISO 8601 style switches to the Julian calendar before 1582).
enum RFC3339 {
    /// The date of `2025-10-02T09:36:04Z`, `...04.250Z` or `...04+02:00` (RFC 3339's `date-time`, a fraction of
    /// any length, digits after the ninth dropped); nil for anything else, a day that does not exist included.
    static func date(from text: String) -> Date? {
        let bytes = Array(text.utf8)
        var at = 0
        func number(_ width: Int) -> Int64? {
            guard at + width <= bytes.count else { return nil }
            var value: Int64 = 0
            for byte in bytes[at..<at + width] {
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
                value = value * 10 + Int64(byte - UInt8(ascii: "0"))
            }
            at += width
            return value
        }
        func skip(_ byte: Unicode.Scalar, or other: Unicode.Scalar? = nil) -> Bool {
            guard at < bytes.count,
                bytes[at] == UInt8(ascii: byte) || other.map({ bytes[at] == UInt8(ascii: $0) }) == true
            else { return false }
            at += 1
            return true
        }
        guard let year = number(4), skip("-"), let month = number(2), skip("-"), let day = number(2),
            skip("T", or: "t"), let hour = number(2), skip(":"), let minute = number(2), skip(":"),
            let second = number(2), month >= 1, month <= 12, day >= 1, day <= daysIn(month, of: year), hour < 24,
            minute < 60, second < 60
        else { return nil }
        var nanoseconds: Int64 = 0
        if skip(".") {
            var scale: Int64 = 100_000_000
            let start = at
            while at < bytes.count, bytes[at] >= UInt8(ascii: "0"), bytes[at] <= UInt8(ascii: "9") {
                nanoseconds += Int64(bytes[at] - UInt8(ascii: "0")) * scale
                scale /= 10
                at += 1
            }
            guard at > start else { return nil }
        }
        var offsetSeconds: Int64 = 0
        if !skip("Z", or: "z") {
            guard at < bytes.count, bytes[at] == UInt8(ascii: "+") || bytes[at] == UInt8(ascii: "-") else { return nil }
            let sign: Int64 = bytes[at] == UInt8(ascii: "-") ? -1 : 1
            at += 1
            guard let hours = number(2), skip(":"), let minutes = number(2), hours < 24, minutes < 60 else {
                return nil
            }
            offsetSeconds = sign * (hours * 3600 + minutes * 60)
        }
        guard at == bytes.count else { return nil }
        let seconds =
            UnixMilliseconds.daysSince1970(year, month, day) * 86_400 + hour * 3600 + minute * 60 + second
            - offsetSeconds
        // Whole milliseconds first, as a Unix-milliseconds value becomes a `Date` (and as the generated row coders
        // read this form), so every form of one value gives the same date.
        let shifted = seconds * 1000 + nanoseconds / 1_000_000 - UnixMilliseconds.referenceOffset
        return Date(timeIntervalSinceReferenceDate: (Double(shifted) + Double(nanoseconds % 1_000_000) / 1e6) / 1000)
    }

    private static func daysIn(_ month: Int64, of year: Int64) -> Int64 {
        if month == 2 { return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28 }
        return month == 4 || month == 6 || month == 9 || month == 11 ? 30 : 31
    }
}
