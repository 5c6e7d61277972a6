public import BadgeCore
public import Foundation

/// Runs stacking for the assertion of an `assertion.stored` or `assertion.revoked` message.
/// Idempotent: a run repeated after an interrupted delivery issues, revokes and flags nothing more.
/// A delivered batch is run together (``Stacker/run(after:)-(UUID array)``): its reads are shared.
public struct StackingHandler: BatchOutboxHandler {
    let stacker: Stacker

    /// Creates the handler.
    public init(stacker: Stacker) {
        self.stacker = stacker
    }

    public func handle(_ message: OutboxMessage) async throws {
        _ = try await stacker.run(after: message.subjectID)
    }

    public func handle(batch messages: [OutboxMessage]) async throws -> [UUID: any Error] {
        var failures: [UUID: any Error] = [:]
        for start in stride(from: 0, to: messages.count, by: Stacker.maximumBatch) {
            let chunk = messages[start..<min(start + Stacker.maximumBatch, messages.count)]
            let results = try await stacker.run(after: chunk.map(\.subjectID))
            for message in chunk {
                if case .failure(let error) = results[message.subjectID] { failures[message.id] = error }
            }
        }
        return failures
    }
}
