import BadgeCore

/// Group commit for awards: writes that arrive while a transaction is committing wait and are
/// then stored together in the next one.
///
/// A durable commit costs the same for one row as for hundreds, so concurrent callers (grade
/// passback from several courses, parallel API clients) share commits instead of queueing for
/// one each. Every caller still gets its own outcomes, and an error fails only the callers of
/// the transaction that failed; nothing is reported stored that was not committed.
actor AwardCommitter {
    /// The most rows one transaction takes; more wait for the next.
    static let maximumGroup = 1_000

    private struct Waiting {
        let items: [NewAssertion]
        let continuation: CheckedContinuation<[AwardOutcome], any Error>
    }

    private let assertions: any AssertionStore
    private var waiting: [Waiting] = []
    private var isCommitting = false

    init(assertions: any AssertionStore) {
        self.assertions = assertions
    }

    /// Stores `items` (in a transaction shared with other callers) and returns their outcomes.
    func store(_ items: [NewAssertion]) async throws -> [AwardOutcome] {
        guard !items.isEmpty else { return [] }
        return try await withCheckedThrowingContinuation { continuation in
            waiting.append(Waiting(items: items, continuation: continuation))
            if !isCommitting {
                isCommitting = true
                Task { await commitWhileWaiting() }
            }
        }
    }

    private func commitWhileWaiting() async {
        while !waiting.isEmpty {
            var group: [Waiting] = []
            var rows = 0
            while let next = waiting.first, group.isEmpty || rows + next.items.count <= Self.maximumGroup {
                group.append(waiting.removeFirst())
                rows += next.items.count
            }
            do {
                var outcomes = try await assertions.store(group.flatMap(\.items))[...]
                for member in group {
                    member.continuation.resume(returning: Array(outcomes.prefix(member.items.count)))
                    outcomes = outcomes.dropFirst(member.items.count)
                }
            } catch {
                for member in group { member.continuation.resume(throwing: error) }
            }
        }
        isCommitting = false
    }
}
