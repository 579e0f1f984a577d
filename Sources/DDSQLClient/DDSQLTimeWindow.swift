import Foundation

/// The query's time window, `[from, to)` in Unix milliseconds. The API requires one even for tables it does
/// not affect.
public struct DDSQLTimeWindow: Sendable, Equatable {
    public var fromMilliseconds: Int64
    public var toMilliseconds: Int64

    public init(fromMilliseconds: Int64, toMilliseconds: Int64) {
        self.fromMilliseconds = fromMilliseconds
        self.toMilliseconds = toMilliseconds
    }

    public init(from: Date, to: Date) {
        self.init(
            fromMilliseconds: UnixMilliseconds.milliseconds(from), toMilliseconds: UnixMilliseconds.milliseconds(to))
    }

    /// The `duration` before `now`.
    public static func last(_ duration: Duration, now: Date = Date()) -> DDSQLTimeWindow {
        DDSQLTimeWindow(from: now.addingTimeInterval(-duration.seconds), to: now)
    }

    /// The hour before now.
    public static var lastHour: DDSQLTimeWindow { last(.seconds(3600)) }
}
