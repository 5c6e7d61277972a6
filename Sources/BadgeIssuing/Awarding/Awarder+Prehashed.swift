public import BadgeCore
public import Foundation
import OpenBadges

extension Awarder {
    /// Awards a badge class to a recipient known only hashed, such as the holder of a composite's
    /// components (badged stores no identity to hash again): the new assertion carries the
    /// given hashed recipient and is stored under the given recipient key, through the same
    /// checks, signing, group commit and idempotency as every other award.
    /// - Parameters:
    ///   - recipient: the hashed recipient object to publish (a component assertion's).
    ///   - recipientKey: the recipient key stored with it (the component's), which the unique
    ///     key (badge class, recipient key) makes the award idempotent on.
    ///   - evidence: the assertion's evidence.
    ///   - narrative: the assertion's narrative.
    ///   - actor: who awards, for the audit row (`stacking`).
    /// - Returns: the new assertion, or the one the recipient already holds.
    /// - Throws: ``BadgeCoreError`` `.validation` naming the field when the assertion is invalid.
    public func award(
        hashed recipient: HashedRecipient,
        recipientKey: String,
        evidence: [Assertion.Evidence],
        narrative: String?,
        of badgeClass: Record<BadgeClass>,
        actor: String
    ) async throws -> AwardOutcome {
        if let held = try await assertions.existing(badgeClassID: badgeClass.id, recipientKeys: [recipientKey])[recipientKey] {
            return .existing(held.assertion, jws: held.jws)
        }
        let assertion = Assertion(
            id: ids.makeID(),
            badgeClassID: badgeClass.id,
            issuerID: badgeClass.issuerID,
            recipient: recipient,
            issuedOn: clock.now(),
            evidence: evidence,
            narrative: narrative,
            verification: .hosted
        )
        try assertion.validate()
        let signed = try await signer(for: badgeClass).sign([assertion])
        let items = signed.map {
            NewAssertion(assertion: $0.assertion, recipientKey: recipientKey, jws: $0.jws, institutionID: badgeClass.institutionID, actor: actor)
        }
        guard let outcome = try await committing(items, of: badgeClass, { try await committer.write($0) }).first else {
            throw BadgeCoreError(.conflict, "the award was not stored")
        }
        return outcome
    }
}
