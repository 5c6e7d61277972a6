/// How a badge class's assertions can be verified (Open Badges 2.0 `verification`).
///
/// The daemon has a default (`signing.mode`); a badge class may override it with
/// `verification_mode`, for example to issue signed-only assertions for one programme.
public enum VerificationMode: String, Codable, Hashable, Sendable, CaseIterable {
    /// Only by fetching the hosted assertion URL.
    case hosted
    /// Only as a JWS signed by the issuer's key (the URL serves the signed form's JSON).
    case signed
    /// Both: the URL serves a hosted assertion and `.jws` a signed one.
    case both

    /// Whether assertions are signed at award time.
    public var signs: Bool { self != .hosted }
}
