import BadgeCore
import Foundation
import OpenBadges
import Primitives
import Testing

@Suite("Reading edubadges assertion documents")
struct EdubadgesReaderTests {
    static func bundle(badge: JSONValue? = nil, issuer: JSONValue? = nil) throws -> Data {
        let documents = OpenBadgesDocuments(urls: try Fixture.urls())
        var assertion = documents.assertion(Fixture.assertion()).objectValue ?? [:]
        assertion["badge"] = badge ?? documents.badgeClass(Fixture.badgeClass)
        var embedded = assertion["badge"]?.objectValue ?? [:]
        embedded["issuer"] = issuer ?? documents.issuerProfile(Fixture.issuer, institution: Fixture.institution)
        if badge == nil { assertion["badge"] = .object(embedded) }
        return JSONValue.object(assertion).encoded()
    }

    @Test func anEmbeddedAssertionReadsBackIntoTheBadgeClassIssuerAndInstitution() throws {
        let credential = try EdubadgesReader().read(try Self.bundle())
        let original = Fixture.badgeClassContent
        #expect(credential.assertionID.hasSuffix(Fixture.assertionID.uuidString.lowercased()))
        #expect(credential.issuedOn == Fixture.issuedOn)
        #expect(credential.badgeClass.name.preferred(original.language) == original.name.preferred(original.language))
        #expect(credential.badgeClass.ects == original.ects)
        #expect(credential.badgeClass.eqf == original.eqf)
        #expect(credential.badgeClass.learningOutcome == original.learningOutcome)
        #expect(credential.badgeClass.studyLoad == original.studyLoad)
        #expect(credential.badgeClass.educationProgramIdentifiers == original.educationProgramIdentifiers)
        #expect(credential.badgeClass.alignments == original.alignments)
        #expect(credential.badgeClass.tags == original.tags)
        #expect(credential.institution.brin == Fixture.institution.brin)
        #expect(credential.institution.country == Fixture.institution.country)
        #expect(credential.institution.gradingTableURL == Fixture.institution.gradingTableURL)
        #expect(credential.issuer.email == Fixture.issuer.content.email)
        #expect(credential.recipient.identity.hasPrefix("sha256$"))
        // Evidence and narrative have no place in the model and are listed, not dropped silently.
        #expect(Set(credential.diagnostics.map(\.path)).isSuperset(of: ["evidence", "narrative"]))
    }

    @Test func aBadgeGivenOnlyByURLOrAnIssuerWithoutBRINIsRefusedNamingThePath() throws {
        let byURL = try Self.bundle(badge: "https://elsewhere.example/badge")
        let urlError = #expect(throws: OpenBadgesError.self) { try EdubadgesReader().read(byURL) }
        #expect(urlError?.message.hasPrefix("badge:") == true)
        let bare: JSONValue = ["type": "Issuer", "id": "https://other.example/issuer", "name": "Other", "url": "https://other.example"]
        let withoutBRIN = try Self.bundle(issuer: bare)
        let brinError = #expect(throws: OpenBadgesError.self) { try EdubadgesReader().read(withoutBRIN) }
        #expect(brinError?.message.contains("InstitutionIdentifierExtension") == true)
        #expect(throws: OpenBadgesError.self) { try EdubadgesReader().read(Data("[1, 2]".utf8)) }
    }
}
