/// What a student's wallet shows of a badge from elsewhere (see ``ExternalBadgeChecks``).
public enum ExternalBadgeStatus: String, Hashable, Sendable, CaseIterable {
    /// Verified: every check passed.
    case valid
    /// Its issuer revoked it.
    case revoked
    /// It expired.
    case expired
    /// It could not be verified now (its issuer unreachable, a document changed); the wallet says why.
    case unverifiable
}
