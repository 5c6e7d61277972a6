/// What a stacking rule says of a recipient's credentials, with the sentence that explains it.
public struct StackingVerdict: Hashable, Sendable {
    /// A held credential of a component the rule names that does not count, and why.
    public struct NotCounted: Hashable, Sendable {
        /// The credential.
        public var credential: HeldCredential
        /// Why it does not count.
        public var reason: HeldCredential.Exclusion

        /// Creates an entry.
        public init(credential: HeldCredential, reason: HeldCredential.Exclusion) {
            self.credential = credential
            self.reason = reason
        }
    }

    /// Whether the rule is met.
    public let isSatisfied: Bool
    /// When met, a justifying set of credentials for the composite's evidence, in the rule's
    /// order: it meets the rule on its own. Empty when the rule is not met.
    public let evidence: [HeldCredential]
    /// The summed EC of ``evidence`` (credentials without EC add nothing).
    public let evidenceECTS: Double
    /// Every held credential that counts toward the rule, one per component, in the rule's order.
    public let counted: [HeldCredential]
    /// Held credentials of named components that do not count, when no other credential of the
    /// same component does; in the rule's order.
    public let notCounted: [NotCounted]
    /// Progress per node.
    public let progress: StackingProgress
    /// The names and EC the sentence uses.
    public let catalogue: StackingCatalogue

    /// One or two sentences a student understands, such as
    /// "24 of 30 EC; still needed: Data Ethics." Written when asked for: a stacking run after an
    /// award judges the recipient's composites and reads no sentence.
    public var explanation: String {
        StackingExplanation(catalogue: catalogue).sentence(progress: progress, evidenceCount: evidence.count, notCounted: notCounted)
    }

    /// Creates a verdict.
    public init(
        isSatisfied: Bool,
        evidence: [HeldCredential],
        evidenceECTS: Double,
        counted: [HeldCredential],
        notCounted: [NotCounted],
        progress: StackingProgress,
        catalogue: StackingCatalogue
    ) {
        self.isSatisfied = isSatisfied
        self.evidence = evidence
        self.evidenceECTS = evidenceECTS
        self.counted = counted
        self.notCounted = notCounted
        self.progress = progress
        self.catalogue = catalogue
    }
}
