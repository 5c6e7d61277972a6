import BadgeCore
import BadgeTesting
import Testing

@Suite("Frozen badge class metadata")
struct BadgeClassFreezingTests {
    @Test func extensionChangesAreRefusedOnceAssertionsExist() throws {
        let original = try SampleCatalog.microCredential()
        var updated = original
        updated.ects = 6
        let error = #expect(throws: BadgeCoreError.self) {
            try original.checkUpdate(to: updated, hasUnrevokedAssertions: true)
        }
        #expect(error?.code == .frozen)
        #expect(error?.field == "ects")
        try original.checkUpdate(to: updated, hasUnrevokedAssertions: false)
    }

    @Test func presentationChangesStayAllowed() throws {
        let original = try SampleCatalog.microCredential()
        var updated = original
        updated.name.en = "Energy Transition Modelling"
        updated.tags.append("2026")
        try original.checkUpdate(to: updated, hasUnrevokedAssertions: true)
        #expect(original.frozenFieldChanges(to: updated).isEmpty)
    }

    @Test func everyFrozenFieldIsDetected() throws {
        let original = try SampleCatalog.microCredential()
        var updated = original
        updated.kind = .regular
        updated.language = "nl_NL"
        updated.eqf = 6
        updated.learningOutcome = "Other"
        updated.educationProgramIdentifiers = [1]
        updated.studyLoad = 100
        updated.timeInvestment = 10
        updated.ects = 6
        #expect(Set(original.frozenFieldChanges(to: updated)) == Set(BadgeClass.frozenFields))
    }

    @Test func aClassCannotMoveToAnotherIssuer() throws {
        let original = try SampleCatalog.microCredential()
        var updated = original
        updated.issuerID = UUIDv7Generator().makeID()
        let error = #expect(throws: BadgeCoreError.self) {
            try original.checkUpdate(to: updated, hasUnrevokedAssertions: false)
        }
        #expect(error?.field == "issuer_id")
    }
}
