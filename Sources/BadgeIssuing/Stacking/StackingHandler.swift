public import BadgeCore

/// Runs stacking for the assertion of an `assertion.stored` or `assertion.revoked` message.
/// Idempotent: a run repeated after an interrupted delivery issues, revokes and flags nothing more.
public struct StackingHandler: OutboxHandler {
    let stacker: Stacker

    /// Creates the handler.
    public init(stacker: Stacker) {
        self.stacker = stacker
    }

    public func handle(_ message: OutboxMessage) async throws {
        _ = try await stacker.run(after: message.subjectID)
    }
}
