public import BadgeCore
import OpenBadges

extension Awarder {
    /// How many times an award is stored before a rotation that keeps beating it surfaces as
    /// ``BadgeCoreError`` `.signingKeyRetired` (each attempt re-signs with the key current then).
    static let committingAttempts = 4

    /// Stores awards of `badgeClass` through `write`, signing them again with the issuer's
    /// current key and storing them again when the store refuses them because a key rotation
    /// committed while they were signed (``BadgeCoreError`` `.signingKeyRetired`: the store
    /// checks each signed assertion's key inside its transaction, so none is ever stored signed
    /// by a retired or revoked key). Signing stays outside every transaction and lock.
    /// - Parameters:
    ///   - items: the signed (or hosted) assertions to store.
    ///   - write: stores the assertions in one transaction (a group commit, a claim, a grade).
    /// - Returns: what `write` returned for the attempt that committed.
    /// - Throws: `.signingKeyRetired` after ``committingAttempts`` refusals; any other error of `write` at once.
    public func committing<Result: Sendable>(
        _ items: [NewAssertion],
        of badgeClass: Record<BadgeClass>,
        _ write: ([NewAssertion]) async throws -> Result
    ) async throws -> Result {
        var items = items
        var attempt = 1
        while true {
            do {
                return try await write(items)
            } catch let error as BadgeCoreError where error.code == .signingKeyRetired && attempt < Self.committingAttempts {
                attempt += 1
                let signing = try await signer(for: badgeClass)
                // A group commit refuses every caller's awards for one stale award: awards signed
                // with the current key already are stored again as they are.
                let current = signing.signer.map { Assertion.Verification.signed(keyID: $0.key.id) }
                if items.allSatisfy({ $0.jws == nil || $0.assertion.verification == current }) { continue }
                items = try await resigned(items, with: signing)
            }
        }
    }

    /// The awards signed again by `signing` (same ids, recipients and dates).
    private func resigned(_ items: [NewAssertion], with signing: ParallelSigner) async throws -> [NewAssertion] {
        let unsigned = items.map { item in
            var assertion = item.assertion
            assertion.verification = .hosted
            return assertion
        }
        return zip(items, try await signing.sign(unsigned)).map { item, signed in
            NewAssertion(
                assertion: signed.assertion,
                recipientKey: item.recipientKey,
                jws: signed.jws,
                institutionID: item.institutionID,
                actor: item.actor,
                outcomeIDs: item.outcomeIDs
            )
        }
    }
}
