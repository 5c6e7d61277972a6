import BadgeCore
import BadgeTesting
import Testing

@Suite("Badge class validation")
struct BadgeClassValidationTests {
    private func expectInvalid(_ field: String, _ change: (inout BadgeClass) -> Void) throws {
        var badgeClass = try SampleCatalog.microCredential()
        change(&badgeClass)
        let error = #expect(throws: BadgeCoreError.self) { try badgeClass.validate() }
        #expect(error?.code == .validation)
        #expect(error?.field == field)
    }

    @Test func sampleMicroCredentialIsValid() throws {
        try SampleCatalog.microCredential().validate()
    }

    @Test(arguments: [2.0, 2.5, 30.5, 45])
    func microCredentialOutsideThreeToThirtyECIsRejected(ects: Double) throws {
        try expectInvalid("ects") { $0.ects = ects }
    }

    @Test(arguments: [3.0, 3.5, 29.5, 30])
    func microCredentialWithinRangeInHalfPointsIsAccepted(ects: Double) throws {
        var badgeClass = try SampleCatalog.microCredential()
        badgeClass.ects = ects
        try badgeClass.validate()
    }

    @Test func ectsMustBeAMultipleOfHalfAPoint() throws {
        try expectInvalid("ects") { $0.ects = 4.25 }
    }

    @Test func microCredentialNeedsStudyLoadOfEightyHours() throws {
        try expectInvalid("study_load") { $0.studyLoad = 79 }
        try expectInvalid("study_load") { $0.studyLoad = nil }
    }

    @Test func microCredentialNeedsItsAccreditationMetadata() throws {
        try expectInvalid("participation") { $0.participation = nil }
        try expectInvalid("assessment_type") { $0.assessmentType = nil }
        try expectInvalid("quality_assurance") { $0.qualityAssurance = nil }
        try expectInvalid("learning_outcome") { $0.learningOutcome = nil }
        try expectInvalid("eqf") { $0.eqf = nil }
        try expectInvalid("quality_assurance.url") { $0.qualityAssurance?.url = "nvao" }
    }

    @Test func regularClassNeedsProgrammeIdentifierAndEQF() throws {
        try expectInvalid("education_program_identifier") {
            $0.kind = .regular
            $0.educationProgramIdentifiers = []
        }
        try expectInvalid("eqf") {
            $0.kind = .regular
            $0.educationProgramIdentifiers = [50393]
            $0.eqf = nil
        }
    }

    @Test func extraCurricularNeedsOnlyTheBasics() throws {
        var badgeClass = BadgeClass(
            issuerID: UUIDv7Generator().makeID(),
            kind: .extraCurricular,
            name: LocalizedText(nl: "Mentor"),
            description: LocalizedText(nl: "Een jaar mentor geweest."),
            criteria: .init(url: "https://example.org/mentor"),
            language: "nl_NL"
        )
        try badgeClass.validate()
        badgeClass.timeInvestment = 0
        #expect(throws: BadgeCoreError.self) { try badgeClass.validate() }
    }

    @Test func baseRulesNameTheirField() throws {
        try expectInvalid("eqf") { $0.eqf = 9 }
        try expectInvalid("language") { $0.language = "dutch" }
        try expectInvalid("name") { $0.name = LocalizedText(en: "  ") }
        try expectInvalid("criteria") { $0.criteria = .init() }
        try expectInvalid("alignments[0].target_url") { $0.alignments[0].targetURL = "esco skill" }
        try expectInvalid("tags[0]") { $0.tags[0] = String(repeating: "x", count: 65) }
        try expectInvalid("name.en") { $0.name.en = String(repeating: "x", count: 256) }
    }
}
