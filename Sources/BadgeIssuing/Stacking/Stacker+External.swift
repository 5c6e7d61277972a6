public import BadgeCore
import Foundation
import OpenBadges

extension Stacker {
    /// One component of the composite's evidence: its assertion's URL and name; a component
    /// without a web address (an EDCI credential's `urn:credential:…`, a signed OB 2.0 assertion's
    /// `urn:uuid:…`) is named in the evidence narrative instead, as OB 2.0 evidence URLs are http(s).
    static func evidence(of component: HeldCredential) -> Assertion.Evidence {
        let name = String(component.assertion.name.prefix(Assertion.maximumEvidenceNameLength))
        guard (try? Validation.requireWebURL(component.assertion.id, field: "evidence")) != nil else {
            return Assertion.Evidence(narrative: "Credential \(component.assertion.id)", name: name)
        }
        return Assertion.Evidence(url: component.assertion.id, name: name)
    }
}

extension Stacker {
    /// Evaluates the composites containing `component` for `recipient` (after an external
    /// credential was added to their record) and issues the satisfied ones they do not hold yet.
    /// Adding a credential cannot break a rule, so nothing is revoked or flagged here; removing one
    /// is ``run(recipientKey:removed:actor:)``.
    /// - Parameters:
    ///   - recipient: the recipient, used only to hash the composite's published recipient and
    ///     to find their recipient key; never stored in the clear.
    ///   - actor: the audit actor of the issued composites.
    /// - Returns: what changed.
    public func run(recipient: Recipient, containing component: StackingRule.Component, actor: String) async throws -> StackingOutcome {
        let composites = try await rules.rules(containing: component)
        guard !composites.isEmpty else { return StackingOutcome() }
        var outcome = StackingOutcome()
        for assessment in try await assess(recipientKey: recipient.key, composites: composites) {
            guard assessment.verdict.isSatisfied, assessment.held == nil, !assessment.composite.isArchived else { continue }
            let result = try await awarder.award(
                hashed: awarder.hasher.hash(recipient),
                recipientKey: recipient.key,
                evidence: Self.evidence(of: assessment.verdict),
                narrative: Self.narrative(of: assessment.verdict),
                of: assessment.composite,
                actor: actor
            )
            if case .created(let issued, _) = result { outcome.issued.append(issued.id) }
        }
        return outcome
    }
}

extension Stacker {
    /// Evaluates the composites containing the component of `removed` (an external credential just
    /// taken off the recipient's record) and revokes or flags, per each rule's
    /// ``StackingRule/ComponentLostPolicy``, every held composite whose rule no longer holds; the
    /// revocation reason and the flag name the removed credential.
    /// - Parameters:
    ///   - recipientKey: the recipient's key (the credential's).
    ///   - removed: the credential as it was stored (or, still on the record, as it now stands:
    ///     revoked or expired, found so when its holder's wallet checked it again).
    ///   - what: what happened to it, for the revocation reason (default: it was removed).
    ///   - actor: the audit actor of the revocations and flags.
    /// - Returns: what changed.
    public func run(
        recipientKey: String,
        removed: ExternalCredential,
        what: String = "was removed from the recipient's record",
        actor: String
    ) async throws -> StackingOutcome {
        let composites = try await rules.rules(containing: removed.component)
        guard !composites.isEmpty else { return StackingOutcome() }
        var outcome = StackingOutcome()
        for assessment in try await assess(recipientKey: recipientKey, composites: composites) {
            guard !assessment.verdict.isSatisfied, let held = assessment.held, !held.isRevoked else { continue }
            switch assessment.rule.rule.onComponentLost {
            case .revoke:
                let reason =
                    "The external credential \(removed.name) (\(removed.assertionID)) \(what), so the rule of this credential no longer holds."
                _ = try await revoker.revoke(id: held.id, reason: String(reason.prefix(RevocationReason.maximumLength)), actor: actor)
                outcome.revoked.append(held.id)
            case .flag:
                let flag = StackingFlag(
                    compositeAssertionID: held.id,
                    compositeClassID: assessment.rule.compositeClassID,
                    institutionID: assessment.rule.institutionID,
                    componentAssertionID: removed.id,
                    component: removed.component.key,
                    flaggedAt: clock.now()
                )
                if try await rules.flag(flag, actor: actor) { outcome.flagged.append(held.id) }
            }
        }
        return outcome
    }
}
