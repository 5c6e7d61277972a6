public import BadgeCore
import Crypto
import Primitives

/// Hashes recipient identities for publication: `"sha256$"` + hex(sha256(normalised identity + salt)).
///
/// Identities are normalised first (see `Recipient.normalizedIdentity`): e-mail addresses are
/// trimmed and lower-cased, so a verifier must lower-case the address it checks as well.
public struct RecipientHasher: Sendable {
    /// The number of random bytes in a salt (hex-encoded, so salts are twice as long).
    public static let saltByteCount = 16

    private let randomBytes: @Sendable (Int) -> [UInt8]

    /// Creates a hasher that draws salts from the system random source.
    public init() {
        self.init(randomBytes: SecureRandomBytes.make(count:))
    }

    /// Creates a hasher with injected randomness (tests pin it so hashes are byte-stable).
    /// - Parameter randomBytes: returns the requested number of random bytes.
    public init(randomBytes: @escaping @Sendable (Int) -> [UInt8]) {
        self.randomBytes = randomBytes
    }

    /// Hashes a recipient with a fresh salt.
    public func hash(_ recipient: Recipient) -> HashedRecipient {
        let salt = Self.hex(randomBytes(Self.saltByteCount))
        return Self.hash(recipient, salt: salt)
    }

    /// Hashes a recipient with a given salt.
    public static func hash(_ recipient: Recipient, salt: String) -> HashedRecipient {
        let digest = SHA256.hash(data: Array((recipient.normalizedIdentity + salt).utf8))
        return HashedRecipient(type: recipient.type, identity: "sha256$" + hex(Array(digest)), salt: salt)
    }

    /// Whether `recipient` is the one `hashed` was made from (same type, same normalised identity).
    public static func matches(_ recipient: Recipient, _ hashed: HashedRecipient) -> Bool {
        guard recipient.type == hashed.type else { return false }
        return hash(recipient, salt: hashed.salt).identity == hashed.identity.lowercased()
    }

    static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef")
        var text = ""
        text.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return text
    }
}
