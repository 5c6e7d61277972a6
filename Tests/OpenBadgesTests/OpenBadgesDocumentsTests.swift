import BadgeCore
import Foundation
import OpenBadges
import Primitives
import Testing

@Suite struct OpenBadgesDocumentsTests {
    let documents: OpenBadgesDocuments

    init() throws {
        documents = OpenBadgesDocuments(urls: try Fixture.urls())
    }

    @Test func publicURLsFollowTheDocumentedScheme() throws {
        let urls = try Fixture.urls("http://127.0.0.1:8080/")
        #expect(urls.baseURL == "http://127.0.0.1:8080")
        #expect(urls.issuer(Fixture.issuerID) == "http://127.0.0.1:8080/public/issuers/0192f3a0-0000-7000-8000-000000000003")
        #expect(urls.revocationList(issuer: Fixture.issuerID).hasSuffix("/public/issuers/0192f3a0-0000-7000-8000-000000000003/revocations"))
        #expect(urls.badgeClass(Fixture.badgeClassID).hasSuffix("/public/badge-classes/0192f3a0-0000-7000-8000-000000000004"))
        #expect(urls.assertion(Fixture.assertionID).hasSuffix("/public/assertions/0192f3a0-0000-7000-8000-000000000005"))
        #expect(urls.signedAssertion(Fixture.assertionID).hasSuffix("/public/assertions/0192f3a0-0000-7000-8000-000000000005.jws"))
        #expect(urls.key("k1") == "http://127.0.0.1:8080/public/keys/k1")
        #expect(urls.extensionContext(.ects) == "http://127.0.0.1:8080/public/extensions/ECTSExtension/context.json")
        #expect(urls.extensionSchema(.ects) == "http://127.0.0.1:8080/public/extensions/ECTSExtension/schema.json")
    }

    @Test(arguments: ["", "127.0.0.1:8080", "ftp://example.org", "https://example.org/?q=1", "https://example.org/#x"])
    func rejectsBaseURLsThatAreNotPlainWebURLs(_ base: String) {
        #expect(throws: OpenBadgesError.self) { try PublicURLs(baseURL: base) }
    }

    @Test func issuerProfileHasTheShapeTheVerifierAccepts() throws {
        let profile = documents.issuerProfile(Fixture.issuer, institution: Fixture.institution, publicKeyIDs: ["k1"])
        #expect(profile["@context"] == "https://w3id.org/openbadges/v2")
        #expect(profile["type"] == "Issuer")
        #expect(profile["id"] == "http://127.0.0.1:8080/public/issuers/0192f3a0-0000-7000-8000-000000000003")
        #expect(profile["name"] == "Faculty of Science")
        #expect(profile["email"] == "badges@uva.nl")
        #expect(profile["publicKey"] == "http://127.0.0.1:8080/public/keys/k1")
        #expect(profile["revocationList"] == "http://127.0.0.1:8080/public/issuers/0192f3a0-0000-7000-8000-000000000003/revocations")
        #expect(profile["verification"] == nil)
        let brin = try #require(profile["extensions:InstitutionIdentifierExtension"])
        #expect(brin["InstitutionIdentifier"] == "21PK")
        #expect(brin["type"] == ["Extension", "extensions:InstitutionIdentifierExtension"])
        #expect(brin["@context"] == "http://127.0.0.1:8080/public/extensions/InstitutionIdentifierExtension/context.json")
        #expect(profile["extensions:InstitutionNameExtension"]?["InstitutionName"] == "University of Amsterdam")
        #expect(profile["extensions:InstitutionCountryExtension"]?["InstitutionCountry"] == "NL")
        #expect(profile["extensions:GradingTableExtension"]?["GradingTableURL"] == "https://www.uva.nl/grading-table")
    }

    @Test func issuerWithoutKeysHasNoPublicKeyAndSeveralKeysAreAList() {
        let hostedOnly = documents.issuerProfile(Fixture.issuer, institution: Fixture.institution)
        #expect(hostedOnly["publicKey"] == nil)
        let rotating = documents.issuerProfile(Fixture.issuer, institution: Fixture.institution, publicKeyIDs: ["new", "old"])
        #expect(rotating["publicKey"] == ["http://127.0.0.1:8080/public/keys/new", "http://127.0.0.1:8080/public/keys/old"])
    }

    @Test func badgeClassCarriesEveryExtensionItHasAValueFor() throws {
        let badge = documents.badgeClass(Fixture.badgeClass)
        #expect(badge["type"] == "BadgeClass")
        #expect(badge["issuer"] == "http://127.0.0.1:8080/public/issuers/0192f3a0-0000-7000-8000-000000000003")
        #expect(badge["criteria"] == ["narrative": "Pass the exam with at least 5.5.", "id": "https://www.uva.nl/la/criteria"])
        #expect(badge["image"] == "http://127.0.0.1:8080/public/badge-classes/0192f3a0-0000-7000-8000-000000000004/image")
        #expect(badge["extensions:LanguageExtension"]?["Language"] == "en_EN")
        #expect(badge["extensions:ECTSExtension"]?["ECTS"] == .double(2.5))
        #expect(badge["extensions:EQFExtension"]?["EQF"] == 6)
        #expect(badge["extensions:LearningOutcomeExtension"]?["LearningOutcome"] == "Solve linear systems.")
        #expect(badge["extensions:EducationProgramIdentifierExtension"]?["EducationProgramIdentifier"] == 56604)
        #expect(badge["extensions:StudyLoadExtension"]?["StudyLoad"] == 70)
        #expect(badge["extensions:TimeInvestmentExtension"] == nil)
        #expect(badge["alignment"]?.arrayValue?.first?["targetUrl"] == "http://data.europa.eu/esco/skill/abc")
        #expect(badge["tags"] == ["mathematics"])
    }

    @Test func extraCurricularClassStillStatesItsLanguageAndUsesDutchWhenTaughtInDutch() {
        var content = BadgeClass(
            issuerID: Fixture.issuerID,
            kind: .extraCurricular,
            name: LocalizedText(en: "Choir", nl: "Koor"),
            description: LocalizedText(nl: "Zingen"),
            criteria: .init(narrative: LocalizedText(nl: "Meezingen")),
            language: "nl_NL",
            imageURL: "https://www.uva.nl/koor.png"
        )
        content.timeInvestment = 40
        content.educationProgramIdentifiers = [1, 2]
        let badge = documents.badgeClass(
            Record(id: Fixture.badgeClassID, institutionID: Fixture.institutionID, content: content, createdAt: Fixture.issuedOn)
        )
        #expect(badge["name"] == "Koor")
        #expect(badge["image"] == "https://www.uva.nl/koor.png")
        #expect(badge["extensions:LanguageExtension"]?["Language"] == "nl_NL")
        #expect(badge["extensions:TimeInvestmentExtension"]?["TimeInvestment"] == 40)
        #expect(badge["extensions:EducationProgramIdentifierExtension"]?["EducationProgramIdentifier"] == [1, 2])
        #expect(badge["extensions:ECTSExtension"] == nil)
    }

    @Test func hostedAssertionPublishesOnlyTheHashedRecipient() throws {
        let document = documents.assertion(Fixture.assertion())
        #expect(document["type"] == "Assertion")
        #expect(document["id"] == "http://127.0.0.1:8080/public/assertions/0192f3a0-0000-7000-8000-000000000005")
        #expect(document["verification"] == ["type": "HostedBadge"])
        #expect(document["issuedOn"] == "2026-01-15T10:00:00Z")
        #expect(document["recipient"]?["hashed"] == true)
        #expect(document["recipient"]?["type"] == "email")
        #expect(document["recipient"]?["identity"]?.stringValue?.hasPrefix("sha256$") == true)
        #expect(document["evidence"] == [["id": "https://lms.example.org/grades/1", "narrative": "Exam grade 8.0"]])
        #expect(document["revoked"] == nil)
        let text = document.encodedString().lowercased()
        #expect(!text.contains("alice"))
        #expect(document["grade"] == nil)
    }

    @Test func signedAssertionNamesItsCreatorKey() {
        let document = documents.assertion(Fixture.assertion(.signed(keyID: "k1")))
        #expect(document["verification"] == ["type": "SignedBadge", "creator": "http://127.0.0.1:8080/public/keys/k1"])
    }

    @Test func revokedAssertionSaysSoAndTheRevocationListListsIt() {
        var revoked = Fixture.assertion(id: Fixture.uuid(9))
        revoked.revoke(at: Fixture.issuedOn.addingTimeInterval(60), reason: "Awarded in error")
        revoked.revoke(at: Fixture.issuedOn.addingTimeInterval(120), reason: "second reason is ignored")
        let document = documents.assertion(revoked)
        #expect(document["revoked"] == true)
        #expect(document["revocationReason"] == "Awarded in error")
        var otherIssuer = Fixture.assertion(id: Fixture.uuid(10))
        otherIssuer.issuerID = Fixture.uuid(99)
        otherIssuer.revoke(at: Fixture.issuedOn, reason: "x")
        let list = documents.revocationList(issuerID: Fixture.issuerID, assertions: [Fixture.assertion(), revoked, otherIssuer])
        #expect(list["type"] == "RevocationList")
        #expect(list["issuer"] == "http://127.0.0.1:8080/public/issuers/0192f3a0-0000-7000-8000-000000000003")
        // One entry is also listed as a bare id, so JSON-LD compaction keeps an array (see the doc comment).
        #expect(
            list["revokedAssertions"] == [
                ["id": "http://127.0.0.1:8080/public/assertions/0192f3a0-0000-7000-8000-000000000009", "revocationReason": "Awarded in error"],
                "http://127.0.0.1:8080/public/assertions/0192f3a0-0000-7000-8000-000000000009",
            ]
        )
        var second = Fixture.assertion(id: Fixture.uuid(11))
        second.revoke(at: Fixture.issuedOn, reason: "Fraud")
        let two = documents.revocationList(issuerID: Fixture.issuerID, assertions: [second, revoked])
        #expect(
            two["revokedAssertions"]?.arrayValue?.compactMap { $0["id"] } == [
                "http://127.0.0.1:8080/public/assertions/0192f3a0-0000-7000-8000-000000000009",
                "http://127.0.0.1:8080/public/assertions/0192f3a0-0000-7000-8000-00000000000b",
            ]
        )
        #expect(two["revokedAssertions"]?.arrayValue?.count == 2)
        #expect(documents.revocationList(issuerID: Fixture.issuerID, assertions: [])["revokedAssertions"] == [])
    }

    @Test func cryptographicKeyNamesItsOwner() {
        let key = documents.cryptographicKey(keyID: "k1", publicKeyPEM: "PEM", issuerID: Fixture.issuerID)
        #expect(key["type"] == "CryptographicKey")
        #expect(key["id"] == "http://127.0.0.1:8080/public/keys/k1")
        #expect(key["owner"] == "http://127.0.0.1:8080/public/issuers/0192f3a0-0000-7000-8000-000000000003")
        #expect(key["publicKeyPem"] == "PEM")
        #expect(key["expires"] == nil)
    }

    @Test func encodingIsSortedCompactAndDoesNotEscapeSlashes() {
        let value: JSONValue = ["b": 1, "a": ["url": "http://x/y", "n": 2.5, "w": 3.0]]
        #expect(value.encodedString() == #"{"a":{"n":2.5,"url":"http://x/y","w":3},"b":1}"#)
        #expect(value.encodedString() == value.encodedString())
    }

    @Test func assertionValidationCatchesInconsistentValues() {
        var assertion = Fixture.assertion()
        assertion.expires = assertion.issuedOn
        #expect(throws: BadgeCoreError.self) { try assertion.validate() }
        assertion = Fixture.assertion()
        assertion.evidence = [.init()]
        #expect(throws: BadgeCoreError.self) { try assertion.validate() }
        #expect(throws: Never.self) { try Fixture.assertion().validate() }
    }

    @Test func assertionRoundTripsThroughItsStorageJSON() throws {
        let assertion = Fixture.assertion(.signed(keyID: "k1"))
        let data = try JSONEncoder().encode(assertion)
        #expect(try JSONDecoder().decode(Assertion.self, from: data) == assertion)
        #expect(String(decoding: data, as: UTF8.self).contains(#""mode":"signed""#))
    }
}
