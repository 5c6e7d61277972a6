public import Foundation

/// What one stacking run did for one recipient: the composite assertions it issued, revoked and
/// flagged. Issued and revoked composites cascade through their own outbox messages.
public struct StackingOutcome: Hashable, Sendable {
    /// Composite assertions newly issued.
    public var issued: [UUID] = []
    /// Composite assertions revoked because a component was lost.
    public var revoked: [UUID] = []
    /// Composite assertions newly flagged for review because a component was lost.
    public var flagged: [UUID] = []

    /// Creates an outcome.
    public init(issued: [UUID] = [], revoked: [UUID] = [], flagged: [UUID] = []) {
        self.issued = issued
        self.revoked = revoked
        self.flagged = flagged
    }

    /// Whether the run changed nothing.
    public var isEmpty: Bool { issued.isEmpty && revoked.isEmpty && flagged.isEmpty }
}
