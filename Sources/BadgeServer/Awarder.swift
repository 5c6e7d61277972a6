public import BadgeCore
import BadgeStorage
import Crypto
import Foundation
import OpenBadges

/// Issues assertions of one badge class to many recipients: each award is its own transaction
/// (all or nothing per recipient) and idempotent per recipient, so a retried or interrupted
/// batch never duplicates and, retried to the end, never loses an award.
public struct Awarder: Sendable {
    let assertions: SQLAssertionStore
    let keyring: IssuerKeyring
    let documents: OpenBadgesDocuments
    let hasher: RecipientHasher
    let mode: AppConfiguration.SigningMode
    let ids: any IDGenerator
    let clock: any TimeSource

    /// Awards `inputs` in order.
    /// - Parameters:
    ///   - failFast: rethrow the first invalid award instead of reporting it in the results.
    ///   - progress: called after each award with the number done.
    func award(
        _ inputs: [AwardInput],
        of badgeClass: Record<BadgeClass>,
        actor: String,
        failFast: Bool,
        progress: (Int) -> Void = { _ in }
    ) async throws -> [AwardResult] {
        let key = mode == .hosted ? nil : try await keyring.currentKey(issuerID: badgeClass.issuerID)
        let signer = key.map { AssertionSigner(key: $0, documents: documents) }
        var results: [AwardResult] = []
        results.reserveCapacity(inputs.count)
        for (index, award) in inputs.enumerated() {
            do {
                results.append(try await issue(award, index: index, badgeClass: badgeClass, signer: signer, actor: actor))
            } catch let error as BadgeCoreError where !failFast {
                results.append(AwardResult(index: index, status: "failed", error: error.message, field: error.field.map { "awards[\(index)].\($0)" }))
            }
            progress(index + 1)
        }
        return results
    }

    /// The matching key of a recipient: a digest of type and normalised identity, so that awards
    /// are idempotent per recipient without storing the identity itself.
    static func recipientKey(_ recipient: Recipient) -> String {
        Entropy.sha256Hex(Data("\(recipient.type.rawValue):\(recipient.normalizedIdentity)".utf8))
    }

    private func issue(
        _ award: AwardInput,
        index: Int,
        badgeClass: Record<BadgeClass>,
        signer: AssertionSigner?,
        actor: String
    ) async throws -> AwardResult {
        try award.recipient.validate()
        let assertion = Assertion(
            id: ids.makeID(),
            badgeClassID: badgeClass.id,
            issuerID: badgeClass.issuerID,
            recipient: hasher.hash(award.recipient),
            issuedOn: clock.now(),
            expires: award.expires,
            evidence: award.evidence ?? [],
            narrative: award.narrative,
            grade: award.grade,
            verification: signer.map { .signed(keyID: $0.key.id) } ?? .hosted
        )
        try assertion.validate()
        let outcome = try await assertions.award(
            assertion,
            recipientKey: Self.recipientKey(award.recipient),
            institutionID: badgeClass.institutionID,
            actor: actor
        ) { assertion in try signer?.sign(assertion) }
        let (stored, status): (Assertion, String) =
            switch outcome {
            case .created(let value, _): (value, "created")
            case .existing(let value, _): (value, "existing")
            }
        let url = documents.urls.assertion(stored.id)
        let isSigned = if case .signed = stored.verification { true } else { false }
        return AwardResult(
            index: index,
            status: status,
            assertionID: stored.id.uuidString.lowercased(),
            url: url,
            jwsURL: isSigned ? documents.urls.signedAssertion(stored.id) : nil
        )
    }

}
