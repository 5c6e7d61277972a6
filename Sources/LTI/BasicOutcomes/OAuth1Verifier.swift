public import Foundation

/// Verifies OAuth 1.0a HMAC-SHA1 signed POSTs with an `oauth_body_hash`, as the LTI 1.1 Basic
/// Outcomes service (and other LTI 1.1 services) send them.
///
/// The checks run in a fixed order, each with its own ``LTIError`` code: the header is an OAuth
/// header (`invalidRequest`); the method is HMAC-SHA1 (`unsupportedSignatureMethod`); the version,
/// if any, is 1.0 and the required parameters are present (`invalidRequest`); the consumer is known
/// (`unknownConsumer`); the signature verifies (`invalidSignature`); the body matches its hash
/// (`bodyHashMismatch`); the timestamp is within ``window`` of now (`staleTimestamp`); the nonce is
/// new (`replayedNonce`). The nonce is recorded last, so unsigned requests cannot fill the table.
public struct OAuth1Verifier: Sendable {
    /// The longest `oauth_nonce` accepted, in characters.
    public static let maximumNonceLength = 128

    /// How far, in seconds, the signed timestamp may lie before or after now.
    public let window: TimeInterval
    private let nonces: any OAuthNonceGuard

    /// Creates a verifier.
    ///
    /// - Parameters:
    ///   - window: How far, in seconds, the signed timestamp may lie before or after now.
    ///   - nonces: Where used nonces are recorded, for `window` seconds past their timestamp.
    public init(window: TimeInterval = 300, nonces: any OAuthNonceGuard) {
        self.window = window
        self.nonces = nonces
    }

    /// Verifies a signed request.
    ///
    /// - Parameters:
    ///   - method: The request's HTTP method.
    ///   - url: The absolute URL the request was sent to, as the consumer saw it (behind a proxy,
    ///     the public scheme, host and port).
    ///   - authorization: The `Authorization` header value, if any.
    ///   - body: The raw request body.
    ///   - now: The current time.
    ///   - secret: Looks up the shared secret of a consumer key; `nil` (or an empty secret) for an
    ///     unknown consumer.
    /// - Returns: The verified consumer key.
    /// - Throws: ``LTIError`` with the code of the first failing check (see the type's summary),
    ///   or whatever `secret` or the nonce guard throws. Messages never contain the secret, the
    ///   signature or the nonce.
    public func verify(
        method: String,
        url: URL,
        authorization: String?,
        body: Data,
        now: Date,
        secret: (String) async throws -> String?
    ) async throws -> String {
        guard let authorization else {
            throw LTIError(.invalidRequest, "The request has no Authorization header.", field: "Authorization")
        }
        let header = try OAuthAuthorizationHeader(parsing: authorization)
        let parameters = try RequiredParameters(header)
        guard let consumerSecret = try await secret(parameters.consumerKey), !consumerSecret.isEmpty else {
            throw LTIError(.unknownConsumer, "The consumer key is not registered.", field: "oauth_consumer_key")
        }
        let baseString = try OAuth1SignatureBase.string(method: method, url: url, parameters: header.signedParameters)
        guard let signature = Data(base64Encoded: parameters.signature),
            OAuth1SignatureBase.isValid(signature: signature, of: baseString, consumerSecret: consumerSecret)
        else {
            throw LTIError(.invalidSignature, "The OAuth signature does not verify.", field: "oauth_signature")
        }
        guard OAuth1SignatureBase.bodyHash(of: body) == parameters.bodyHash else {
            throw LTIError(.bodyHashMismatch, "The request body does not match oauth_body_hash.", field: "oauth_body_hash")
        }
        let issuedAt = Date(timeIntervalSince1970: TimeInterval(parameters.timestamp))
        guard abs(issuedAt.timeIntervalSince(now)) <= window else {
            throw LTIError(.staleTimestamp, "The OAuth timestamp is outside the accepted window.", field: "oauth_timestamp")
        }
        let expiresAt = issuedAt.addingTimeInterval(window)
        guard try await nonces.firstUse(consumerKey: parameters.consumerKey, nonce: parameters.nonce, expiresAt: expiresAt) else {
            throw LTIError(.replayedNonce, "The OAuth nonce was already used.", field: "oauth_nonce")
        }
        return parameters.consumerKey
    }
}

extension OAuth1Verifier {
    /// The parameters every verified request must carry, read in the verifier's check order.
    private struct RequiredParameters {
        let consumerKey: String
        let nonce: String
        let timestamp: Int
        let signature: String
        let bodyHash: String

        init(_ header: OAuthAuthorizationHeader) throws {
            guard let method = header["oauth_signature_method"] else { throw Self.missing("oauth_signature_method") }
            guard method == "HMAC-SHA1" else {
                throw LTIError(.unsupportedSignatureMethod, "Only the HMAC-SHA1 signature method is supported.", field: "oauth_signature_method")
            }
            if let version = header["oauth_version"], version != "1.0" {
                throw LTIError(.invalidRequest, "Only OAuth version 1.0 is supported.", field: "oauth_version")
            }
            guard let consumerKey = header["oauth_consumer_key"], !consumerKey.isEmpty else { throw Self.missing("oauth_consumer_key") }
            guard let nonce = header["oauth_nonce"], !nonce.isEmpty else { throw Self.missing("oauth_nonce") }
            guard nonce.count <= OAuth1Verifier.maximumNonceLength else {
                throw LTIError(.invalidRequest, "The OAuth nonce is too long.", field: "oauth_nonce")
            }
            guard let rawTimestamp = header["oauth_timestamp"] else { throw Self.missing("oauth_timestamp") }
            guard (1...12).contains(rawTimestamp.utf8.count), rawTimestamp.utf8.allSatisfy({ (0x30...0x39).contains($0) }),
                let timestamp = Int(rawTimestamp)
            else {
                throw LTIError(.invalidRequest, "The OAuth timestamp is not a number of seconds.", field: "oauth_timestamp")
            }
            guard let signature = header["oauth_signature"], !signature.isEmpty else { throw Self.missing("oauth_signature") }
            guard let bodyHash = header["oauth_body_hash"], !bodyHash.isEmpty else { throw Self.missing("oauth_body_hash") }
            self.consumerKey = consumerKey
            self.nonce = nonce
            self.timestamp = timestamp
            self.signature = signature
            self.bodyHash = bodyHash
        }

        private static func missing(_ name: String) -> LTIError {
            LTIError(.invalidRequest, "The Authorization header lacks \(name).", field: name)
        }
    }
}
