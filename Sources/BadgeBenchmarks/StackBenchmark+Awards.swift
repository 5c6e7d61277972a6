import BadgeCore
import BadgeIssuing
import BadgeServer
import Foundation

extension StackBenchmark {
    /// The figures of the timed awards.
    struct AwardTiming: Sendable {
        let offPerSecond: Double
        let onPerSecond: Double
        let compositesIssued: Int
    }

    /// Times the awards off, on, on, off (a quarter each), rules set between the first two
    /// phases and deleted between the last two.
    func timeAwards(_ session: AdminSession, setup: Setup) async throws -> AwardTiming {
        let delivery = session.outboxDelivery(owner: "bench", logger: logger)
        // Warm-up: keys, statements; then nothing is due before the clock starts.
        _ = try await session.administration.award(
            badgeClassID: setup.units[0],
            recipients: [Recipient(type: .email, identity: "warm-up@example.org")]
        ) { _ in }
        while try await delivery.deliverDue() > 0 {}

        let perPhase = awards / 4
        let off1 = try await phase("off1", count: perPhase, session, delivery: delivery, setup: setup)
        try await setup.setRules(session)
        let on1 = try await phase("on1", count: perPhase, session, delivery: delivery, setup: setup)
        let on2 = try await phase("on2", count: perPhase, session, delivery: delivery, setup: setup)
        try await setup.deleteRules(session)
        let off2 = try await phase("off2", count: perPhase, session, delivery: delivery, setup: setup)
        guard on1.delivered >= perPhase, on2.delivered >= perPhase else {
            throw BenchmarkError(.unexpectedResult, "with rules, messages of the awards were left undelivered (a handler failed)")
        }
        guard off1.delivered == perPhase, off2.delivered == perPhase else {
            throw BenchmarkError(.unexpectedResult, "without rules, \(off1.delivered + off2.delivered) messages followed \(2 * perPhase) awards")
        }
        return AwardTiming(
            offPerSecond: Double(2 * perPhase) / (off1.seconds + off2.seconds),
            onPerSecond: Double(2 * perPhase) / (on1.seconds + on2.seconds),
            compositesIssued: on1.delivered + on2.delivered - 2 * perPhase
        )
    }

    /// `count` single awards from ``concurrency`` callers while one worker delivers the outbox,
    /// as the daemon's delivery service does beside its HTTP awards; the clock stops when every
    /// award is stored and nothing is left to deliver (composites issued by stacking included).
    /// Recipients get three awards each, spread over the phase, of classes picked by
    /// ``StackCatalogue/holdings(of:count:units:composites:)``.
    /// - Returns: the seconds, and how many outbox messages were delivered.
    func phase(
        _ name: String,
        count: Int,
        _ session: AdminSession,
        delivery: OutboxDelivery,
        setup: Setup
    ) async throws -> (seconds: Double, delivered: Int) {
        let people = (count + 2) / 3
        let plan: [(Recipient, UUID)] = (0..<count).map { index in
            let person = index % people
            let classes = StackCatalogue.holdings(of: person, count: 3, units: setup.units.count, composites: setup.composites.count)
            return (Recipient(type: .email, identity: "\(name)-\(person)@example.org"), setup.units[classes[index / people]])
        }
        let administration = session.administration
        let finished = Finished()
        let started = ContinuousClock.now
        async let delivered = Self.deliver(delivery, until: finished)
        do {
            try await withThrowingTaskGroup(of: Void.self) { group in
                for caller in 0..<Self.concurrency {
                    group.addTask {
                        for index in stride(from: caller, to: count, by: Self.concurrency) {
                            let outcome = try await administration.award(badgeClassID: plan[index].1, recipients: [plan[index].0]) { _ in }
                            guard outcome.created == 1 else { throw BenchmarkError(.unexpectedResult, "an award created nothing") }
                        }
                    }
                }
                try await group.waitForAll()
            }
        } catch {
            await finished.finish()
            _ = try? await delivered
            throw error
        }
        await finished.finish()
        let total = try await delivered
        return (started.duration(to: .now).inSeconds, total)
    }

    /// Delivers until `finished` and nothing is due; a failed handler is retried later by the
    /// delivery, so it would leave messages behind: the count tells.
    static func deliver(_ delivery: OutboxDelivery, until finished: Finished) async throws -> Int {
        var total = 0
        while true {
            // Read before claiming: once finished, every award is committed, so an empty claim ends it.
            let wasFinished = await finished.isFinished
            let claimed = try await delivery.deliverDue()
            total += claimed
            if claimed == 0 {
                if wasFinished { return total }
                try await Task.sleep(for: .milliseconds(1))
            }
        }
    }

    /// Whether the awards of a phase are done.
    actor Finished {
        private(set) var isFinished = false
        func finish() { isFinished = true }
    }
}
