public import BadgeCore
public import Foundation
public import Logging
public import ServiceLifecycle

/// Delivers outbox messages to their handlers, as a `Service` in the daemon's service group:
/// it polls for due messages, leases a batch, hands each to the handler of its topic (all of a
/// topic's messages at once to a ``BatchOutboxHandler``), and marks it delivered; a failure is
/// retried later with exponential backoff. Several daemons on one database share the work
/// through the leases. Messages of a topic no handler takes are marked
/// delivered: nothing follows from them (yet).
public struct OutboxDelivery: Service {
    /// The longest wait before a failed message is tried again.
    public static let maximumBackoff: TimeInterval = 3600
    /// The subjects whose messages are delivered at once.
    public static let concurrency = 4

    let outbox: any Outbox
    let handlers: [OutboxMessage.Topic: any OutboxHandler]
    let clock: any TimeSource
    let owner: String
    let batchSize: Int
    let lease: TimeInterval
    let pollInterval: Duration
    let logger: Logger

    /// Creates the delivery service.
    /// - Parameters:
    ///   - owner: this worker's name in leases (a daemon id).
    ///   - lease: how long a claimed message stays this worker's before others may take it.
    ///   - pollInterval: how long to wait when nothing is due.
    public init(
        outbox: any Outbox,
        handlers: [OutboxMessage.Topic: any OutboxHandler],
        clock: any TimeSource,
        owner: String,
        batchSize: Int = 100,
        lease: TimeInterval = 60,
        pollInterval: Duration = .seconds(1),
        logger: Logger
    ) {
        self.outbox = outbox
        self.handlers = handlers
        self.clock = clock
        self.owner = owner
        self.batchSize = batchSize
        self.lease = lease
        self.pollInterval = pollInterval
        self.logger = logger
    }

    /// Delivers what is due now, one batch: the messages about one subject in order, those
    /// about different subjects up to ``concurrency`` at a time; the delivered ones are marked in
    /// one write at the end (a daemon stopped before it delivers them again after the lease, as
    /// it would any message it stopped in; handlers are idempotent).
    /// - Returns: how many messages were claimed.
    @discardableResult
    public func deliverDue() async throws -> Int {
        let now = clock.now()
        let messages = try await outbox.claim(limit: batchSize, owner: owner, now: now, leaseUntil: now.addingTimeInterval(lease))
        // Work items: all messages of a topic whose handler takes batches, or one subject's messages.
        var order: [WorkKey] = []
        var work: [WorkKey: [OutboxMessage]] = [:]
        for message in messages {
            let key: WorkKey = handlers[message.topic] is any BatchOutboxHandler ? .topic(message.topic) : .subject(message.subjectID)
            if work[key] == nil { order.append(key) }
            work[key, default: []].append(message)
        }
        let delivered = try await withThrowingTaskGroup(of: [UUID].self) { group in
            var keys = order.makeIterator()
            for _ in 0..<Self.concurrency {
                guard let key = keys.next(), let queue = work[key] else { break }
                group.addTask { try await deliver(queue, as: key) }
            }
            var delivered: [UUID] = []
            while let done = try await group.next() {
                delivered += done
                if let key = keys.next(), let queue = work[key] { group.addTask { try await deliver(queue, as: key) } }
            }
            return delivered
        }
        try await outbox.complete(ids: delivered, at: clock.now())
        return messages.count
    }

    /// What one task of a batch delivers: a batch handler's topic, or one subject's messages.
    private enum WorkKey: Hashable {
        case topic(OutboxMessage.Topic)
        case subject(UUID)
    }

    /// Delivers one work item's messages in order; a failed one is released for a retry with its
    /// backoff, as before batches were concurrent.
    /// - Returns: the ids of the delivered messages.
    private func deliver(_ queue: [OutboxMessage], as key: WorkKey) async throws -> [UUID] {
        if case .topic(let topic) = key, let handler = handlers[topic] as? any BatchOutboxHandler {
            let failures: [UUID: any Error]
            do {
                failures = try await handler.handle(batch: queue)
            } catch {
                failures = Dictionary(uniqueKeysWithValues: queue.map { ($0.id, error) })
            }
            for message in queue { if let error = failures[message.id] { try await release(message, after: error) } }
            return queue.map(\.id).filter { failures[$0] == nil }
        }
        var delivered: [UUID] = []
        for message in queue {
            do {
                if let handler = handlers[message.topic] {
                    try await handler.handle(message)
                } else {
                    logger.trace("outbox message without a handler", metadata: ["outbox.topic": "\(message.topic)"])
                }
                delivered.append(message.id)
            } catch {
                try await release(message, after: error)
            }
        }
        return delivered
    }

    /// Leaves a failed message for a retry after its backoff.
    private func release(_ message: OutboxMessage, after error: any Error) async throws {
        let backoff = min(pow(2, Double(message.attempts)), Self.maximumBackoff)
        logger.warning(
            "outbox delivery failed; retrying later",
            metadata: ["outbox.topic": "\(message.topic)", "outbox.id": "\(message.id)", "outbox.retry_in": "\(backoff)"]
        )
        try await outbox.release(id: message.id, retryAt: clock.now().addingTimeInterval(backoff), error: "\(error)")
    }

    public func run() async throws {
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            let claimed: Int
            do {
                claimed = try await deliverDue()
            } catch {
                logger.warning("outbox unavailable", metadata: ["error.type": "\(String(reflecting: type(of: error)))"])
                claimed = 0
            }
            if claimed == 0 {
                try? await cancelWhenGracefulShutdown { try await Task.sleep(for: pollInterval) }
            }
        }
    }
}
