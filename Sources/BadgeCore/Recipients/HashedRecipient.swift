/// The published form of a ``Recipient``: the identity as a salted SHA-256 hash.
///
/// `identity` is `"sha256$"` followed by the lower-case hex SHA-256 of the normalised identity
/// plus the salt, exactly as Open Badges 2.0 `IdentityObject` with `hashed: true`.
public struct HashedRecipient: Codable, Hashable, Sendable {
    /// The kind of identifier that was hashed.
    public var type: Recipient.IdentityType
    /// `sha256$` and 64 lower-case hex digits.
    public var identity: String
    /// The salt appended to the identity before hashing.
    public var salt: String

    /// Creates a hashed recipient from an already computed hash.
    public init(type: Recipient.IdentityType, identity: String, salt: String) {
        self.type = type
        self.identity = identity
        self.salt = salt
    }
}
