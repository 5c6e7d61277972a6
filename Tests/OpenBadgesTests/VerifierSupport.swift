import BadgeCore
import Foundation
import OpenBadges
import Synchronization

/// Serves documents from memory by URL; anything else is a 404. Counts requests.
final class InMemoryDocumentFetcher: DocumentFetcher {
    private let state: Mutex<(documents: [String: FetchedDocument], requests: [String])>

    init(_ documents: [String: FetchedDocument] = [:]) {
        state = Mutex((documents, []))
    }

    /// Serves `document` as JSON at its own `id`, or at `url`.
    func serve(_ document: JSONValue, at url: String? = nil, status: Int = 200) {
        let location = url ?? document["id"]?.stringValue ?? ""
        state.withLock { $0.documents[location] = FetchedDocument(status: status, body: document.encoded()) }
    }

    /// Serves raw text at `url`.
    func serve(text: String, at url: String, status: Int = 200) {
        state.withLock { $0.documents[url] = FetchedDocument(status: status, body: Data(text.utf8)) }
    }

    /// Every URL requested, in order.
    var requests: [String] { state.withLock { $0.requests } }

    func get(_ url: URL, maximumBytes: Int) async throws -> FetchedDocument {
        let document = state.withLock { state -> FetchedDocument? in
            state.requests.append(url.absoluteString)
            return state.documents[url.absoluteString]
        }
        guard let document else { return FetchedDocument(status: 404, body: Data()) }
        guard document.body.count <= maximumBytes else { throw OpenBadgesError(.tooLarge, "too large") }
        return document
    }
}

/// A pinned clock.
struct FixedClock: TimeSource {
    var date: Date
    func now() -> Date { date }
}

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

/// "Other Academy", an issuer badged knows nothing about: its documents are written by hand.
enum Other {
    static let issuer = "https://other.example/issuer"
    static let badgeClass = "https://other.example/badges/rust"
    static let key = "https://other.example/keys/1"
    static let revocations = "https://other.example/revocations"
    static let salt = "pepper-42"
    static let identity = "bob@other.example"
    static let context: JSONValue = "https://w3id.org/openbadges/v2"

    static func documents(publicKeyPEM: String) -> [JSONValue] {
        [
            [
                "@context": context, "type": "Issuer", "id": .string(issuer), "name": "Other Academy", "url": "https://other.example/",
                "email": "badges@other.example", "publicKey": .string(key), "revocationList": .string(revocations),
            ],
            [
                "@context": context, "type": "BadgeClass", "id": .string(badgeClass), "name": "Rust Basics",
                "description": "Writes safe Rust.", "image": "https://other.example/badges/rust.png",
                "criteria": ["narrative": "Finish the course."], "issuer": .string(issuer),
            ],
            ["@context": context, "type": "CryptographicKey", "id": .string(key), "owner": .string(issuer), "publicKeyPem": .string(publicKeyPEM)],
            [
                "@context": context, "type": "RevocationList", "id": .string(revocations), "issuer": .string(issuer),
                "revokedAssertions": [["id": "https://other.example/assertions/old", "revocationReason": "Replaced"]],
            ],
        ]
    }

    /// An assertion of Other Academy (hosted at `id`, or signed when `signed`).
    static func assertion(id: String, signed: Bool, extra: [String: JSONValue] = [:]) -> JSONValue {
        var document: [String: JSONValue] = [
            "@context": context, "type": "Assertion", "id": .string(id),
            "recipient": ["type": "email", "hashed": true, "salt": .string(salt), "identity": .string(sha256(identity + salt))],
            "badge": .string(badgeClass), "issuedOn": "2026-02-01T09:30:00+01:00",
            "verification": signed ? ["type": "SignedBadge", "creator": .string(key)] : ["type": "HostedBadge"],
        ]
        document.merge(extra) { _, new in new }
        return .object(document)
    }

    static func sha256(_ text: String) -> String {
        RecipientHasher.hash(Recipient(type: .id, identity: text), salt: "").identity
    }
}

extension Other {
    /// Replaces Other Academy's RevocationList with one holding `entry`.
    static func serveList(_ entry: JSONValue, in world: VerifierWorld) {
        world.fetcher.serve([
            "@context": context, "type": "RevocationList", "id": .string(revocations), "issuer": .string(issuer), "revokedAssertions": [entry],
        ])
    }
}
