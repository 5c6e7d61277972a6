public import BadgeCore
import Foundation
public import OpenBadges

/// How a platform user is named in storage: the learner key (a digest of the platform and
/// `sub`), and the recipient sealed at rest under it.
public struct LearnerIdentity: Sendable {
    private let encryption: KeyEncryption

    /// Creates the sealer with the key-encryption key.
    public init(encryption: KeyEncryption) {
        self.encryption = encryption
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
