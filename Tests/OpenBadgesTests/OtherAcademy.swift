import BadgeCore
import Foundation
import OpenBadges
import Primitives

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
