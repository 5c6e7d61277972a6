/// Group commit: writes that arrive while a transaction is committing wait and are then
/// committed together in the next one.
///
/// A durable commit costs the same for one row as for hundreds, so concurrent callers (grade
/// passback from several courses, parallel API clients) share commits instead of queueing for
/// one each. Awards (`GroupCommit<NewAssertion, AwardOutcome>`) and recorded grades use it.
/// Every caller still gets its own outcomes, in order, and an error fails only the callers of
/// the transaction that failed; nothing is reported written that was not committed.
actor GroupCommit<Item: Sendable, Outcome: Sendable> {
    /// The most rows one transaction takes; more wait for the next.
    static var maximumGroup: Int { 1_000 }

    private struct Waiting {
        let items: [Item]
        let continuation: CheckedContinuation<[Outcome], any Error>
    }

    private let commit: @Sendable ([Item]) async throws -> [Outcome]
    private var waiting: [Waiting] = []
    private var isCommitting = false

    /// Creates a committer around `commit`, which writes its items in one transaction and
    /// returns one outcome per item, in order.
    init(_ commit: @escaping @Sendable ([Item]) async throws -> [Outcome]) {
        self.commit = commit
    }

    /// Writes `items` (in a transaction shared with other callers) and returns their outcomes.
    func write(_ items: [Item]) async throws -> [Outcome] {
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
                var outcomes = try await commit(group.flatMap(\.items))[...]
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
