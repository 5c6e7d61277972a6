import Foundation

/// Open Badges timestamps: ISO 8601 in UTC with a `Z`, whole seconds (`2026-01-15T10:00:00Z`);
/// the verifier rejects timestamps without a timezone.
enum OpenBadgesDate {
    static func string(from date: Date) -> String {
        let whole = Date(timeIntervalSince1970: date.timeIntervalSince1970.rounded(.down))
        return whole.formatted(Date.ISO8601FormatStyle(timeZone: TimeZone(secondsFromGMT: 0) ?? .gmt))
    }
}
