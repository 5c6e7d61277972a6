import BadgeCore
import BadgeIssuing
import BadgeServer
import Foundation

extension StackBenchmark {
    /// The figures of the cohort's evaluation.
    struct CohortTiming: Sendable {
        let recipients: Int
        let judgements: Int
        let qualifying: Int
        let seconds: Double
        /// The same, one composite at a time.
        let singleSeconds: Double
    }

    /// Awards recipient `r` (of ``recipients``) one to five components through the batch award
    /// path, one batch per class; the rules are set after, so stacking has nothing due when the
    /// outbox is delivered later (it is not, here).
    /// - Returns: the seconds it took (not a target).
    func seedCohort(_ session: AdminSession, setup: Setup) async throws -> Double {
        let started = ContinuousClock.now
        var byClass: [[Recipient]] = Array(repeating: [], count: setup.units.count)
        for person in 0..<recipients {
            let recipient = Recipient(type: .email, identity: "cohort-\(person)@example.org")
            for unit in StackCatalogue.holdings(of: person, count: 1 + person % 5, units: setup.units.count, composites: setup.composites.count) {
                byClass[unit].append(recipient)
            }
        }
        for (unit, recipients) in byClass.enumerated() where !recipients.isEmpty {
            let outcome = try await session.administration.award(badgeClassID: setup.units[unit], recipients: recipients) { _ in }
            guard outcome.created == recipients.count else {
                throw BenchmarkError(.unexpectedResult, "seeding created \(outcome.created) of \(recipients.count): \(outcome.failures.prefix(3))")
            }
        }
        try await setup.setRules(session)
        return started.duration(to: .now).inSeconds
    }

    /// Evaluates every composite's rule over its whole cohort, a dry run, in one pass (the
    /// target), then one composite at a time as `badged stack evaluate --dry-run` does, and
    /// checks that both judge alike.
    func evaluateCohort(_ session: AdminSession, setup: Setup) async throws -> CohortTiming {
        let cohort = session.stackingCohort
        let started = ContinuousClock.now
        let reports = try await cohort.evaluate(compositeClassIDs: setup.composites, issue: false, actor: "bench", allowed: { _ in true })
        let seconds = started.duration(to: .now).inSeconds
        let singleStarted = ContinuousClock.now
        var singles: [StackingCohort.Report] = []
        for composite in setup.composites {
            singles.append(try await cohort.evaluate(compositeClassID: composite, issue: false, actor: "bench", allowed: { _ in true }))
        }
        let singleSeconds = singleStarted.duration(to: .now).inSeconds
        let members = reports.flatMap(\.members)
        guard reports.allSatisfy({ $0.issued.isEmpty }) else { throw BenchmarkError(.unexpectedResult, "a dry run issued composites") }
        guard members == singles.flatMap(\.members) else {
            throw BenchmarkError(.unexpectedResult, "one pass and one composite at a time judged differently")
        }
        return CohortTiming(
            recipients: Set(members.map(\.recipient)).count,
            judgements: members.count,
            qualifying: members.count(where: \.isSatisfied),
            seconds: seconds,
            singleSeconds: singleSeconds
        )
    }
}
