public import BadgeCore
public import Foundation
public import OpenBadges

/// Runs stacking after an assertion was stored or revoked: the composites whose rules name its
/// badge class are evaluated for that recipient only, against every assertion the recipient
/// holds on this badged (by recipient key, across institutions).
///
/// A satisfied rule whose composite the recipient does not hold issues it through the
/// ``Awarder`` (idempotent per badge class and recipient key, so concurrent runs issue one),
/// with the evidence's component assertions as OB 2.0 `evidence` and their summed EC in the
/// narrative. A revoked component whose loss breaks the rule of a held composite revokes or
/// flags it, per the rule's ``StackingRule/ComponentLostPolicy``, naming the component. Issued and
/// revoked composites write their own outbox messages, so a composite that is a component of
/// another cascades; rules are acyclic (``StackingRules`` refuses cycles), so cascades end.
public struct Stacker: Sendable {
    /// The most assertions of one recipient a run reads.
    public static let maximumHoldings = 5_000

    let rules: any StackingRuleStore
    let catalog: any CatalogStore
    let assertions: any AssertionStore
    let awarder: Awarder
    let revoker: Revoker
    let urls: PublicURLs
    let clock: any TimeSource
    let externals: (any ExternalCredentialStore)?

    /// Creates the stacker.
    /// - Parameter externals: the recipients' external credentials, which count as
    ///   ``BadgeCore/StackingRule/Component/external(_:)`` components; nil counts local assertions only.
    public init(
        rules: any StackingRuleStore,
        catalog: any CatalogStore,
        assertions: any AssertionStore,
        awarder: Awarder,
        revoker: Revoker,
        urls: PublicURLs,
        clock: any TimeSource,
        externals: (any ExternalCredentialStore)? = nil
    ) {
        self.rules = rules
        self.catalog = catalog
        self.assertions = assertions
        self.awarder = awarder
        self.revoker = revoker
        self.urls = urls
        self.clock = clock
        self.externals = externals
    }

    /// The audit actor of stacking's changes, naming the assertion whose change caused them.
    public static func actor(causedBy assertionID: UUID) -> String {
        "stacking:" + assertionID.uuidString.lowercased()
    }

    /// Evaluates the composites containing the badge class of the assertion `assertionID`, for
    /// its recipient, and issues, revokes or flags them. Running twice does nothing more.
    /// - Returns: what changed.
    public func run(after assertionID: UUID) async throws -> StackingOutcome {
        try await run(after: [assertionID])[assertionID]?.get() ?? StackingOutcome()
    }

    /// Issues the satisfied composites of `assessments` that the recipient does not hold, and
    /// revokes or flags held ones whose rule a revoked component (`changed`) broke.
    func act(on assessments: [Assessment], changed: Assertion) async throws -> StackingOutcome {
        let actor = Self.actor(causedBy: changed.id)
        var outcome = StackingOutcome()
        for assessment in assessments {
            let (stored, verdict, heldComposite) = (assessment.rule, assessment.verdict, assessment.held)
            if verdict.isSatisfied {
                if let issued = try await issue(assessment, to: changed.recipient, recipientKey: assessment.recipientKey, actor: actor) {
                    outcome.issued.append(issued)
                }
            } else if let heldComposite, !heldComposite.isRevoked, changed.isRevoked {
                let component = try await catalog.find(BadgeClass.self, id: changed.badgeClassID).map { $0.name.preferred("en") } ?? "a component"
                switch stored.rule.onComponentLost {
                case .revoke:
                    let reason = "Component \(component) (\(urls.assertion(changed.id))) was revoked, so the rule of this credential no longer holds."
                    _ = try await revoker.revoke(id: heldComposite.id, reason: String(reason.prefix(RevocationReason.maximumLength)), actor: actor)
                    outcome.revoked.append(heldComposite.id)
                case .flag:
                    let flag = StackingFlag(
                        compositeAssertionID: heldComposite.id,
                        compositeClassID: stored.compositeClassID,
                        institutionID: stored.institutionID,
                        componentAssertionID: changed.id,
                        component: StackingRule.Component.badgeClass(changed.badgeClassID).key,
                        flaggedAt: clock.now()
                    )
                    if try await rules.flag(flag, actor: actor) { outcome.flagged.append(heldComposite.id) }
                }
            }
        }
        return outcome
    }

    /// One composite's rule judged for one recipient.
    public struct Assessment: Sendable {
        /// The rule.
        public let rule: StoredStackingRule
        /// The composite badge class.
        public let composite: Record<BadgeClass>
        /// The verdict on the recipient's credentials.
        public let verdict: StackingVerdict
        /// The composite's assertion the recipient holds, if any (revoked ones included).
        public let held: HeldAssertion?
        /// The recipient's oldest assertion on this badged, whose (hashed, salted) recipient a
        /// composite issued to them copies; nil when they hold none.
        public let oldestHolding: UUID?
        /// The recipient key judged.
        public let recipientKey: String
    }

    /// Judges `composites` for the recipient with `recipientKey` against every assertion they
    /// hold on this badged and the external credentials on their record; composites whose badge
    /// class is gone are left out.
    public func assess(recipientKey: String, composites: [StoredStackingRule]) async throws -> [Assessment] {
        let holdings = try await assertions.heldAssertions(recipientKey: recipientKey, limit: Self.maximumHoldings)
        var classes = Classes()
        try await classes.load(for: composites, holdings: holdings, from: catalog)
        return try await assess(recipientKey: recipientKey, holdings: holdings, composites: composites, classes: classes)
    }

    /// ``assess(recipientKey:composites:)`` on holdings already read, with the badge classes
    /// they, the composites and their rules name already loaded into `classes`.
    func assess(
        recipientKey: String,
        holdings: [HeldAssertion],
        composites: [StoredStackingRule],
        classes: Classes
    ) async throws -> [Assessment] {
        var held = holdings.compactMap { holding in
            classes.records[holding.badgeClassID].map {
                HeldCredential(held: holding, badgeClass: $0.content, issuer: classes.issuerText(holding.issuerID), reference: urls.assertion(holding.id))
            }
        }
        var catalogue = classes.catalogue
        // Evaluation ignores credentials of components a rule does not name: external ones
        // matter only to rules with external leaves.
        if composites.contains(where: { $0.rule.components.contains(where: \.isExternal) }), let externals {
            for credential in try await externals.credentials(recipientKey: recipientKey, limit: ExternalCredential.maximumPerRecipient) {
                held.append(credential.held)
                catalogue.components[credential.component] = StackingCatalogue.Entry(name: credential.name, ects: credential.ects)
            }
        }
        let now = clock.now()
        return composites.compactMap { stored in
            classes.records[stored.compositeClassID].map { composite in
                Assessment(
                    rule: stored,
                    composite: composite,
                    verdict: stored.rule.evaluate(held, at: now, catalogue: catalogue),
                    held: holdings.first { $0.badgeClassID == stored.compositeClassID },
                    oldestHolding: holdings.first?.id,
                    recipientKey: recipientKey
                )
            }
        }
    }

    /// Issues the composite of a satisfied assessment to its recipient through the ``Awarder``,
    /// with the verdict's components as evidence, unless the recipient holds it already (revoked
    /// included) or the composite class is archived. Idempotent per badge class and recipient key.
    /// - Parameters:
    ///   - recipient: the recipient as one of their assertions names them (hashed).
    ///   - actor: the audit actor of the award.
    /// - Returns: the id of the newly issued composite assertion, or nil when nothing was issued.
    func issue(_ assessment: Assessment, to recipient: HashedRecipient, recipientKey: String, actor: String) async throws -> UUID? {
        guard assessment.verdict.isSatisfied, assessment.held == nil, !assessment.composite.isArchived else { return nil }
        let result = try await awarder.award(
            hashed: recipient,
            recipientKey: recipientKey,
            evidence: Self.evidence(of: assessment.verdict),
            narrative: Self.narrative(of: assessment.verdict),
            of: assessment.composite,
            actor: actor
        )
        guard case .created(let issued, _) = result else { return nil }
        return issued.id
    }

    /// The composite's evidence: each component assertion of the verdict's evidence, its URL and name.
    static func evidence(of verdict: StackingVerdict) -> [Assertion.Evidence] {
        verdict.evidence.prefix(Assertion.maximumEvidenceCount).map(evidence(of:))
    }

    /// The composite's narrative: the components by name and their summed EC.
    static func narrative(of verdict: StackingVerdict) -> String {
        let names = verdict.evidence.map(\.assertion.name)
        let shown = names.prefix(20).joined(separator: ", ") + (names.count > 20 ? " and \(names.count - 20) more" : "")
        let ects = verdict.evidenceECTS > 0 ? ", together \(Self.ects(verdict.evidenceECTS)) EC" : ""
        return "Issued by stacking: earned with \(shown)\(ects)."
    }

    /// EC without trailing zeros: `30`, `2.5`.
    static func ects(_ value: Double) -> String {
        let rounded = (value * 100).rounded() / 100
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }
}
