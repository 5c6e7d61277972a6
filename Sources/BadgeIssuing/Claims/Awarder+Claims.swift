public import BadgeCore
public import Foundation
import OpenBadges

extension Awarder {
    /// Validates and signs an award to a recipient known hashed, without storing it, for a claim
    /// that stores it in its own transaction (with the code's use, or with the review).
    /// - Parameters:
    ///   - recipient: the hashed recipient object to publish.
    ///   - recipientKey: the recipient key stored with it (the unique key decides idempotency).
    ///   - evidence: the claim's evidence, if any.
    ///   - actor: who awards, for the audit row.
    /// - Throws: ``BadgeCoreError`` `.validation` when the assertion is invalid.
    public func signedClaimAward(
        hashed recipient: HashedRecipient,
        recipientKey: String,
        evidence: Assertion.Evidence?,
        of badgeClass: Record<BadgeClass>,
        actor: String
    ) async throws -> NewAssertion {
        let assertion = Assertion(
            id: ids.makeID(),
            badgeClassID: badgeClass.id,
            issuerID: badgeClass.issuerID,
            recipient: recipient,
            issuedOn: clock.now(),
            evidence: evidence.map { [$0] } ?? [],
            verification: .hosted
        )
        try assertion.validate()
        guard let signed = try await signer(for: badgeClass).sign([assertion]).first else {
            throw BadgeCoreError(.conflict, "the award was not signed")
        }
        return NewAssertion(
            assertion: signed.assertion,
            recipientKey: recipientKey,
            jws: signed.jws,
            institutionID: badgeClass.institutionID,
            actor: actor
        )
    }

    /// The published form of a recipient, with a fresh salt.
    func hashedRecipient(_ recipient: Recipient) -> HashedRecipient {
        hasher.hash(recipient)
    }
}
