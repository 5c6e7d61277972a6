public import BadgeCore
import Foundation
public import OpenBadges
import Synchronization

/// How a platform user is named in storage: the learner key (a digest of the platform and
/// `sub`), and the recipient sealed at rest under it.
public struct LearnerIdentity: Sendable {
    private let encryption: KeyEncryption
    private let opened = OpenedEntries()

    /// The sealed entries this process opened, by learner key, so that a student's every launch
    /// does not open the same entry again to learn that it still opens (an AES-GCM open and a
    /// JSON decoding, ~2 % of a launch). Bounded: when full it starts again empty.
    private final class OpenedEntries: Sendable {
        static let capacity = 50_000
        let sealed = Mutex<[String: String]>([:])
    }

    /// Creates the sealer with the key-encryption key.
    public init(encryption: KeyEncryption) {
        self.encryption = encryption
    }

    /// Whether an entry opens under this key-encryption key (an entry sealed under an earlier one
    /// does not, and is sealed again at the student's next launch or sync).
    public func opens(_ entry: LearnerEntry, learnerKey: String) -> Bool {
        if opened.sealed.withLock({ $0[learnerKey] == entry.sealedRecipient }) { return true }
        guard (try? recipient(of: entry, learnerKey: learnerKey)) != nil else { return false }
        opened.sealed.withLock { sealed in
            if sealed.count >= OpenedEntries.capacity { sealed.removeAll(keepingCapacity: true) }
            sealed[learnerKey] = entry.sealedRecipient
        }
        return true
    }

    /// The learner key of a platform user.
    public static func key(issuer: String, userID: String) -> String {
        Digest.sha256Hex("learner\n\(issuer)\n\(userID)")
    }

    /// The directory entry for a recipient.
    public func entry(for recipient: Recipient, learnerKey: String) throws -> LearnerEntry {
        let plain = try JSONEncoder().encode(recipient)
        return LearnerEntry(recipientKey: recipient.key, sealedRecipient: try encryption.seal(plain, context: "learner:" + learnerKey))
    }

    /// The recipient of a directory entry.
    public func recipient(of entry: LearnerEntry, learnerKey: String) throws -> Recipient {
        let plain = try encryption.open(entry.sealedRecipient, context: "learner:" + learnerKey)
        return try JSONDecoder().decode(Recipient.self, from: plain)
    }
}
