/// The one error type of the LTI module.
///
/// Every rejection of a login or launch carries a distinct ``Code`` and a reason that is safe to
/// show to the browser (no tokens, keys or user identities). The server maps codes to 4xx
/// problem+json answers; the LTI module knows nothing of HTTP statuses.
public struct LTIError: Error, Sendable, CustomStringConvertible {
    /// What kind of failure this is; extensible without breaking callers.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Value: String, Sendable {
            case invalidRequest = "invalid_request"
            case unknownPlatform = "unknown_platform"
            case ambiguousPlatform = "ambiguous_platform"
            case unknownState = "unknown_state"
            case stateMismatch = "state_mismatch"
            case malformedToken = "malformed_token"
            case unsecuredToken = "unsecured_token"
            case symmetricAlgorithm = "symmetric_algorithm"
            case unsupportedAlgorithm = "unsupported_algorithm"
            case unknownKey = "unknown_key"
            case invalidSignature = "invalid_signature"
            case keySetUnavailable = "key_set_unavailable"
            case wrongIssuer = "wrong_issuer"
            case wrongAudience = "wrong_audience"
            case authorizedPartyMismatch = "authorized_party_mismatch"
            case expired = "expired"
            case issuedInFuture = "issued_in_future"
            case nonceMismatch = "nonce_mismatch"
            case replayedNonce = "replayed_nonce"
            case unknownDeployment = "unknown_deployment"
            case wrongMessageType = "wrong_message_type"
            case wrongVersion = "wrong_version"
            case missingResourceLink = "missing_resource_link"
            case missingClaim = "missing_claim"
            case invalidKey = "invalid_key"
            case tokenRequestFailed = "token_request_failed"
            case serviceRequestFailed = "service_request_failed"
            case invalidResponse = "invalid_response"
        }
        private let value: Value
        private init(_ value: Value) { self.value = value }

        /// A login or launch request lacks a parameter, or a parameter is too large.
        public static let invalidRequest = Code(.invalidRequest)
        /// No platform is registered for the issuer (and client id).
        public static let unknownPlatform = Code(.unknownPlatform)
        /// Several registrations share the issuer and the request names no client id.
        public static let ambiguousPlatform = Code(.ambiguousPlatform)
        /// The launch's `state` was never issued by this tool, or it expired.
        public static let unknownState = Code(.unknownState)
        /// The launch's `state` differs from the browser's state cookie (or the cookie is missing).
        public static let stateMismatch = Code(.stateMismatch)
        /// The id_token is not a well-formed compact JWS with JSON header and claims.
        public static let malformedToken = Code(.malformedToken)
        /// The id_token uses `alg: none`.
        public static let unsecuredToken = Code(.unsecuredToken)
        /// The id_token uses an HMAC algorithm (HS256 and kin), which LTI forbids.
        public static let symmetricAlgorithm = Code(.symmetricAlgorithm)
        /// The id_token uses an algorithm other than RS256.
        public static let unsupportedAlgorithm = Code(.unsupportedAlgorithm)
        /// The id_token's `kid` is not in the platform's key set, even after refetching it.
        public static let unknownKey = Code(.unknownKey)
        /// The id_token's signature does not verify with the platform key.
        public static let invalidSignature = Code(.invalidSignature)
        /// The platform's key set could not be fetched or read.
        public static let keySetUnavailable = Code(.keySetUnavailable)
        /// `iss` is not the registered issuer the login started with.
        public static let wrongIssuer = Code(.wrongIssuer)
        /// `aud` does not contain the registered client id.
        public static let wrongAudience = Code(.wrongAudience)
        /// `aud` is a list and `azp` is missing or differs from the client id.
        public static let authorizedPartyMismatch = Code(.authorizedPartyMismatch)
        /// `exp` has passed (beyond the leeway).
        public static let expired = Code(.expired)
        /// `iat` lies in the future (beyond the leeway).
        public static let issuedInFuture = Code(.issuedInFuture)
        /// The id_token's `nonce` is not the nonce issued with the login's state.
        public static let nonceMismatch = Code(.nonceMismatch)
        /// The `nonce` was already used by an earlier launch.
        public static let replayedNonce = Code(.replayedNonce)
        /// The `deployment_id` is not registered for the platform.
        public static let unknownDeployment = Code(.unknownDeployment)
        /// The message type is neither LtiResourceLinkRequest nor LtiDeepLinkingRequest.
        public static let wrongMessageType = Code(.wrongMessageType)
        /// The LTI version is not "1.3.0".
        public static let wrongVersion = Code(.wrongVersion)
        /// A resource link launch lacks `resource_link.id`.
        public static let missingResourceLink = Code(.missingResourceLink)
        /// A mandatory claim (`sub`, `exp`, deep-linking settings, …) is missing or mistyped.
        public static let missingClaim = Code(.missingClaim)
        /// A tool key could not be read or used.
        public static let invalidKey = Code(.invalidKey)
        /// The platform refused or failed the OAuth 2 access-token request.
        public static let tokenRequestFailed = Code(.tokenRequestFailed)
        /// An AGS or NRPS request failed (after retries for transient failures).
        public static let serviceRequestFailed = Code(.serviceRequestFailed)
        /// A platform answer could not be decoded or is too large.
        public static let invalidResponse = Code(.invalidResponse)

        /// The stable identifier of the code, such as `replayed_nonce`.
        public var description: String { value.rawValue }
    }

    /// What kind of failure this is.
    public let code: Code
    /// A human-readable reason, safe to show to the browser or API client.
    public let message: String
    /// The underlying error, if any.
    public let cause: (any Error)?
    /// Where the error was thrown.
    public let location: String

    /// Creates an error.
    public init(_ code: Code, _ message: String, cause: (any Error)? = nil, fileID: String = #fileID, line: Int = #line) {
        self.code = code
        self.message = message
        self.cause = cause
        self.location = "\(fileID):\(line)"
    }

    public var description: String { "LTIError(\(code)): \(message)" }
}
