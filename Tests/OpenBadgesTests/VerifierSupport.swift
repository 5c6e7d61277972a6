import BadgeCore
import Foundation
import OpenBadges
import Primitives

/// badged's own documents (under `https://badges.example.edu`) and a third-party issuer's
/// hand-written ones (under `https://other.example`), served from one in-memory fetcher.
struct VerifierWorld {
    static let now = Date(timeIntervalSince1970: 1_780_000_000)  // 2026-05-28
    static let badgedBase = "https://badges.example.edu"

    let fetcher = InMemoryDocumentFetcher()
    let urls: PublicURLs
    let documents: OpenBadgesDocuments
    let key: SigningKey
    let otherKey: SigningKey

    init() throws {
        urls = try PublicURLs(baseURL: Self.badgedBase)
        documents = OpenBadgesDocuments(urls: urls)
        key = try Fixture.signingKey()
        otherKey = try Fixture.signingKey("other-1", file: "Fixtures/test-signing-key-2.pem")
        fetcher.serve(documents.issuerProfile(Fixture.issuer, institution: Fixture.institution, publicKeyIDs: [key.id]))
        fetcher.serve(documents.badgeClass(Fixture.badgeClass))
        fetcher.serve(documents.cryptographicKey(keyID: key.id, publicKeyPEM: key.publicKeyPEM, issuerID: Fixture.issuerID))
        fetcher.serve(documents.revocationList(issuerID: Fixture.issuerID, assertions: []))
        for document in Other.documents(publicKeyPEM: otherKey.publicKeyPEM) { fetcher.serve(document) }
    }

    var verifier: BadgeVerifier<InMemoryDocumentFetcher> {
        BadgeVerifier(fetcher: fetcher, clock: FixedClock(date: Self.now))
    }

    /// A badged assertion, served at its id when hosted.
    func hosted(_ change: (inout Assertion) -> Void = { _ in }) -> (url: String, document: JSONValue) {
        var assertion = Fixture.assertion(.hosted)
        change(&assertion)
        let document = documents.assertion(assertion)
        fetcher.serve(document)
        return (urls.assertion(assertion.id), document)
    }

    /// A badged assertion signed with `key`.
    func signed(_ change: (inout Assertion) -> Void = { _ in }) throws -> String {
        var assertion = Fixture.assertion(.signed(keyID: key.id))
        change(&assertion)
        return try AssertionSigner(key: key, documents: documents).sign(assertion)
    }

    /// Signs any payload with `signingKey` under the RS256 header.
    func sign(_ payload: JSONValue, with signingKey: SigningKey) throws -> String {
        try AssertionSigner(key: signingKey, documents: documents).sign(payload: payload.encoded())
    }
}
