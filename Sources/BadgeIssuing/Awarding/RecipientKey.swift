public import BadgeCore

extension Recipient {
    /// The recipient key stored with every assertion: the hex SHA-256 of
    /// ``BadgeCore/Recipient/matchingMaterial``, so that awards are idempotent per recipient
    /// without storing the identity itself, and a launch finds the badges of its student.
    public var key: String {
        Digest.sha256Hex(matchingMaterial)
    }
}
