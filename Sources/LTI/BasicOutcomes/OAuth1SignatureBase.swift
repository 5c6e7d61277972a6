import Crypto
public import Foundation

/// The OAuth 1.0a signature base string (RFC 5849 §3.4.1) and the HMAC-SHA1 and body-hash
/// computations that ``OAuth1Signer`` and ``OAuth1Verifier`` share.
public enum OAuth1SignatureBase {
    /// The signature base string of a request.
    ///
    /// The URL's query parameters are added to `parameters`; every name and value is
    /// percent-encoded (RFC 5849 §3.6), and the pairs are sorted by name, then value.
    ///
    /// - Parameters:
    ///   - method: The HTTP method; it is uppercased.
    ///   - url: The absolute request URL; scheme and host are lowercased, a default port dropped.
    ///   - parameters: Decoded protocol parameters (without `oauth_signature` and `realm`), plus
    ///     any form-encoded body parameters.
    /// - Throws: ``LTIError`` `invalidRequest` when the URL is not absolute or its query is malformed.
    public static func string(method: String, url: URL, parameters: [(name: String, value: String)]) throws -> String {
        guard let components = URLComponents(url: url, resolvingAgainstBaseURL: false) else {
            throw LTIError(.invalidRequest, "The request URL cannot be read.")
        }
        let normalized = (try queryParameters(of: components) + parameters)
            .map { (name: OAuthPercentEncoding.encode($0.name), value: OAuthPercentEncoding.encode($0.value)) }
            .sorted { lhs, rhs in
                lhs.name == rhs.name
                    ? lhs.value.utf8.lexicographicallyPrecedes(rhs.value.utf8)
                    : lhs.name.utf8.lexicographicallyPrecedes(rhs.name.utf8)
            }
            .map { "\($0.name)=\($0.value)" }
            .joined(separator: "&")
        return [method.uppercased(), try baseStringURI(of: components), normalized]
            .map(OAuthPercentEncoding.encode)
            .joined(separator: "&")
    }

    /// `base64(HMAC-SHA1(key, baseString))` with the key `encode(consumerSecret) + "&"` (LTI 1.1
    /// has no token, so the token secret is empty).
    static func signature(of baseString: String, consumerSecret: String) -> Data {
        Data(HMAC<Insecure.SHA1>.authenticationCode(for: Data(baseString.utf8), using: key(consumerSecret)))
    }

    /// Whether `signature` is the HMAC-SHA1 of `baseString`, compared in constant time.
    static func isValid(signature: Data, of baseString: String, consumerSecret: String) -> Bool {
        HMAC<Insecure.SHA1>.isValidAuthenticationCode(signature, authenticating: Data(baseString.utf8), using: key(consumerSecret))
    }

    /// `base64(SHA1(body))`, the `oauth_body_hash` of the OAuth Request Body Hash extension.
    static func bodyHash(of body: Data) -> String {
        Data(Insecure.SHA1.hash(data: body)).base64EncodedString()
    }

    private static func key(_ consumerSecret: String) -> SymmetricKey {
        SymmetricKey(data: Data((OAuthPercentEncoding.encode(consumerSecret) + "&").utf8))
    }

    /// Scheme, host, non-default port and path (RFC 5849 §3.4.1.2).
    private static func baseStringURI(of components: URLComponents) throws -> String {
        guard let scheme = components.scheme?.lowercased(), let host = components.percentEncodedHost?.lowercased(), !host.isEmpty
        else {
            throw LTIError(.invalidRequest, "The request URL is not absolute.")
        }
        var uri = "\(scheme)://\(host)"
        if let port = components.port, !(scheme == "http" && port == 80), !(scheme == "https" && port == 443) {
            uri += ":\(port)"
        }
        let path = components.percentEncodedPath
        return uri + (path.isEmpty ? "/" : path)
    }

    /// The decoded `application/x-www-form-urlencoded` query pairs (RFC 5849 §3.4.1.3.1).
    private static func queryParameters(of components: URLComponents) throws -> [(name: String, value: String)] {
        guard let query = components.percentEncodedQuery else { return [] }
        return try query.split(separator: "&").map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = OAuthPercentEncoding.decode(parts[0], plusIsSpace: true),
                let value = OAuthPercentEncoding.decode(parts.count > 1 ? parts[1] : "", plusIsSpace: true)
            else {
                throw LTIError(.invalidRequest, "The request URL's query is not well percent-encoded.")
            }
            return (name: name, value: value)
        }
    }
}
