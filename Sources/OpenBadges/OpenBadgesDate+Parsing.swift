import Foundation
import Primitives

extension OpenBadgesDate {
    /// Parses an Open Badges DateTime: ISO 8601 with a timezone (`Z` or `±hh:mm`, optional
    /// fractional seconds), or a Unix timestamp in seconds. Nil for anything else, including
    /// timestamps without a timezone.
    static func parse(_ value: JSONValue) -> Date? {
        switch value {
        case .int(let seconds): return Date(timeIntervalSince1970: TimeInterval(seconds))
        case .double(let seconds) where seconds.isFinite: return Date(timeIntervalSince1970: seconds)
        case .string(let text):
            guard text.count <= 64 else { return nil }
            for options: ISO8601DateFormatter.Options in [[.withInternetDateTime], [.withInternetDateTime, .withFractionalSeconds]] {
                let formatter = ISO8601DateFormatter()
                formatter.formatOptions = options
                if let date = formatter.date(from: text) { return date }
            }
            return nil
        default: return nil
        }
    }
}
