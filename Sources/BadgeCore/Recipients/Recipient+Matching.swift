extension Recipient {
    /// What identifies a recipient for awarding: the identity type and the normalised identity.
    ///
    /// Awards are idempotent per (badge class, recipient): the application layer stores a digest
    /// of this text (the recipient key) with every assertion, never the identity itself, so the
    /// same person reached by an API award, a CSV line or a grade gets one assertion.
    public var matchingMaterial: String {
        "\(type.rawValue):\(normalizedIdentity)"
    }
}
