import Foundation
import Testing

@testable import BadgeCore

/// Credential numbers: the check symbol catches what typing from paper gets wrong, parsing
/// forgives what does not matter, and the prefix comes from the institution.
@Suite("Credential numbers")
struct CredentialNumberTests {
    /// A spread of numbers: every symbol value appears at every position.
    static var samples: [CredentialNumber] {
        (0..<64).map { CredentialNumber(prefix: "UH", random: CountingSource(start: UInt64($0) &* 0x9E37_79B9_7F4A)) }
    }

    struct CountingSource: RandomSource {
        let start: UInt64
        func bytes(_ count: Int) -> [UInt8] { (0..<count).map { UInt8(truncatingIfNeeded: start >> (8 * UInt64($0))) } }
    }

    @Test func aNumberPrintsAsPrefixAndTwoGroupsOfFour() throws {
        let number = CredentialNumber(prefix: "UH", random: CountingSource(start: 0x12_3456_789A))
        let text = number.description
        #expect(text.count == 12)
        #expect(text.hasPrefix("UH-"))
        #expect(text.split(separator: "-").map(\.count) == [2, 4, 4])
        #expect(CredentialNumber(parsing: text) == number)
        #expect(text.allSatisfy { $0 == "-" || CredentialNumber.alphabet.contains($0) || $0 == "U" || $0 == "H" })
    }

    @Test func everySingleMistypedSymbolIsCaught() {
        for number in Self.samples {
            let code = Array(number.code)
            for position in code.indices {
                for replacement in CredentialNumber.alphabet where replacement != code[position] {
                    var typed = code
                    typed[position] = replacement
                    #expect(CredentialNumber(parsing: number.prefix + String(typed)) == nil, "\(number) with \(replacement) at \(position)")
                }
            }
        }
    }

    @Test func everySwapOfAdjacentSymbolsIsCaught() {
        var swaps = 0
        for number in Self.samples {
            let code = Array(number.code)
            for position in 0..<(code.count - 1) where code[position] != code[position + 1] {
                var typed = code
                typed.swapAt(position, position + 1)
                #expect(CredentialNumber(parsing: number.prefix + String(typed)) == nil, "\(number) swapped at \(position)")
                swaps += 1
            }
        }
        #expect(swaps > 400)
    }

    @Test func everyAdjacentSwapOfEveryPairOfValuesIsCaught() {
        // Exhaustive over symbol pairs and positions: a swap changes the weighted sum.
        for a in 0..<32 {
            for b in 0..<32 where a != b {
                for position in 0..<7 {
                    var values = [UInt8](repeating: 5, count: 7)
                    values[position] = UInt8(a)
                    if position + 1 < 7 { values[position + 1] = UInt8(b) }
                    var full = values + [CredentialNumber.checkSymbol(for: values)]
                    #expect(CredentialNumber.isChecked(full))
                    guard full[position] != full[position + 1] else { continue }
                    full.swapAt(position, position + 1)
                    #expect(!CredentialNumber.isChecked(full), "values \(a), \(b) at \(position)")
                }
            }
        }
    }

    @Test func parsingForgivesCaseSpacesHyphensAndLookalikes() throws {
        let number = try #require(Self.samples.first { $0.code.contains("0") && $0.code.contains("1") })
        let compact = number.prefix + number.code
        let variants = [
            number.description,
            number.description.lowercased(),
            compact,
            compact.lowercased(),
            " \(number.prefix) \(number.code.prefix(4)) \(number.code.suffix(4)) ",
            number.description.replacingOccurrences(of: "0", with: "O"),
            number.description.replacingOccurrences(of: "1", with: "I"),
            number.description.replacingOccurrences(of: "1", with: "l"),
            number.description.replacingOccurrences(of: "-", with: "--"),
        ]
        for variant in variants {
            #expect(CredentialNumber(parsing: variant) == number, "\(variant)")
        }
    }

    @Test(arguments: ["", "UH", "UH-", "U-7K3M-Q9PX", "UHUHU-7K3M-Q9PX", "UH-7K3M-Q9P", "UH-7K3M-Q9PÜ", "12-7K3M-Q9PX", "UH-7K3M-Q9P*"])
    func malformedNumbersDoNotParse(text: String) {
        #expect(CredentialNumber(parsing: text) == nil)
    }

    /// Returns the five bytes of a 40-bit value, most significant first.
    struct BitsSource: RandomSource {
        let value: UInt64
        func bytes(_ count: Int) -> [UInt8] { (0..<count).map { UInt8(truncatingIfNeeded: value >> (8 * UInt64(count - 1 - $0))) } }
    }

    @Test func theRandomPartCarriesThirtyFiveBits() {
        // Each of 35 bits alone gives a different number, and none is the all-zero one.
        var seen: Set<String> = [CredentialNumber(prefix: "UH", random: BitsSource(value: 0)).code]
        for bit in 0..<35 {
            seen.insert(CredentialNumber(prefix: "UH", random: BitsSource(value: UInt64(1) << UInt64(bit))).code)
        }
        #expect(seen.count == 36)
    }

    @Test func thePrefixComesFromTheSettingTheNameOrTheIdentifier() {
        var institution = Institution(
            identifier: "universiteit-harderwijk.nl",
            brin: "99HW",
            name: LocalizedText(en: "University of Harderwijk", nl: "Universiteit Harderwijk"),
            kind: .wo
        )
        #expect(CredentialNumber.prefix(for: institution) == "UH")
        institution.name = LocalizedText(nl: "Hogeschool voor de Kunsten Utrecht Ëindhoven Zwolle")
        #expect(CredentialNumber.prefix(for: institution) == "HKUE")
        institution.name = LocalizedText(en: "uva")
        institution.identifier = "uva.nl"
        #expect(CredentialNumber.prefix(for: institution) == "UVA")
        institution.credentialPrefix = "AMS"
        #expect(CredentialNumber.prefix(for: institution) == "AMS")
        #expect(throws: BadgeCoreError.self) {
            institution.credentialPrefix = "A1"
            try institution.validate()
        }
    }

    @Test func aNumberEncodesAsItsCanonicalText() throws {
        let number = Self.samples[3]
        let data = try JSONEncoder().encode([number])
        #expect(String(decoding: data, as: UTF8.self) == "[\"\(number.description)\"]")
        #expect(try JSONDecoder().decode([CredentialNumber].self, from: data) == [number])
    }
}
