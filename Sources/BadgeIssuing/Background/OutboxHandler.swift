public import BadgeCore

/// Follow-up work for one outbox topic (stacking, LMS write-back, re-signing). A handler must
/// be idempotent: a message whose delivery was interrupted is delivered again.
public protocol OutboxHandler: Sendable {
    /// Does the work; throwing leaves the message for a later retry.
    func handle(_ message: OutboxMessage) async throws
}
