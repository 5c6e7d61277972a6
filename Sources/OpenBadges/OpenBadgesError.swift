// Re-exported: every module's error is a `ModuleError`, whose members callers must see.
@_exported public import Primitives

/// The one error type of the Open Badges module.
///
/// A ``Code`` says what went wrong; `message` is safe to show (it never contains key material
/// or recipient identities).
public typealias OpenBadgesError = ModuleError<OpenBadgesErrors>

/// The domain of ``OpenBadgesError``s.
public enum OpenBadgesErrors: ErrorDomain {
    public static let name = "OpenBadgesError"
}

extension ErrorCode where Module == OpenBadgesErrors {
    /// An argument breaks a rule (an id that cannot be a URL path segment, a bad base URL).
    public static let invalidInput = Self("invalidInput")
    /// Key material cannot be parsed or has the wrong type or size.
    public static let invalidKey = Self("invalidKey")
    /// A sealed private key cannot be opened (wrong secret or tampered data).
    public static let keyEncryption = Self("keyEncryption")
    /// Signing failed.
    public static let signing = Self("signing")
    /// A JWS is not three base64url parts with a JSON header and payload.
    public static let malformedJWS = Self("malformedJWS")
    /// A JWS names an algorithm other than RS256 (such as `none` or `HS256`).
    public static let unsupportedAlgorithm = Self("unsupportedAlgorithm")
    /// A JWS signature does not verify with the given key.
    public static let signatureInvalid = Self("signatureInvalid")
    /// An image is not a PNG or SVG, or it holds no (or a malformed) baked assertion.
    public static let invalidImage = Self("invalidImage")
    /// An input exceeds its size bound.
    public static let tooLarge = Self("tooLarge")
    /// A document could not be fetched (network failure, timeout, or an HTTP error status).
    public static let unavailable = Self("unavailable")
}
