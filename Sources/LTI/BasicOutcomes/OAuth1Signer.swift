public import Foundation

/// Signs requests the way ``OAuth1Verifier`` verifies them: OAuth 1.0a HMAC-SHA1 with an
/// `oauth_body_hash` and no token, as LTI 1.1 consumers send Basic Outcomes requests.
public struct OAuth1Signer: Sendable, CustomStringConvertible {
    /// The consumer key the requests are signed for.
    public let consumerKey: String
    private let consumerSecret: String

    /// Creates a signer.
    ///
    /// - Parameters:
    ///   - consumerKey: The consumer key sent as `oauth_consumer_key`.
    ///   - consumerSecret: The secret shared with the receiver.
    public init(consumerKey: String, consumerSecret: String) {
        self.consumerKey = consumerKey
        self.consumerSecret = consumerSecret
    }

    /// The signer with its secret redacted.
    public var description: String { "OAuth1Signer(consumerKey: \(consumerKey), consumerSecret: <redacted>)" }

    /// The `Authorization` header value for a request.
    ///
    /// - Parameters:
    ///   - method: The HTTP method, such as `POST`.
    ///   - url: The absolute request URL; its query parameters are signed.
    ///   - body: The request body, signed through `oauth_body_hash`.
    ///   - nonce: A value unique per request (injected, so that tests are byte-stable).
    ///   - timestamp: The signing time; whole seconds since 1970 are sent.
    /// - Returns: `OAuth oauth_body_hash="…", …, oauth_signature="…"`.
    /// - Throws: ``LTIError`` `invalidRequest` when the URL is not absolute or its query is malformed.
    public func authorization(method: String, url: URL, body: Data, nonce: String, timestamp: Date) throws -> String {
        let parameters: [(name: String, value: String)] = [
            ("oauth_body_hash", OAuth1SignatureBase.bodyHash(of: body)),
            ("oauth_consumer_key", consumerKey),
            ("oauth_nonce", nonce),
            ("oauth_signature_method", "HMAC-SHA1"),
            ("oauth_timestamp", String(Int(timestamp.timeIntervalSince1970.rounded(.down)))),
            ("oauth_version", "1.0"),
        ]
        let baseString = try OAuth1SignatureBase.string(method: method, url: url, parameters: parameters)
        let signature = OAuth1SignatureBase.signature(of: baseString, consumerSecret: consumerSecret).base64EncodedString()
        return OAuthAuthorizationHeader.render(parameters + [("oauth_signature", signature)])
    }
}
