import Foundation

/// The fixed, locale-free text of grades and days in verdicts: a number rounded half to even on
/// its shortest decimal form, as ICU's number formatting rounds (`7.5`, `10`, `0.55`), and a UTC
/// calendar day (`2026-11-20`). Judging a grade is cheaper than a format style, so verdicts
/// format with this and fall back to a format style only for numbers in exponent form.
enum GradeText {
    private static let fallback = (0...6).map {
        FloatingPointFormatStyle<Double>(locale: Locale(identifier: "en_US_POSIX")).precision(.fractionLength(0...$0)).grouping(.never)
    }

    /// `value` with at most `digits` (0…6) decimals and no trailing zeros.
    static func number(_ value: Double, digits: Int) -> String {
        let digits = min(max(digits, 0), 6)
        let shortest = String(value)
        guard value.isFinite, !shortest.contains("e") else { return fallback[digits].format(value) }
        var text = Substring(shortest)
        let isNegative = text.hasPrefix("-")
        if isNegative { text = text.dropFirst() }
        let parts = text.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        var whole = Array(parts[0].utf8)
        var fraction = parts.count > 1 ? Array(parts[1].utf8) : []
        if fraction.count > digits {
            let rest = fraction[digits...]
            fraction.removeLast(fraction.count - digits)
            let first = rest.first ?? UInt8(ascii: "0")
            let lastKept = fraction.last ?? whole.last ?? UInt8(ascii: "0")
            let roundsUp =
                first > UInt8(ascii: "5")
                || (first == UInt8(ascii: "5") && (rest.dropFirst().contains { $0 != UInt8(ascii: "0") } || (lastKept - 48) % 2 == 1))
            if roundsUp, increment(&fraction), increment(&whole) { whole.insert(UInt8(ascii: "1"), at: 0) }
        }
        while fraction.last == UInt8(ascii: "0") { fraction.removeLast() }
        let isZero = !whole.contains { $0 != UInt8(ascii: "0") } && fraction.isEmpty
        var result = isNegative && !isZero ? "-" : ""
        result += String(decoding: whole, as: UTF8.self)
        if !fraction.isEmpty { result += "." + String(decoding: fraction, as: UTF8.self) }
        return result
    }

    /// Adds one to the last digit; true when it carries out of the first.
    private static func increment(_ digits: inout [UInt8]) -> Bool {
        for index in digits.indices.reversed() {
            if digits[index] == UInt8(ascii: "9") {
                digits[index] = UInt8(ascii: "0")
            } else {
                digits[index] += 1
                return false
            }
        }
        return true
    }

    /// The UTC calendar day of `date`, such as `2026-11-20` (Gregorian; days before 1600, when
    /// calendars differ, are left to the format style).
    static func day(_ date: Date) -> String {
        let days = Int((date.timeIntervalSince1970 / 86_400).rounded(.down))
        // Days to civil date.
        let shifted = days + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        guard (1_600...9_999).contains(year) else { return fallbackDay.format(date) }
        return pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2)
    }

    private static let fallbackDay = Date.ISO8601FormatStyle(timeZone: .gmt).year().month().day()

    private static func pad(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(width - text.count, 0)) + text
    }
}
