import Foundation

/// RFC 3339 timestamps, the row JSON form of `timestamp` (accepted where a value is not Unix milliseconds).
enum RFC3339 {
    static func date(from text: String) -> Date? {
        if let date = try? Date(text, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true)) {
            return date
        }
        return try? Date(text, strategy: Date.ISO8601FormatStyle())
    }
}
