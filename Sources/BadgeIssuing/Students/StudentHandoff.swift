import BadgeCore
import Foundation
import OpenBadges

/// The hand-off of an LTI student launch, carried by the token itself instead of a database
/// row: the recipient and the expiry, sealed with the key-encryption key under a context of its
/// own (``SealedToken``), so every daemon of a deployment opens it and nobody can forge, alter
/// or read one. A launch then writes nothing for it; the token is recorded as spent only when
/// the student follows it (``ReplayGuard``), which most launches never do.
///
/// The recipient travels inside the token's one seal as it is; the session's own sealed copy is
/// made only when the student follows the hand-off, so a launch pays for one seal, not two.
struct StudentHandoff: Codable, Sendable {
    /// The recipient.
    let recipient: Recipient
    /// When it stops working (Unix seconds).
    let expiresAt: Int64
    /// Random bytes: two hand-offs of one student at the same second differ.
    let nonce: String

    /// The prefix that tells a sealed hand-off from a stored token's 64 hex digits. (`h1.`
    /// hand-offs carried a sealed recipient; they are refused, and the student launches again.)
    static let prefix = "h2."
    /// The longest token accepted (a sealed hand-off is about 300 characters).
    static let maximumLength = 2_048
    private static let context = "student-handoff"

    enum CodingKeys: String, CodingKey {
        case recipient = "r", expiresAt = "e", nonce = "n"
    }

    /// The token: the prefix and the sealed payload.
    func token(encryption: KeyEncryption) throws -> String {
        try SealedToken.make(self, prefix: Self.prefix, context: Self.context, encryption: encryption)
    }

    /// The hand-off a token carries, or nil when it is not one badged sealed (malformed,
    /// tampered, or sealed under another key).
    static func opened(_ token: String, encryption: KeyEncryption) -> StudentHandoff? {
        SealedToken.open(token, as: StudentHandoff.self, prefix: prefix, context: context, maximumLength: maximumLength, encryption: encryption)
    }
}
