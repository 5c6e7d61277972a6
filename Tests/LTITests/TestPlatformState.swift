import Foundation
import JWTKit
import LTI

/// The mutable side of ``TestPlatform``: keys, issued tokens, recorded requests, injected failures.
actor TestPlatformState {
    let clock: FixedClock
    private(set) var platform: TestPlatform?
    private(set) var publishedKeys: [ToolKey] = [TestPlatform.keyA]
    private(set) var signingKey: ToolKey = TestPlatform.keyA
    private(set) var jwksFetches = 0
    /// When set, the JWKS endpoint answers 503.
    private(set) var jwksDown = false
    private(set) var tokenRequests = 0
    private(set) var postedScores: [(path: String, contentType: String, body: [String: JSONValue])] = []
    private(set) var serviceRequests: [String] = []
    private var accessTokens: [String: Set<String>] = [:]
    private var seenJTIs: Set<String> = []
    private var failuresRemaining = 0
    private var failureStatus = 503
    /// The tool's published JWKS, used to verify client assertions.
    var toolJWKS = ""

    init(clock: FixedClock) { self.clock = clock }

    func configure(platform: TestPlatform) { self.platform = platform }

    func setToolJWKS(_ json: String) { toolJWKS = json }

    func setJWKSDown(_ down: Bool) { jwksDown = down }

    /// Starts signing with `key`, publishing `published`.
    func rotate(to key: ToolKey, publishing published: [ToolKey]) {
        signingKey = key
        publishedKeys = published
    }

    /// The next `count` service requests (token, AGS, NRPS) fail with `status`.
    func failNext(_ count: Int, status: Int = 503) {
        failuresRemaining = count
        failureStatus = status
    }

    func takeFailure() -> Int? {
        guard failuresRemaining > 0 else { return nil }
        failuresRemaining -= 1
        return failureStatus
    }

    func jwksJSON() throws -> Data {
        jwksFetches += 1
        return try ToolKeySet(current: publishedKeys[0], published: Array(publishedKeys.dropFirst())).jwksJSON()
    }

    func recordService(_ path: String) { serviceRequests.append(path) }

    func recordScore(path: String, contentType: String, body: [String: JSONValue]) {
        postedScores.append((path, contentType, body))
    }

    /// Checks a client-credentials grant and issues an access token.
    func issueToken(form: [String: String]) async throws -> [String: JSONValue] {
        tokenRequests += 1
        guard let platform, form["grant_type"] == "client_credentials",
            form["client_assertion_type"] == "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
            let assertion = form["client_assertion"], let scope = form["scope"]
        else { throw TestPlatformFailure.badRequest("grant") }
        let keys = JWTKeyCollection()
        try await keys.add(jwksJSON: toolJWKS)
        let claims = try await keys.verify(assertion, as: ClientAssertionClaims.self)
        guard claims.iss == platform.clientID, claims.sub == platform.clientID,
            claims.aud.value.contains(platform.tokenURL.absoluteString),
            claims.exp.value > clock.now(), claims.exp.value <= clock.now().addingTimeInterval(600),
            seenJTIs.insert(claims.jti).inserted
        else { throw TestPlatformFailure.badRequest("assertion") }
        let token = "at-\(tokenRequests)"
        accessTokens[token] = Set(scope.split(separator: " ").map(String.init))
        return ["access_token": .string(token), "token_type": "Bearer", "expires_in": 3600, "scope": .string(scope)]
    }

    func isAuthorized(_ authorization: String?, scope: String) -> Bool {
        guard let authorization, authorization.hasPrefix("Bearer ") else { return false }
        return accessTokens[String(authorization.dropFirst(7))]?.contains(scope) ?? false
    }
}

enum TestPlatformFailure: Error { case badRequest(String) }

struct ClientAssertionClaims: JWTPayload {
    var iss: String
    var sub: String
    var aud: AudienceClaim
    var jti: String
    var exp: ExpirationClaim
    var iat: IssuedAtClaim

    func verify(using algorithm: some JWTAlgorithm) async throws {}
}
