public import BadgeCore
public import Foundation

/// The outbox in memory, with the SQL outbox's leases: a claimed message is skipped by other
/// claims until its lease runs out or it is released.
public actor InMemoryOutbox: Outbox {
    private struct Entry {
        var message: OutboxMessage
        var dueAt: Date
        var leaseUntil: Date?
        var deliveredAt: Date?
        var lastError: String?
    }

    private var entries: [Entry] = []
    private let ids: any IDGenerator

    /// Creates an empty outbox.
    public init(ids: any IDGenerator) {
        self.ids = ids
    }

    /// Writes a message, as a store does inside the transaction of the change.
    public func enqueue(_ topic: OutboxMessage.Topic, subjectID: UUID, institutionID: UUID?, at date: Date) {
        let message = OutboxMessage(id: ids.makeID(), topic: topic, subjectID: subjectID, institutionID: institutionID, createdAt: date, attempts: 0)
        entries.append(Entry(message: message, dueAt: date))
    }

    /// Writes a message with a known id (a job naming the message allowed to continue it).
    public func enqueue(id: UUID, _ topic: OutboxMessage.Topic, subjectID: UUID, institutionID: UUID?, at date: Date) {
        let message = OutboxMessage(id: id, topic: topic, subjectID: subjectID, institutionID: institutionID, createdAt: date, attempts: 0)
        entries.append(Entry(message: message, dueAt: date))
    }

    /// Every message not yet delivered, oldest first.
    public var pending: [OutboxMessage] { entries.filter { $0.deliveredAt == nil }.map(\.message) }

    /// Every delivered message, oldest first.
    public var delivered: [OutboxMessage] { entries.filter { $0.deliveredAt != nil }.map(\.message) }

    public func claim(limit: Int, owner: String, now: Date, leaseUntil: Date) async throws -> [OutboxMessage] {
        var claimed: [OutboxMessage] = []
        for index in entries.indices where claimed.count < limit {
            let entry = entries[index]
            guard entry.deliveredAt == nil, entry.dueAt <= now, (entry.leaseUntil ?? .distantPast) <= now else { continue }
            let message = entry.message
            let next = OutboxMessage(
                id: message.id,
                topic: message.topic,
                subjectID: message.subjectID,
                institutionID: message.institutionID,
                createdAt: message.createdAt,
                attempts: message.attempts + 1
            )
            entries[index].message = next
            entries[index].leaseUntil = leaseUntil
            claimed.append(next)
        }
        return claimed
    }

    public func complete(ids: [UUID], at date: Date) async throws {
        for id in ids.prefix(1_000) {
            guard let index = entries.firstIndex(where: { $0.message.id == id }) else { continue }
            entries[index].deliveredAt = date
            entries[index].leaseUntil = nil
        }
    }

    public func release(id: UUID, retryAt: Date, error: String) async throws {
        guard let index = entries.firstIndex(where: { $0.message.id == id }) else { return }
        entries[index].dueAt = retryAt
        entries[index].leaseUntil = nil
        entries[index].lastError = error
    }
}
