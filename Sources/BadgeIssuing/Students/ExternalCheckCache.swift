import BadgeCore
public import Foundation
import Synchronization

/// The last verification result of each external credential, kept in memory by one daemon for
/// ``ExternalBadgeChecks`` (each daemon sharing a database keeps its own; a miss only means one
/// more fetch). It holds no identity: results are found by credential id and recipient key.
public final class ExternalCheckCache: Sendable {
    /// One result.
    public struct Entry: Hashable, Sendable {
        /// The recipient key of the credential, so that a result is only ever shown to its holder.
        let recipientKey: String
        let status: ExternalBadgeStatus
        let detail: String?
        let checkedAt: Date

        /// The stored status this result implies; nil when it could not be verified now.
        var storedStatus: ExternalCredential.Status? {
            switch status {
            case .valid: .valid
            case .revoked: .revoked
            case .expired: .expired
            case .unverifiable: nil
            }
        }
    }

    /// The most results kept; beyond it the oldest are dropped.
    static let capacity = 10_000

    private let entries = Mutex<[UUID: Entry]>([:])

    /// Creates an empty cache.
    public init() {}

    func entry(_ id: UUID, recipientKey: String, notBefore: Date) -> Entry? {
        entries.withLock { entries in
            guard let entry = entries[id], entry.recipientKey == recipientKey, entry.checkedAt >= notBefore else { return nil }
            return entry
        }
    }

    func store(_ entry: Entry, for id: UUID) {
        entries.withLock { entries in
            if entries.count >= Self.capacity, entries[id] == nil {
                let oldest = entries.sorted { $0.value.checkedAt < $1.value.checkedAt }.prefix(Self.capacity / 10).map(\.key)
                for key in oldest { entries[key] = nil }
            }
            entries[id] = entry
        }
    }

    func remove(_ id: UUID) {
        _ = entries.withLock { $0.removeValue(forKey: id) }
    }
}
