import BadgeCore
import EDCI
import Foundation
import Testing

@Suite struct EDCIImporterTests {
    private func importer() throws -> EDCIImporter {
        EDCIImporter(schema: try Fixtures.presentationSchema())
    }

    @Test func importsTheSimpleSample() throws {
        let result = try importer().importCredential(from: try Fixtures.sample("EDC_WileECoyote_Simple.xml"))
        #expect(result.credentialID == "urn:credential:a302d79e-34ac-4f68-b0c0-4042a93dfd5c")
        #expect(result.badgeClass.name.en == "Sample credential")
        #expect(result.issuer.name.en == "Acme Corporation")
        #expect(result.issuer.country == "http://publications.europa.eu/resource/authority/country/AND")
        #expect(result.issuer.identifiers.contains(EDCIIdentifier(scheme: "registration", value: "WB-000001")))
        #expect(result.learner.fullName == "Wile Coyote")
        #expect(result.learner.email == "Wile.coyote@acme.cat")
        #expect(result.issuedOn == (try Date("2022-02-02T13:15:15Z", strategy: .iso8601)))
        #expect(result.signature.status == .unsigned)
        let paths = Set(result.diagnostics.map(\.path))
        #expect(paths.contains("/europassCredential/credentialSubject/dateOfBirth"))
        #expect(paths.contains("/europassCredential/credentialSubject/gender"))
        #expect(paths.contains("/europassCredential/agentReferences/organization/altLabel"))
        #expect(!paths.contains("/europassCredential/title"))
    }

    @Test func importsTheDegreeWithItsPartsECTSAndEQF() throws {
        let result = try importer().importCredential(from: try Fixtures.sample("EDC_SampleDegree_AA.xml"))
        let degree = result.badgeClass
        #expect(degree.name.en == "Master of Science in Civil Engineering")
        #expect(degree.ects == 120)
        #expect(degree.eqf == 5)
        #expect(degree.grade == "excellent (5)")
        #expect(degree.parts.count == 5)
        #expect(degree.parts.allSatisfy { $0.ects != nil && $0.eqf == 5 })
        #expect(degree.learningOutcome != nil)
        #expect(result.issuer.country == "HR")
        #expect(!result.diagnostics.isEmpty)
    }

    @Test func importsTheParticipationCertificate() throws {
        let result = try importer().importCredential(from: try Fixtures.sample("EDC_SampleACT_AA.xml"))
        #expect(!result.badgeClass.name.isEmpty)
        #expect(result.diagnostics.contains { $0.path.contains("activities") })
    }

    @Test func importsTheSignedPresentationAndReportsItsSignature() throws {
        let result = try importer().importCredential(from: try Fixtures.sample("presentation/EDC_DiplomaSupplement_AA.xml"))
        #expect(result.signature.status == .valid, "\(result.signature.reason)")
        #expect(!result.badgeClass.name.isEmpty)
        #expect(result.diagnostics.contains { $0.path.hasPrefix("/verifiablePresentation/issuer") })
        #expect(!result.diagnostics.contains { $0.path.hasPrefix("/verifiablePresentation/proof") })
    }

    @Test func refusesEveryLegacyDocumentNamingTheSchemaProblem() throws {
        let folder = Fixtures.samples.appendingPathComponent("legacy-1.0")
        let files = try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil).filter { $0.pathExtension == "xml" }
        #expect(files.count == 4)
        for file in files {
            let error = try #require(throws: EDCIError.self) { try importer().importCredential(from: try Data(contentsOf: file)) }
            #expect(error.code == .schemaInvalid)
            #expect(error.message.contains("line 13"))
            #expect(error.message.contains("primaryLanguage"))
        }
    }

    @Test func aBadgedExportRoundTripsThroughImport() throws {
        let keys = try TestKeys.generate()
        let export = try EDCIExporter().export(SampleInput.composite)
        try EDCISigner(privateKeyPEM: keys.privateKeyPEM, certificatePEM: keys.certificatePEM).sign(export.document)
        let result = try importer().importCredential(from: export.document.serialized())
        let original = SampleInput.composite.achievement.badgeClass
        #expect(result.signature.status == .valid)
        #expect(result.credentialID == SampleInput.composite.achievement.assertionID)
        #expect(result.badgeClass.name == original.name)
        #expect(result.badgeClass.description == original.description)
        #expect(result.badgeClass.ects == 30)
        #expect(result.badgeClass.eqf == 6)
        #expect(result.badgeClass.studyLoad == 840)
        #expect(result.badgeClass.language == "en_EN")
        #expect(result.badgeClass.learningOutcome == original.learningOutcome)
        #expect(result.badgeClass.criteria == original.criteria)
        #expect(result.badgeClass.grade == "8.5")
        #expect(result.badgeClass.parts.map(\.name.en) == ["Statistics", "Machine Learning"])
        #expect(result.issuer.name == SampleInput.issuer.name)
        #expect(result.issuer.country == "NL")
        #expect(result.issuer.identifiers.contains(EDCIIdentifier(scheme: "SCHAC", value: "uva.nl")))
        #expect(result.institution?.name == SampleInput.institution.name)
        #expect(result.learner.givenNames == "Anne")
        #expect(result.diagnostics == [], "\(result.diagnostics)")
        let badgeClass = result.badgeClass.makeBadgeClass(issuerID: SampleInput.issuerID, kind: .regular)
        #expect(badgeClass.eqf == 6)
    }

    @Test(arguments: [
        "<a/>", "not xml",
        "<!DOCTYPE a [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><a>&e;</a>",
    ])
    func refusesHostileOrForeignInput(input: String) throws {
        let error = try #require(throws: EDCIError.self) { try importer().importCredential(from: Data(input.utf8)) }
        #expect([EDCIError.Code.schemaInvalid, .malformed, .forbiddenConstruct].contains(error.code))
    }

    @Test func refusesOversizedInputWithTheConfiguredLimit() throws {
        let small = EDCIImporter(schema: try Fixtures.presentationSchema(), limits: .init(maxBytes: 1_000))
        let error = try #require(throws: EDCIError.self) { try small.importCredential(from: try Fixtures.sample("EDC_WileECoyote_Simple.xml")) }
        #expect(error.code == .tooLarge)
    }
}
