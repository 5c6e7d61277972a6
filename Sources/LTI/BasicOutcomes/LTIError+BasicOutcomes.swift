// The LTI 1.1 Basic Outcomes receiver reuses `invalidRequest`, `invalidSignature` and
// `replayedNonce`; these codes are the ones only OAuth 1.0a signed requests can fail with.
extension ErrorCode where Module == LTIErrors {
    /// An OAuth 1.0a request uses a signature method other than HMAC-SHA1.
    public static let unsupportedSignatureMethod = Self("unsupported_signature_method")
    /// An OAuth 1.0a request names a consumer key that has no secret.
    public static let unknownConsumer = Self("unknown_consumer")
    /// The request body does not hash to the signed `oauth_body_hash`.
    public static let bodyHashMismatch = Self("body_hash_mismatch")
    /// The signed `oauth_timestamp` lies outside the accepted window around now.
    public static let staleTimestamp = Self("stale_timestamp")
}
