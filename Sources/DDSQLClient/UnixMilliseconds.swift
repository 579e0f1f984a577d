import Foundation

/// Conversions between integer Unix milliseconds (how the API sends TIMESTAMP and DATE) and `Date`.
///
/// `Date` counts seconds from 2001 as a `Double`; the shift to 2001 is done in integers so each direction
/// rounds once, which keeps every millisecond from before 1970 to the year 9999 exact in both directions.
public enum UnixMilliseconds {
    static let referenceOffset: Int64 = 978_307_200_000

    public static func date(_ milliseconds: Int64) -> Date? {
        let (shifted, overflow) = milliseconds.subtractingReportingOverflow(referenceOffset)
        guard !overflow else { return nil }
        return Date(timeIntervalSinceReferenceDate: Double(shifted) / 1000)
    }

    public static func milliseconds(_ date: Date) -> Int64 {
        let shifted = (date.timeIntervalSinceReferenceDate * 1000).rounded()
        guard shifted.isFinite, abs(shifted) < 9.0e18 else { return shifted < 0 ? .min : .max }
        return Int64(shifted) + referenceOffset
    }
}

extension UnixMilliseconds {
    /// RFC 3339 in UTC with exactly three fractional digits (`1969-12-31T23:59:59.999Z`), computed from the
    /// integer milliseconds in the proleptic Gregorian calendar, so no formatter rounding or Julian switch applies.
    public static func rfc3339(_ milliseconds: Int64) -> String {
        let (days, remainder) = floorDivision(milliseconds, 86_400_000)
        let (year, month, day) = civilDate(daysSince1970: days)
        let hour = remainder / 3_600_000
        let minute = remainder / 60_000 % 60
        let second = remainder / 1000 % 60
        let millisecond = remainder % 1000
        func pad(_ value: Int64, _ width: Int) -> String {
            let text = String(abs(value))
            return (value < 0 ? "-" : "") + String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T\(pad(hour, 2)):\(pad(minute, 2)):"
            + "\(pad(second, 2)).\(pad(millisecond, 3))Z"
    }

    public static func rfc3339(_ date: Date) -> String {
        rfc3339(milliseconds(date))
    }

    /// The UTC day of `milliseconds` as `yyyy-MM-dd` (how a DATE reads into a `String`), proleptic Gregorian.
    static func day(_ milliseconds: Int64) -> String {
        String(rfc3339(milliseconds).prefix { $0 != "T" })
    }

    /// Howard Hinnant's days-from-civil: days from 1970-01-01 to a proleptic Gregorian date.
    static func daysSince1970(_ year: Int64, _ month: Int64, _ day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    private static func floorDivision(_ value: Int64, _ divisor: Int64) -> (Int64, Int64) {
        let quotient = value / divisor
        let remainder = value % divisor
        return remainder < 0 ? (quotient - 1, remainder + divisor) : (quotient, remainder)
    }

    /// Howard Hinnant's days-to-civil algorithm.
    private static func civilDate(daysSince1970: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let z = daysSince1970 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
