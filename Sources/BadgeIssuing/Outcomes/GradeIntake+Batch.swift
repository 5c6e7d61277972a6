public import BadgeCore

extension GradeIntake {
    /// The most shares a batch is judged in at once.
    static let shares = 4
    /// The fewest grades in a share: a smaller batch is judged in one.
    static let minimumShare = 100

    /// Judges, records and acts on many grades of one rule (a sync's results).
    ///
    /// A large batch is split into up to four shares by student, judged concurrently: while one
    /// share's records commit, another's are read and a third's awards are signed, so a sync
    /// keeps every core busy instead of waiting on one step at a time. Concurrent shares' writes
    /// meet in the same group commits. All grades of one student go to one share, in their
    /// order, so a later grade of a student is still compared with the earlier one.
    /// - Parameter badgeClass: the rule's badge class when the caller read it with the rule.
    /// - Returns: per grade, its receipt, or why it was refused (out of bounds, not the rule's).
    public func receive(
        _ events: [OutcomeEvent],
        rule: StoredOutcomeRule,
        badgeClass: Record<BadgeClass>? = nil
    ) async throws -> [Result<Receipt, BadgeCoreError>] {
        let count = min(Self.shares, events.count / Self.minimumShare)
        guard count > 1 else { return try await receiveShare(events, rule: rule, badgeClass: badgeClass) }
        let groups = Self.split(events, into: count)
        return try await withThrowingTaskGroup(of: ([Int], [Result<Receipt, BadgeCoreError>]).self) { group in
            for indices in groups {
                group.addTask {
                    (indices, try await receiveShare(indices.map { events[$0] }, rule: rule, badgeClass: badgeClass))
                }
            }
            var results = [Result<Receipt, BadgeCoreError>?](repeating: nil, count: events.count)
            for try await (indices, received) in group {
                for (index, result) in zip(indices, received) { results[index] = result }
            }
            return results.map { $0 ?? .failure(BadgeCoreError(.validation, "the grade was not judged")) }
        }
    }

    /// The indices of `events` in `count` shares of about equal size, each student's grades in
    /// one share and in their order (students are dealt round-robin as they first appear).
    static func split(_ events: [OutcomeEvent], into count: Int) -> [[Int]] {
        var shareOfUser: [String: Int] = [:]
        var shares = [[Int]](repeating: [], count: count)
        for (index, event) in events.enumerated() {
            let key = event.platform.issuer + "\n" + event.userID
            let share = shareOfUser[key] ?? (shareOfUser.count % count)
            shareOfUser[key] = share
            shares[share].append(index)
        }
        return shares.filter { !$0.isEmpty }
    }
}
