// Re-exported: every module's error is a `ModuleError`, whose members callers must see.
@_exported public import Primitives

/// The one error type of the LTI module.
///
/// Every rejection of a login or launch carries a distinct ``Code`` and a reason that is safe to
/// show to the browser (no tokens, keys or user identities). The server maps codes to 4xx
/// problem+json answers; the LTI module knows nothing of HTTP statuses.
public typealias LTIError = ModuleError<LTIErrors>

/// The domain of ``LTIError``s.
public enum LTIErrors: ErrorDomain {
    public static let name = "LTIError"
}

extension ErrorCode where Module == LTIErrors {
    /// A login or launch request lacks a parameter, or a parameter is too large.
    public static let invalidRequest = Self("invalid_request")
    /// No platform is registered for the issuer (and client id).
    public static let unknownPlatform = Self("unknown_platform")
    /// Several registrations share the issuer and the request names no client id.
    public static let ambiguousPlatform = Self("ambiguous_platform")
    /// The launch's `state` was never issued by this tool, or it expired.
    public static let unknownState = Self("unknown_state")
    /// The launch's `state` differs from the browser's state cookie (or the cookie is missing).
    public static let stateMismatch = Self("state_mismatch")
    /// The id_token is not a well-formed compact JWS with JSON header and claims.
    public static let malformedToken = Self("malformed_token")
    /// The id_token uses `alg: none`.
    public static let unsecuredToken = Self("unsecured_token")
    /// The id_token uses an HMAC algorithm (HS256 and kin), which LTI forbids.
    public static let symmetricAlgorithm = Self("symmetric_algorithm")
    /// The id_token uses an algorithm other than RS256.
    public static let unsupportedAlgorithm = Self("unsupported_algorithm")
    /// The id_token's `kid` is not in the platform's key set, even after refetching it.
    public static let unknownKey = Self("unknown_key")
    /// The id_token's signature does not verify with the platform key.
    public static let invalidSignature = Self("invalid_signature")
    /// The platform's key set could not be fetched or read.
    public static let keySetUnavailable = Self("key_set_unavailable")
    /// `iss` is not the registered issuer the login started with.
    public static let wrongIssuer = Self("wrong_issuer")
    /// `aud` does not contain the registered client id.
    public static let wrongAudience = Self("wrong_audience")
    /// `aud` is a list and `azp` is missing or differs from the client id.
    public static let authorizedPartyMismatch = Self("authorized_party_mismatch")
    /// `exp` has passed (beyond the leeway).
    public static let expired = Self("expired")
    /// `iat` lies in the future (beyond the leeway).
    public static let issuedInFuture = Self("issued_in_future")
    /// The id_token's `nonce` is not the nonce issued with the login's state.
    public static let nonceMismatch = Self("nonce_mismatch")
    /// The `nonce` was already used by an earlier launch.
    public static let replayedNonce = Self("replayed_nonce")
    /// The `deployment_id` is not registered for the platform.
    public static let unknownDeployment = Self("unknown_deployment")
    /// The message type is neither LtiResourceLinkRequest nor LtiDeepLinkingRequest.
    public static let wrongMessageType = Self("wrong_message_type")
    /// The LTI version is not "1.3.0".
    public static let wrongVersion = Self("wrong_version")
    /// A resource link launch lacks `resource_link.id`.
    public static let missingResourceLink = Self("missing_resource_link")
    /// An outbound request would go to a URL the ``OutboundPolicy`` refuses.
    public static let forbiddenEndpoint = Self("forbidden_endpoint")
    /// The deep-linking return URL is not an https URL on the registered platform's host.
    public static let untrustedReturnURL = Self("untrusted_return_url")
    /// A mandatory claim (`sub`, `exp`, deep-linking settings, …) is missing or mistyped.
    public static let missingClaim = Self("missing_claim")
    /// A tool key could not be read or used.
    public static let invalidKey = Self("invalid_key")
    /// The platform refused or failed the OAuth 2 access-token request.
    public static let tokenRequestFailed = Self("token_request_failed")
    /// An AGS or NRPS request failed (after retries for transient failures).
    public static let serviceRequestFailed = Self("service_request_failed")
    /// A platform answer could not be decoded or is too large.
    public static let invalidResponse = Self("invalid_response")
}
