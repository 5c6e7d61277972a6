import BadgeCore
import Foundation
import OpenBadges

/// What the benchmarks time RS256 signing with: a freshly generated issuer key and a typical
/// assertion payload.
enum SampleSigning {
    /// The key's id in the signer and in the sample assertion.
    static let keyID = "bench"

    /// A signer with a new issuer key.
    static func signer() throws -> AssertionSigner {
        AssertionSigner(
            key: try SigningKey.generate(id: keyID),
            documents: OpenBadgesDocuments(urls: try PublicURLs(baseURL: "https://badges.bench"))
        )
    }

    /// An assertion of the size the daemon signs.
    static func assertion(badgeClassID: UUID = UUID()) -> Assertion {
        Assertion(
            id: UUID(),
            badgeClassID: badgeClassID,
            issuerID: UUID(),
            recipient: HashedRecipient(type: .email, identity: "sha256$" + String(repeating: "a", count: 64), salt: "salt"),
            issuedOn: Date(),
            verification: .signed(keyID: keyID)
        )
    }
}
