import Foundation

/// Locale-free formatting and calendar arithmetic for stacking, so explanations are the same
/// string on every machine.
enum StackingFormat {
    /// EC with at most two decimals and no trailing zeros: `6`, `2.5`, `2.33`.
    static func ects(_ value: Double) -> String {
        let hundredths = Int((abs(value) * 100).rounded())
        let sign = value < 0 && hundredths != 0 ? "-" : ""
        let whole = hundredths / 100
        let fraction = hundredths % 100
        if fraction == 0 { return "\(sign)\(whole)" }
        if fraction % 10 == 0 { return "\(sign)\(whole).\(fraction / 10)" }
        return "\(sign)\(whole).\(fraction < 10 ? "0" : "")\(fraction)"
    }

    /// The UTC calendar day, such as `2026-11-20`.
    static func day(_ date: Date) -> String {
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        func padded(_ value: Int?, _ width: Int) -> String {
            let digits = String(value ?? 0)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "\(padded(parts.year, 4))-\(padded(parts.month, 2))-\(padded(parts.day, 2))"
    }

    /// The moment `months` calendar months (UTC, Gregorian) before `date`.
    static func date(months: Int, before date: Date) -> Date {
        calendar.date(byAdding: .month, value: -months, to: date) ?? date.addingTimeInterval(-Double(months) * 30.44 * 86_400)
    }

    /// Names joined as a list: `A`, `A or B`, `A, B or C`; at most `limit` shown, then "N others".
    static func list(_ items: [String], conjunction: String, limit: Int = 6) -> String {
        var shown = Array(items.prefix(limit))
        if items.count > limit { shown.append("\(items.count - limit) others") }
        guard let last = shown.popLast() else { return "" }
        return shown.isEmpty ? last : shown.joined(separator: ", ") + " \(conjunction) " + last
    }

    private static let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        calendar.locale = Locale(identifier: "en_US_POSIX")
        return calendar
    }()
}
