public import BadgeCore
public import Foundation

/// A ``ReplayGuard`` whose concurrent callers share writes: values that arrive while one write
/// commits are written together in the next (``GroupCommit``).
///
/// Every LTI launch spends its nonce, so under load each launch paid a durable commit of its
/// own (on SQLite an fsync, ~6 % of a launch's CPU). Now a burst of launches pays one per
/// group, and every value is still on disk before its caller is told it was a first use.
public struct GroupedReplayGuard: ReplayGuard {
    private let committer: GroupCommit<SingleUse, Bool>

    /// Groups the writes of `base`; `clock` says when a group is written (for sweeping
    /// expired values).
    public init(_ base: any ReplayGuard, clock: any TimeSource) {
        self.committer = GroupCommit { [base, clock] uses in try await base.firstUses(uses, now: clock.now()) }
    }

    public func firstUse(scope: String, value: String, expiresAt: Date, now: Date) async throws -> Bool {
        try await committer.write([SingleUse(scope: scope, value: value, expiresAt: expiresAt)])[0]
    }

    public func firstUses(_ uses: [SingleUse], now: Date) async throws -> [Bool] {
        try await committer.write(uses)
    }
}
