import BadgeCore
import EDCI
import Foundation
import Testing

@Suite struct EDCIExporterTests {
    @Test func aCompositeCredentialValidatesAgainstTheGenericSchema() throws {
        let export = try EDCIExporter().export(SampleInput.composite)
        try Fixtures.credentialSchema().validate(export.document)
        // And after a round trip through bytes.
        try Fixtures.credentialSchema().validate(LibXMLDocument(parsing: export.xmlData()))
    }

    @Test func aCredentialForALearnerWithoutANameValidates() throws {
        let export = try EDCIExporter().export(SampleInput.anonymous)
        try Fixtures.credentialSchema().validate(export.document)
        let xml = String(decoding: export.xmlData(), as: UTF8.self)
        #expect(xml.contains("<credentialSubject id=\"mailto:student@example.org\">"))
        #expect(xml.contains("<givenNames/>"))
        #expect(xml.contains("<learningSpecification id="))
        #expect(!xml.contains("wasDerivedFrom"))
    }

    @Test func theSameInputGivesTheSameBytes() throws {
        let first = try EDCIExporter().export(SampleInput.composite).xmlData()
        let second = try EDCIExporter().export(SampleInput.composite).xmlData()
        #expect(first == second)
        #expect(first.starts(with: Data("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n".utf8)))
    }

    @Test func theCredentialCarriesTheBadgedValues() throws {
        let xml = String(decoding: try EDCIExporter().export(SampleInput.composite).xmlData(), as: UTF8.self)
        let expected = [
            "cred:id=\"https://badges.uva.nl/public/assertions/a1\"",
            "<cred:issued>2026-01-01T00:00:00Z</cred:issued>",
            "<cred:validUntil>2031-01-01T00:00:00Z</cred:validUntil>",
            "<primaryLanguage>en</primaryLanguage>",
            "<language>en</language>",
            "<language>nl</language>",
            "<text lang=\"en\" content-type=\"text/plain\">Data Science Minor</text>",
            "<text lang=\"nl\" content-type=\"text/plain\">Minor Data Science</text>",
            "About Data Science Minor &amp; more &lt;details&gt;",
            "<identifier schemeID=\"SCHAC\">uva.nl</identifier>",
            "<identifier schemeID=\"BRIN\">21PK</identifier>",
            "uri=\"http://publications.europa.eu/resource/authority/country/NLD\"",
            "<text lang=\"en\" content-type=\"text/plain\">Anne de Vries</text>",
            "<mailBox uri=\"mailto:anne@example.org\"/>",
            "<hasECTSCreditPoints>30</hasECTSCreditPoints>",
            "<hasECTSCreditPoints>7.5</hasECTSCreditPoints>",
            "<volumeOfLearning>PT840H</volumeOfLearning>",
            "uri=\"http://data.europa.eu/snb/eqf/6\"",
            "<grade>8.5</grade>",
            "<grade>7</grade>",
            "Can *analyse* data science minor data.",
            "<identifier schemeID=\"CROHO\">60300</identifier>",
            "<homepage uri=\"https://www.uva.nl/science\"/>",
            "<subject>Criteria</subject>",
        ]
        for fragment in expected {
            #expect(xml.contains(fragment), "missing \(fragment)")
        }
    }

    @Test func theComponentsBecomeCompleteAchievementsInHasPart() throws {
        let xml = String(decoding: try EDCIExporter().export(SampleInput.composite).xmlData(), as: UTF8.self)
        let hasPart = try #require(xml.range(of: "<hasPart>")).lowerBound
        let end = try #require(xml.range(of: "</hasPart>")).upperBound
        let parts = String(xml[hasPart..<end])
        #expect(parts.components(separatedBy: "<learningAchievement ").count - 1 == 2)
        #expect(parts.contains("urn:uuid:0f2d3a8e-1b7c-4f5e-9a6d-2c3b4a5d6e7f"))
        #expect(parts.contains("Machine Learning"))
        #expect(xml.contains("<hasPart idref=\"urn:badged:specification:1\"/>"))
    }

    @Test func whatEDCICannotCarryIsReportedNotDropped() throws {
        let diagnostics = try EDCIExporter().export(SampleInput.composite).diagnostics
        let paths = Set(diagnostics.map(\.path))
        #expect(paths.contains("achievement.badge_class.image_url"))
        #expect(paths.contains("components[1].badge_class.image_url"))
        #expect(paths.contains("institution.grading_table_url"))
    }

    @Test func anUnknownCountryIsADiagnosticAndStillValid() throws {
        var input = SampleInput.anonymous
        input.institution.country = "ZZ"
        let export = try EDCIExporter().export(input)
        try Fixtures.credentialSchema().validate(export.document)
        #expect(export.diagnostics.contains { $0.path == "institution.country" })
    }

    @Test func controlCharactersCannotBreakTheDocument() throws {
        var input = SampleInput.anonymous
        input.achievement.badgeClass.name = LocalizedText(en: "Bad\u{1}name\u{0}", nl: nil)
        let export = try EDCIExporter().export(input)
        try Fixtures.credentialSchema().validate(LibXMLDocument(parsing: export.xmlData()))
    }

    @Test func anEmptyAssertionIDIsRefused() throws {
        var input = SampleInput.anonymous
        input.achievement.assertionID = " "
        let error = try #require(throws: EDCIError.self) { try EDCIExporter().export(input) }
        #expect(error.code == .invalidInput)
    }
}
