import Foundation
import Testing

@testable import BadgeCore

/// Verdicts format grades and days without format styles; the text must be what the format
/// styles gave (the audit's sentences and golden explanations stay the same).
@Suite("Grade text")
struct GradeTextTests {
    static func reference(_ value: Double, digits: Int) -> String {
        value.formatted(
            FloatingPointFormatStyle<Double>(locale: Locale(identifier: "en_US_POSIX")).precision(.fractionLength(0...digits)).grouping(.never)
        )
    }

    @Test(arguments: 0...6)
    func gradesOnAHundredthGridMatchTheFormatStyle(digits: Int) {
        for hundredths in 0...10_000 {
            let value = Double(hundredths) / 100
            #expect(GradeText.number(value, digits: digits) == Self.reference(value, digits: digits), "\(value)")
        }
    }

    @Test func ratiosAndHalfwayValuesMatchTheFormatStyle() {
        var values: [Double] = [5.45, 5.55, 2.675, 0.125, 9.995, 99.995, 0.5, 1.5, 2.5, 1e-7, 123_456.789, 5.499, 5.4999999, 0]
        for given in stride(from: 0.0, through: 20, by: 0.25) {
            for maximum in [3.0, 7, 9, 10, 11, 13, 100] { values.append(given / maximum * 100) }
        }
        for value in values {
            for digits in 0...6 {
                #expect(GradeText.number(value, digits: digits) == Self.reference(value, digits: digits), "\(value) to \(digits)")
            }
        }
    }

    @Test func daysMatchTheISOFormatStyle() {
        let style = Date.ISO8601FormatStyle(timeZone: .gmt).year().month().day()
        for offset in stride(from: -600.0 * 365 * 86_400, through: 400 * 365 * 86_400, by: 86_400 * 17.37) {
            let date = Date(timeIntervalSince1970: offset)
            #expect(GradeText.day(date) == style.format(date), "\(offset)")
        }
        #expect(GradeText.day(Date(timeIntervalSince1970: 1_763_596_800)) == "2025-11-20")
        #expect(GradeText.day(Date(timeIntervalSince1970: -1)) == "1969-12-31")
    }
}
