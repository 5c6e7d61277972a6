public import BadgeCore
public import Foundation
public import Primitives

extension OpenBadgesDocuments {
    /// The Assertion document: the hosted document, or the payload of a signed one.
    ///
    /// `id` is always ``PublicURLs/assertion(_:)`` (an http(s) URL is a valid id for signed
    /// assertions too, and the URL stays resolvable). Hosted assertions have
    /// `verification: {"type": "HostedBadge"}`; signed ones `{"type": "SignedBadge",
    /// "creator": <key URL>}`. A revoked assertion carries `revoked: true` and its reason.
    /// The recipient is published only hashed; the grade is not published.
    public func assertion(_ assertion: Assertion) -> JSONValue {
        var document: [String: JSONValue] = [
            "@context": .string(Self.context),
            "type": "Assertion",
            "id": .string(urls.assertion(assertion.id)),
            "recipient": [
                "type": .string(assertion.recipient.type.rawValue),
                "hashed": true,
                "salt": .string(assertion.recipient.salt),
                "identity": .string(assertion.recipient.identity),
            ],
            "badge": .string(urls.badgeClass(assertion.badgeClassID)),
            "issuedOn": .string(OpenBadgesDate.string(from: assertion.issuedOn)),
        ]
        switch assertion.verification {
        case .hosted:
            document["verification"] = ["type": "HostedBadge"]
        case .signed(let keyID):
            document["verification"] = ["type": "SignedBadge", "creator": .string(urls.key(keyID))]
        }
        if let expires = assertion.expires { document["expires"] = .string(OpenBadgesDate.string(from: expires)) }
        if let narrative = assertion.narrative { document["narrative"] = .string(narrative) }
        if !assertion.evidence.isEmpty {
            document["evidence"] = .array(
                assertion.evidence.map { item in
                    var node: [String: JSONValue] = [:]
                    if let url = item.url { node["id"] = .string(url) }
                    if let narrative = item.narrative { node["narrative"] = .string(narrative) }
                    if let name = item.name { node["name"] = .string(name) }
                    return .object(node)
                }
            )
        }
        if assertion.isRevoked {
            document["revoked"] = true
            if let reason = assertion.revocationReason { document["revocationReason"] = .string(reason) }
        }
        return .object(document)
    }

    /// The CryptographicKey document of a published signing key.
    /// - Parameters:
    ///   - keyID: the key's id.
    ///   - publicKeyPEM: the SPKI PEM (`BEGIN PUBLIC KEY`).
    ///   - issuerID: the issuer that owns the key.
    ///   - expires: set only when a key is withdrawn because it was compromised.
    public func cryptographicKey(keyID: String, publicKeyPEM: String, issuerID: UUID, expires: Date? = nil) -> JSONValue {
        var document: [String: JSONValue] = [
            "@context": .string(Self.context),
            "type": "CryptographicKey",
            "id": .string(urls.key(keyID)),
            "owner": .string(urls.issuer(issuerID)),
            "publicKeyPem": .string(publicKeyPEM),
        ]
        if let expires { document["expires"] = .string(OpenBadgesDate.string(from: expires)) }
        return .object(document)
    }

    /// The issuer's RevocationList: every revoked assertion of `assertions` (others are ignored),
    /// as `{"id": <assertion URL>, "revocationReason": …}`, ordered by id.
    ///
    /// A list with exactly one entry also lists that entry's id as a plain string. JSON-LD
    /// compaction turns a one-element array into a single object, and openbadges 1.1.2 then
    /// iterates that object's keys and never finds the revoked id, so a revoked signed badge
    /// would verify as valid (ob, 2026-11-23).
    public func revocationList(issuerID: UUID, assertions: [Assertion]) -> JSONValue {
        var entries: [JSONValue] =
            assertions
            .filter { $0.isRevoked && $0.issuerID == issuerID }
            .map { assertion -> (String, JSONValue) in
                let id = urls.assertion(assertion.id)
                var entry: [String: JSONValue] = ["id": .string(id)]
                if let reason = assertion.revocationReason { entry["revocationReason"] = .string(reason) }
                return (id, .object(entry))
            }
            .sorted { $0.0 < $1.0 }
            .map(\.1)
        if entries.count == 1, let id = entries[0]["id"] { entries.append(id) }
        return [
            "@context": .string(Self.context),
            "type": "RevocationList",
            "id": .string(urls.revocationList(issuer: issuerID)),
            "issuer": .string(urls.issuer(issuerID)),
            "revokedAssertions": .array(entries),
        ]
    }
}
