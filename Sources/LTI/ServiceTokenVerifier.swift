public import Foundation
import JWTKit
import Primitives

/// Authenticates messages a platform (or a grade source registered like one) signs for badged,
/// such as pushed AGS scores: a bearer JWT, RS256 only, signed with a key of the issuer's JWKS,
/// with `iss` (the platform), `sub` (badged's client id there), `aud` (badged's token audience),
/// `exp` no further than ``maximumLifetime`` ahead and a `jti` the caller spends once.
public struct ServiceTokenVerifier: Sendable {
    /// What a verified token says.
    public struct Verified: Sendable {
        /// The registration that signed it.
        public let platform: Platform
        /// The token's id, to be spent once.
        public let jwtID: String
        /// When the token expires (the `jti` must be remembered until then).
        public let expiresAt: Date
    }

    /// The longest lifetime accepted (now to `exp`).
    public static let maximumLifetime: TimeInterval = 600
    /// The largest token accepted, in bytes.
    public static let maximumSize = 16 * 1024

    private let keys: PlatformKeyCache
    private let registry: any PlatformRegistry
    private let audience: String
    private let clock: any LTIClock
    private let leeway: TimeInterval

    /// Creates a verifier.
    /// - Parameters:
    ///   - keys: the platform key cache (shared with launches).
    ///   - registry: the registered platforms.
    ///   - audience: badged's token audience, which `aud` must contain.
    ///   - clock: the time source.
    ///   - leeway: seconds of clock skew allowed on `exp`, `iat` and `nbf`.
    public init(keys: PlatformKeyCache, registry: any PlatformRegistry, audience: String, clock: any LTIClock, leeway: TimeInterval = 30) {
        self.keys = keys
        self.registry = registry
        self.audience = audience
        self.clock = clock
        self.leeway = leeway
    }

    /// Verifies an `Authorization` header value (`Bearer <jwt>`).
    /// - Throws: ``LTIError`` `.invalidRequest` without a bearer token, `.malformedToken`,
    ///   `.unsecuredToken`, `.symmetricAlgorithm`, `.unsupportedAlgorithm`, `.unknownPlatform`,
    ///   `.unknownKey`, `.invalidSignature`, `.wrongAudience`, `.expired`.
    public func verify(authorization: String?) async throws -> Verified {
        guard let authorization, authorization.utf8.count <= Self.maximumSize + 7,
            authorization.lowercased().hasPrefix("bearer ")
        else { throw LTIError(.invalidRequest, "The request needs an Authorization: Bearer header with a signed JWT.") }
        let token = String(authorization.dropFirst(7)).trimmingCharacters(in: .whitespaces)
        let kid = try LTILaunch.StateMachine.checkHeader(of: token)
        let unverified = try Self.claims(of: token)
        guard let issuer = unverified["iss"]?.stringValue, let clientID = unverified["sub"]?.stringValue,
            let platform = try await registry.platform(issuer: issuer, clientID: clientID)
        else { throw LTIError(.unknownPlatform, "No platform is registered for the token's iss and sub (badged's client id).") }
        var key = try await keys.key(kid: kid, jwksURL: platform.jwksURL, refresh: false)
        if key == nil {
            let signedAt = unverified["iat"]?.numberValue.map(Date.init(timeIntervalSince1970:))
            key = try await keys.key(kid: kid, jwksURL: platform.jwksURL, refresh: true, signedAt: signedAt)
        }
        guard let key else { throw LTIError(.unknownKey, "The token's key id is not in the platform's key set.") }
        let collection = JWTKeyCollection()
        await collection.add(rsa: key, digestAlgorithm: .sha256, kid: JWKIdentifier(string: kid))
        let claims: [String: JSONValue]
        do {
            claims = try await collection.verify(token, as: IDTokenClaims.self).values
        } catch let error as JWTError where error.errorType == .signatureVerificationFailed {
            throw LTIError(.invalidSignature, "The token's signature is invalid.", cause: error)
        } catch {
            throw LTIError(.malformedToken, "The token could not be verified or read.", cause: error)
        }
        return try check(claims, platform: platform)
    }

    private func check(_ claims: [String: JSONValue], platform: Platform) throws -> Verified {
        let audiences = claims["aud"]?.stringValue.map { [$0] } ?? claims["aud"]?.arrayValue?.compactMap(\.stringValue) ?? []
        guard audiences.contains(audience) else { throw LTIError(.wrongAudience, "The token is not addressed to badged (aud).") }
        let now = clock.now()
        guard let exp = claims["exp"]?.numberValue else { throw LTIError(.expired, "The token has no exp.") }
        guard exp + leeway >= now.timeIntervalSince1970 else { throw LTIError(.expired, "The token has expired.") }
        guard exp - now.timeIntervalSince1970 <= Self.maximumLifetime + leeway else {
            throw LTIError(.expired, "The token lives longer than \(Int(Self.maximumLifetime)) seconds.")
        }
        if let nbf = claims["nbf"]?.numberValue, nbf - leeway > now.timeIntervalSince1970 {
            throw LTIError(.expired, "The token is not valid yet (nbf).")
        }
        guard let jti = claims["jti"]?.stringValue, !jti.isEmpty, jti.utf8.count <= 256 else {
            throw LTIError(.invalidRequest, "The token needs a jti of at most 256 characters.")
        }
        return Verified(platform: platform, jwtID: jti, expiresAt: Date(timeIntervalSince1970: exp + leeway))
    }

    /// The claims before verification, only to find the platform whose key verifies them.
    static func claims(of token: String) throws -> [String: JSONValue] {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let data = Base64URL.decode(parts[1]), let claims = try? JSONDecoder().decode([String: JSONValue].self, from: data)
        else { throw LTIError(.malformedToken, "The token is not a compact JWS with JSON claims.") }
        return claims
    }
}
