public import BadgeCore
import Foundation
import SQLKit

extension SQLOutcomeEventStore {
    /// The gate, the assertions, the records, their audit rows and outbox messages in one
    /// transaction; see ``OutcomeEventStore/recordAwarding(_:)``.
    public func recordAwarding(_ batch: [GradedAward]) async throws -> [AwardOutcome?] {
        guard !batch.isEmpty else { return [] }
        let bodies = try batch.map { try Self.body(of: $0.outcome) }
        let assertionBodies = try batch.map { try RowCoding.encode($0.assertion.assertion) }
        let audit = database.auditLog
        let numbering = database.credentialNumbering
        return try await database.transaction { db in
            let passed = try await Self.passGates(batch.map { ($0.outcome, $0.fingerprint) }, in: db)
            let through = batch.indices.filter { passed.contains(batch[$0].outcome.id) }
            let stored = try await SQLAssertionStore.insert(
                through.map { batch[$0].assertion },
                encoded: through.map { assertionBodies[$0] },
                audit: audit,
                numbering: numbering,
                in: db
            )
            var outcomes = [AwardOutcome?](repeating: nil, count: batch.count)
            var records: [(RecordedOutcome, String)] = []
            var messages: [(OutboxMessage.Topic, UUID, UUID?)] = []
            for (index, outcome) in zip(through, stored) {
                var record = batch[index].outcome
                if case .created(let assertion, _) = outcome {
                    record.decision = .awarded
                    record.assertionID = assertion.id
                    if batch[index].writesBack { messages.append((.outcomeAwarded, record.id, record.institutionID)) }
                } else {
                    messages.append((.outcomeDecided, record.id, record.institutionID))
                }
                records.append((record, bodies[index]))
                outcomes[index] = outcome
            }
            try await Self.insertRecords(records, in: db)
            try await SQLOutbox.enqueue(messages, audit: audit, in: db)
            return outcomes
        }
    }
}
