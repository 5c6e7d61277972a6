import Foundation
import LTI
import Synchronization

/// Platform registrations read in the last second, by issuer and client id: a login, its
/// launch and the launch's landing each look the registration up, and a busy course launches
/// many times a second. A registration changed or removed through this daemon's registry is
/// forgotten at once; one changed by another daemon on the same database is seen within
/// ``freshness``.
final class RecentPlatforms: Sendable {
    /// A registration as read: its platform and institution, or nothing registered.
    struct Entry: Sendable {
        let platform: Platform?
        let institutionID: UUID?
        let readAt: ContinuousClock.Instant
    }

    /// How long a read serves.
    static let freshness: Duration = .seconds(1)
    /// The most entries kept.
    static let capacity = 1_024
    private let entries = Mutex<[String: Entry]>([:])

    /// The entry for an issuer and client id, when read within ``freshness``.
    func entry(issuer: String, clientID: String) -> Entry? {
        let key = Self.key(issuer, clientID)
        return entries.withLock { entries in
            guard let entry = entries[key] else { return nil }
            return entry.readAt.duration(to: .now) < Self.freshness ? entry : nil
        }
    }

    /// Keeps what a read found.
    func store(issuer: String, clientID: String, platform: Platform?, institutionID: UUID?) {
        let entry = Entry(platform: platform, institutionID: institutionID, readAt: .now)
        entries.withLock { entries in
            if entries.count >= Self.capacity { entries.removeAll(keepingCapacity: true) }
            entries[Self.key(issuer, clientID)] = entry
        }
    }

    /// Forgets everything (after this daemon changed a registration).
    func clear() {
        entries.withLock { $0.removeAll(keepingCapacity: true) }
    }

    private static func key(_ issuer: String, _ clientID: String) -> String {
        issuer + "\n" + clientID
    }
}
