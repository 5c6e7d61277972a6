import BadgeCore
import EDCI
import Foundation

/// A realistic export input: a UvA micro-credential stacked from two course badges.
enum SampleInput {
    static let issuedOn = Date(timeIntervalSince1970: 1_767_225_600)  // 2026-01-01T00:00:00Z
    static let issuerID = UUID(uuidString: "018F0000-0000-7000-8000-000000000001") ?? UUID()

    static let institution = Institution(
        identifier: "uva.nl",
        brin: "21PK",
        name: LocalizedText(en: "University of Amsterdam", nl: "Universiteit van Amsterdam"),
        kind: .wo,
        gradingTableURL: "https://www.uva.nl/grading"
    )

    static let issuer = Issuer(
        facultyID: issuerID,
        name: LocalizedText(en: "Faculty of Science", nl: "Faculteit der Natuurwetenschappen"),
        url: "https://www.uva.nl/science",
        email: "badges@uva.nl"
    )

    static func badgeClass(_ en: String, _ nl: String, ects: Double, eqf: Int?) -> BadgeClass {
        var badgeClass = BadgeClass(
            issuerID: issuerID,
            kind: .regular,
            name: LocalizedText(en: en, nl: nl),
            description: LocalizedText(en: "About \(en) & more <details>", nl: "Over \(nl)"),
            criteria: .init(narrative: LocalizedText(en: "Pass the exam", nl: "Haal het tentamen"), url: "https://www.uva.nl/criteria"),
            language: "en_EN",
            imageURL: "https://www.uva.nl/badge.png"
        )
        badgeClass.ects = ects
        badgeClass.eqf = eqf
        badgeClass.learningOutcome = "Can *analyse* \(en.lowercased()) data."
        badgeClass.educationProgramIdentifiers = [60_300]
        badgeClass.studyLoad = Int(ects * 28)
        return badgeClass
    }

    static var composite: EDCICredentialInput {
        EDCICredentialInput(
            institution: institution,
            issuer: issuer,
            learner: .init(
                identifier: "urn:mace:eduid.nl:1.0:abc",
                identifierScheme: "eduID",
                givenNames: "Anne",
                familyName: "de Vries",
                email: "anne@example.org"
            ),
            achievement: .init(
                badgeClass: badgeClass("Data Science Minor", "Minor Data Science", ects: 30, eqf: 6),
                badgeClassID: "https://badges.uva.nl/public/badges/minor",
                assertionID: "https://badges.uva.nl/public/assertions/a1",
                issuedOn: issuedOn,
                grade: "8.5"
            ),
            components: [
                .init(
                    badgeClass: badgeClass("Statistics", "Statistiek", ects: 6, eqf: nil),
                    assertionID: "urn:uuid:0f2d3a8e-1b7c-4f5e-9a6d-2c3b4a5d6e7f",
                    issuedOn: issuedOn,
                    grade: "7"
                ),
                .init(
                    badgeClass: badgeClass("Machine Learning", "Machinaal leren", ects: 7.5, eqf: 6),
                    assertionID: "urn:uuid:1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d",
                    issuedOn: issuedOn
                ),
            ],
            expires: Date(timeIntervalSince1970: 1_924_992_000)
        )
    }

    /// A single badge for a learner known only by an e-mail address.
    static var anonymous: EDCICredentialInput {
        var input = composite
        input.components = []
        input.learner = .init(identifier: "student@example.org")
        input.achievement.grade = nil
        input.achievement.badgeClass = badgeClass("Statistics", "Statistiek", ects: 6, eqf: nil)
        input.expires = nil
        return input
    }
}
