import BadgeCore
import BadgeIssuing
import BadgeTesting
import Foundation
import Logging
import Synchronization
import Testing

/// Records what it handled; fails the first `failures` deliveries.
private final class RecordingHandler: OutboxHandler {
    private let state = Mutex<(handled: [UUID], failuresLeft: Int)>(([], 0))

    init(failures: Int = 0) { state.withLock { $0.failuresLeft = failures } }

    var handled: [UUID] { state.withLock { $0.handled } }

    func handle(_ message: OutboxMessage) async throws {
        try state.withLock { value in
            if value.failuresLeft > 0 {
                value.failuresLeft -= 1
                throw TestSetupError("handler failure")
            }
            value.handled.append(message.subjectID)
        }
    }
}

/// Takes a topic's messages in batches; fails the message of `failing` (a subject id) once.
private final class BatchRecordingHandler: BatchOutboxHandler {
    private let state = Mutex<(batches: [[UUID]], failing: UUID?)>(([], nil))

    init(failing: UUID? = nil) { state.withLock { $0.failing = failing } }

    var batches: [[UUID]] { state.withLock { $0.batches } }

    func handle(_ message: OutboxMessage) async throws {
        throw TestSetupError("a batch handler is handed batches")
    }

    func handle(batch messages: [OutboxMessage]) async throws -> [UUID: any Error] {
        state.withLock { value in
            value.batches.append(messages.map(\.subjectID))
            guard let failing = value.failing, let message = messages.first(where: { $0.subjectID == failing }) else { return [:] }
            value.failing = nil
            return [message.id: TestSetupError("handler failure")]
        }
    }
}

/// Outbox delivery on the fakes and both engines: each message reaches its handler once, a
/// failure is retried after its backoff, and a lease keeps other workers off.
@Suite("Outbox delivery")
struct OutboxDeliveryTests {
    private func delivery(_ world: IssuingWorld, _ handler: RecordingHandler, owner: String = "w1") -> OutboxDelivery {
        OutboxDelivery(outbox: world.outbox, handlers: [.assertionStored: handler], clock: world.clock, owner: owner, logger: Logger(label: "test"))
    }

    private func award(_ world: IssuingWorld, _ count: Int) async throws -> [UUID] {
        let inputs = (0..<count).map { AwardInput(recipient: Recipient(type: .email, identity: "s\($0)@example.org")) }
        return try await world.awarder().award(inputs, of: try world.microCredential, actor: "test", failFast: true)
            .compactMap { $0.assertionID.flatMap(UUID.init(uuidString:)) }
    }

    @Test(arguments: StorageBackend.all)
    func everyStoredAssertionReachesItsHandlerOnce(backend: StorageBackend) async throws {
        try await IssuingWorld.with(backend) { world async throws in
            let ids = try await award(world, 3)
            let handler = RecordingHandler()
            #expect(try await delivery(world, handler).deliverDue() == 3)
            #expect(try await delivery(world, handler).deliverDue() == 0)
            #expect(Set(handler.handled) == Set(ids))
            #expect(handler.handled.count == 3)
        }
    }

    @Test(arguments: StorageBackend.all)
    func aFailedDeliveryIsRetriedAfterItsBackoff(backend: StorageBackend) async throws {
        try await IssuingWorld.with(backend) { world async throws in
            let ids = try await award(world, 1)
            let handler = RecordingHandler(failures: 1)
            #expect(try await delivery(world, handler).deliverDue() == 1)
            #expect(handler.handled.isEmpty)
            #expect(try await delivery(world, handler).deliverDue() == 0)
            world.clock.advance(by: 3)
            #expect(try await delivery(world, handler).deliverDue() == 1)
            #expect(handler.handled == ids)
        }
    }

    @Test(arguments: StorageBackend.all)
    func aLeasedMessageIsLeftToItsWorkerUntilTheLeaseRunsOut(backend: StorageBackend) async throws {
        try await IssuingWorld.with(backend) { world async throws in
            _ = try await award(world, 2)
            let now = world.clock.now()
            let first = try await world.outbox.claim(limit: 10, owner: "w1", now: now, leaseUntil: now + 60)
            #expect(first.count == 2)
            #expect(try await world.outbox.claim(limit: 10, owner: "w2", now: now, leaseUntil: now + 60).isEmpty)
            world.clock.advance(by: 61)
            let later = world.clock.now()
            let reclaimed = try await world.outbox.claim(limit: 10, owner: "w2", now: later, leaseUntil: later + 60)
            #expect(Set(reclaimed.map(\.id)) == Set(first.map(\.id)))
            #expect(reclaimed.allSatisfy { $0.attempts == 2 })
        }
    }

    @Test func messagesWithoutAHandlerAreCompleted() async throws {
        try await IssuingWorld.with(.memory) { world async throws in
            _ = try await award(world, 2)
            let delivery = OutboxDelivery(outbox: world.outbox, handlers: [:], clock: world.clock, owner: "w", logger: Logger(label: "test"))
            #expect(try await delivery.deliverDue() == 2)
            let outbox = try #require(world.outbox as? InMemoryOutbox)
            #expect(await outbox.pending.isEmpty)
            #expect(await outbox.delivered.count == 2)
        }
    }

    @Test(arguments: StorageBackend.all)
    func aBatchHandlerTakesItsTopicsMessagesInOneCallAndOnlyAFailedOneIsRetried(backend: StorageBackend) async throws {
        try await IssuingWorld.with(backend) { world async throws in
            let ids = try await award(world, 5)
            let handler = BatchRecordingHandler(failing: ids[2])
            let delivery = OutboxDelivery(
                outbox: world.outbox,
                handlers: [.assertionStored: handler],
                clock: world.clock,
                owner: "w1",
                logger: Logger(label: "test")
            )
            #expect(try await delivery.deliverDue() == 5)
            #expect(handler.batches.count == 1)
            #expect(Set(handler.batches.first ?? []) == Set(ids))
            #expect(try await delivery.deliverDue() == 0)
            world.clock.advance(by: 3)
            #expect(try await delivery.deliverDue() == 1)
            #expect(handler.batches.last == [ids[2]])
            #expect(try await delivery.deliverDue() == 0)
        }
    }
}
