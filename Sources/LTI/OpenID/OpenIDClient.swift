public import AsyncHTTPClient
import Crypto
public import Foundation
import JWTKit
public import Primitives

/// badged as an OpenID Connect relying party: the authorization code flow with PKCE (S256),
/// `state` and `nonce`. Every request (discovery, token, key set) goes through the outbound
/// policy, and the id_token is verified with jwt-kit against the provider's key set: RS256 or
/// ES256 only, `iss`, `aud` (and `azp` when `aud` is a list), `exp`, `iat` and `nonce`.
public struct OpenIDClient: Sendable {
    private let exchange: HTTPExchange
    private let tokenExchange: HTTPExchange
    private let keys: HTTPJWKSFetcher
    private let clock: any LTIClock
    private let leeway: TimeInterval

    /// Creates a client.
    /// - Parameters:
    ///   - client: an HTTP client that follows no redirects (the policy checks every hop).
    ///   - policy: where requests may go.
    ///   - leeway: allowed clock skew in seconds.
    public init(client: HTTPClient, policy: OutboundPolicy, clock: any LTIClock, leeway: TimeInterval = 60) {
        exchange = HTTPExchange(
            client: client,
            timeout: .seconds(10),
            retry: RetryPolicy(maximumAttempts: 2),
            policy: policy,
            maximumBodySize: 256 * 1024
        )
        // A code works once: the token request is never repeated.
        tokenExchange = HTTPExchange(
            client: client,
            timeout: .seconds(10),
            retry: RetryPolicy(maximumAttempts: 1),
            policy: policy,
            maximumBodySize: 256 * 1024
        )
        keys = HTTPJWKSFetcher(client: client, policy: policy)
        self.clock = clock
        self.leeway = leeway
    }

    /// The provider's discovery document, checked to name the configured issuer.
    /// - Throws: ``LTIError`` `.invalidResponse` when it cannot be read, `.wrongIssuer` when it names another issuer.
    public func metadata(of provider: OpenIDProvider) async throws -> OpenIDProviderMetadata {
        let reply = try await exchange.send("GET", provider.discoveryURL, headers: [("Accept", "application/json")])
        guard reply.status == 200, let metadata = try? JSONDecoder().decode(OpenIDProviderMetadata.self, from: reply.body) else {
            throw LTIError(.invalidResponse, "The sign-in provider's discovery document could not be read (HTTP \(reply.status)).")
        }
        guard Self.sameIssuer(metadata.issuer, provider.issuer.absoluteString) else {
            throw LTIError(.wrongIssuer, "The sign-in provider's discovery document names another issuer.")
        }
        return metadata
    }

    /// Where to send the browser to sign in.
    public static func authorizationURL(
        _ metadata: OpenIDProviderMetadata,
        provider: OpenIDProvider,
        redirectURI: String,
        state: String,
        nonce: String,
        codeVerifier: String
    ) -> URL? {
        guard var components = URLComponents(url: metadata.authorizationEndpoint, resolvingAgainstBaseURL: false) else { return nil }
        let existing = components.queryItems ?? []
        components.queryItems =
            existing + [
                URLQueryItem(name: "response_type", value: "code"),
                URLQueryItem(name: "client_id", value: provider.clientID),
                URLQueryItem(name: "redirect_uri", value: redirectURI),
                URLQueryItem(name: "scope", value: provider.scopes.joined(separator: " ")),
                URLQueryItem(name: "state", value: state),
                URLQueryItem(name: "nonce", value: nonce),
                URLQueryItem(name: "code_challenge", value: codeChallenge(for: codeVerifier)),
                URLQueryItem(name: "code_challenge_method", value: "S256"),
            ]
        return components.url
    }

    /// The PKCE S256 challenge of a verifier.
    public static func codeChallenge(for verifier: String) -> String {
        Base64URL.encode(Array(SHA256.hash(data: Data(verifier.utf8))))
    }

    /// Exchanges a code for the id_token's verified claims.
    /// - Throws: ``LTIError``: `.tokenRequestFailed` when the provider refuses the code, and the
    ///   id_token's own refusals (see ``verify(idToken:metadata:provider:nonce:)``).
    public func signIn(
        code: String,
        codeVerifier: String,
        redirectURI: String,
        metadata: OpenIDProviderMetadata,
        provider: OpenIDProvider,
        nonce: String
    ) async throws -> [String: JSONValue] {
        let form = [
            ("grant_type", "authorization_code"), ("code", code), ("redirect_uri", redirectURI), ("code_verifier", codeVerifier),
            ("client_id", provider.clientID),
        ]
        let body = form.map { "\($0.0)=\(Self.formEncoded($0.1))" }.joined(separator: "&")
        let basic = Data("\(Self.formEncoded(provider.clientID)):\(Self.formEncoded(provider.clientSecret))".utf8).base64EncodedString()
        let reply = try await tokenExchange.send(
            "POST",
            metadata.tokenEndpoint,
            headers: [("Content-Type", "application/x-www-form-urlencoded"), ("Accept", "application/json"), ("Authorization", "Basic " + basic)],
            body: Data(body.utf8)
        )
        guard reply.status == 200 else { throw LTIError(.tokenRequestFailed, "The sign-in provider refused the code (HTTP \(reply.status)).") }
        guard let answer = try? JSONDecoder().decode([String: JSONValue].self, from: reply.body), let idToken = answer["id_token"]?.stringValue else {
            throw LTIError(.invalidResponse, "The sign-in provider's token answer has no id_token.")
        }
        return try await verify(idToken: idToken, metadata: metadata, provider: provider, nonce: nonce)
    }

    /// Verifies an id_token and returns its claims.
    /// - Throws: ``LTIError``: `.malformedToken`, `.unsecuredToken` (alg none), `.symmetricAlgorithm`
    ///   (HS256 and kin), `.unsupportedAlgorithm`, `.unknownKey`, `.invalidSignature`, `.wrongIssuer`,
    ///   `.wrongAudience`, `.authorizedPartyMismatch`, `.expired`, `.issuedInFuture`, `.nonceMismatch`.
    public func verify(idToken: String, metadata: OpenIDProviderMetadata, provider: OpenIDProvider, nonce: String) async throws -> [String: JSONValue]
    {
        let parts = idToken.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let headerData = Base64URL.decode(parts[0]),
            let header = try? JSONDecoder().decode([String: JSONValue].self, from: headerData), let alg = header["alg"]?.stringValue
        else { throw LTIError(.malformedToken, "The id_token is not a compact JWS.") }
        switch alg {
        case "RS256", "ES256": break
        case "none": throw LTIError(.unsecuredToken, "The id_token is unsigned (alg none).")
        case let other where other.hasPrefix("HS"): throw LTIError(.symmetricAlgorithm, "The id_token is signed with a shared secret (\(other)).")
        default: throw LTIError(.unsupportedAlgorithm, "The id_token's algorithm is not RS256 or ES256.")
        }
        let keySet = try await keys.fetchJWKS(from: metadata.jwksURI)
        let collection = JWTKeyCollection()
        for key in keySet.keys { _ = try? await collection.add(jwk: key) }
        let claims: IDTokenClaims
        do {
            claims = try await collection.verify(idToken, as: IDTokenClaims.self)
        } catch let error as JWTError where error.errorType == .signatureVerificationFailed {
            throw LTIError(.invalidSignature, "The id_token's signature is invalid.", cause: error)
        } catch {
            throw LTIError(.unknownKey, "The id_token is not signed by a key of the provider's key set.", cause: error)
        }
        try check(claims, metadata: metadata, provider: provider, nonce: nonce)
        return claims.values
    }

    private func check(_ claims: IDTokenClaims, metadata: OpenIDProviderMetadata, provider: OpenIDProvider, nonce: String) throws {
        guard claims.string("iss") == metadata.issuer else { throw LTIError(.wrongIssuer, "The id_token comes from another issuer.") }
        let audience: [String] =
            switch claims["aud"] {
            case .string(let one): [one]
            case .array(let many): many.compactMap(\.stringValue)
            default: []
            }
        guard audience.contains(provider.clientID) else { throw LTIError(.wrongAudience, "The id_token is not meant for badged.") }
        if audience.count > 1, claims.string("azp") != provider.clientID {
            throw LTIError(.authorizedPartyMismatch, "The id_token's azp is not badged's client id.")
        }
        let now = clock.now().timeIntervalSince1970
        guard let exp = claims["exp"]?.numberValue, let iat = claims["iat"]?.numberValue else {
            throw LTIError(.malformedToken, "The id_token lacks exp or iat.")
        }
        guard exp > now - leeway else { throw LTIError(.expired, "The id_token has expired.") }
        guard iat <= now + leeway else { throw LTIError(.issuedInFuture, "The id_token says it was issued in the future.") }
        guard let sent = claims.string("nonce"), sent == nonce else {
            throw LTIError(.nonceMismatch, "The id_token's nonce is not the one this sign-in sent.")
        }
    }

    static func sameIssuer(_ a: String, _ b: String) -> Bool {
        var (x, y) = (a, b)
        while x.hasSuffix("/") { x.removeLast() }
        while y.hasSuffix("/") { y.removeLast() }
        return x == y
    }

    static func formEncoded(_ value: String) -> String {
        var allowed = CharacterSet.alphanumerics.intersection(CharacterSet(charactersIn: Unicode.Scalar(0)...Unicode.Scalar(127)))
        allowed.insert(charactersIn: "-._~")
        return value.addingPercentEncoding(withAllowedCharacters: allowed) ?? value
    }
}
