public import Foundation

/// A held composite flagged for review: a component was lost (revoked, or an external credential
/// removed from the record) and the composite's rule no longer holds, and its policy is
/// ``StackingRule/ComponentLostPolicy/flag``.
public struct StackingFlag: Hashable, Sendable {
    /// The composite's assertion.
    public let compositeAssertionID: UUID
    /// The composite badge class.
    public let compositeClassID: UUID
    /// The institution of the composite.
    public let institutionID: UUID
    /// The lost component's assertion, which caused the flag (for an external component: the
    /// removed ``ExternalCredential``'s id).
    public let componentAssertionID: UUID
    /// The lost component (``StackingRule/Component/key``: a badge class id or an external id).
    public let component: String
    /// When the composite was flagged.
    public let flaggedAt: Date

    /// Creates a flag.
    public init(
        compositeAssertionID: UUID,
        compositeClassID: UUID,
        institutionID: UUID,
        componentAssertionID: UUID,
        component: String,
        flaggedAt: Date
    ) {
        self.compositeAssertionID = compositeAssertionID
        self.compositeClassID = compositeClassID
        self.institutionID = institutionID
        self.componentAssertionID = componentAssertionID
        self.component = component
        self.flaggedAt = flaggedAt
    }
}

extension StackingFlag {
    /// The audit detail of a flag or a stacking revocation: the lost component and its assertion,
    /// such as `component=<badge class id> assertion=<assertion id>`.
    public static func auditDetail(component: String, assertionID: UUID) -> String {
        "component=\(component) assertion=\(assertionID.uuidString.lowercased())"
    }
}
