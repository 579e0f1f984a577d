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
