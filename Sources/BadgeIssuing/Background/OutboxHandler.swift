public import BadgeCore
public import Foundation

/// Follow-up work for one outbox topic (stacking, LMS write-back, re-signing). A handler must
/// be idempotent: a message whose delivery was interrupted is delivered again.
public protocol OutboxHandler: Sendable {
    /// Does the work; throwing leaves the message for a later retry.
    func handle(_ message: OutboxMessage) async throws
}

/// A handler that does the work of many messages more cheaply together than one at a time
/// (reads shared by the batch). ``OutboxDelivery`` hands it all of a claimed batch's messages of
/// one topic in one call, in claim order, instead of one subject at a time.
public protocol BatchOutboxHandler: OutboxHandler {
    /// Does the work of `messages` (all of one topic, in claim order).
    /// - Returns: the messages that failed, by id, with why: they are left for a later retry;
    ///   the others are delivered.
    /// - Throws: when nothing was done: every message is left for a later retry.
    func handle(batch messages: [OutboxMessage]) async throws -> [UUID: any Error]
}
