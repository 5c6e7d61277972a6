import BadgeCore
import Foundation
import OpenBadges
import Primitives
import Testing

/// With a fixed clock, salt and test key, every published document and the JWS are byte-stable.
@Suite struct GoldenTests {
    let documents: OpenBadgesDocuments

    init() throws {
        documents = OpenBadgesDocuments(urls: try Fixture.urls())
    }

    @Test func issuerProfileIsByteStable() throws {
        let profile = documents.issuerProfile(Fixture.issuer, institution: Fixture.institution, publicKeyIDs: ["test-2026"])
        try expectGolden(profile.encodedString(pretty: true) + "\n", "issuer.json")
    }

    @Test func badgeClassIsByteStable() throws {
        try expectGolden(documents.badgeClass(Fixture.badgeClass).encodedString(pretty: true) + "\n", "badge-class.json")
    }

    @Test func hostedAssertionIsByteStable() throws {
        try expectGolden(documents.assertion(Fixture.assertion()).encodedString(pretty: true) + "\n", "assertion-hosted.json")
    }

    @Test func signedAssertionJWSIsByteStable() throws {
        let key = try Fixture.signingKey()
        let jws = try AssertionSigner(key: key, documents: documents).sign(Fixture.assertion(.signed(keyID: key.id)))
        try expectGolden(jws + "\n", "assertion-signed.jws")
    }

    @Test func cryptographicKeyIsByteStable() throws {
        let key = try Fixture.signingKey()
        let document = documents.cryptographicKey(keyID: key.id, publicKeyPEM: key.publicKeyPEM, issuerID: Fixture.issuerID)
        try expectGolden(document.encodedString(pretty: true) + "\n", "key.json")
    }

    @Test func revocationListIsByteStable() throws {
        var revoked = Fixture.assertion(.signed(keyID: "test-2026"), id: Fixture.uuid(6))
        revoked.revoke(at: Fixture.issuedOn, reason: "Awarded in error")
        let list = documents.revocationList(issuerID: Fixture.issuerID, assertions: [revoked, Fixture.assertion()])
        try expectGolden(list.encodedString(pretty: true) + "\n", "revocations.json")
    }

    @Test func extensionDocumentsAreByteStable() throws {
        let extensions = ExtensionDocuments(urls: documents.urls)
        try expectGolden(extensions.context(for: .ects).encodedString(pretty: true) + "\n", "ECTSExtension-context.json")
        try expectGolden(
            extensions.schema(for: .educationProgramIdentifier).encodedString(pretty: true) + "\n",
            "EducationProgramIdentifierExtension-schema.json"
        )
    }
}
