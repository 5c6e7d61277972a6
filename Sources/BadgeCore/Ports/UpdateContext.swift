/// What an update closure learns about the stored record besides its content.
public struct UpdateContext: Sendable {
    /// Whether the record (a badge class) has assertions that are not revoked.
    public let hasUnrevokedAssertions: Bool

    /// Creates an update context.
    public init(hasUnrevokedAssertions: Bool) {
        self.hasUnrevokedAssertions = hasUnrevokedAssertions
    }
}
