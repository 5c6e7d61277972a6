public import Foundation
import JWTKit
public import LTI
public import Primitives

/// The mutable side of ``TestPlatform``: keys, issued tokens, recorded requests, injected failures.
public actor TestPlatformState {
    public let clock: FixedClock
    public private(set) var platform: TestPlatform?
    public private(set) var publishedKeys: [ToolKey] = [TestPlatform.keyA]
    public private(set) var signingKey: ToolKey = TestPlatform.keyA
    public private(set) var jwksFetches = 0
    /// When set, the JWKS endpoint answers 503.
    public private(set) var jwksDown = false
    public private(set) var tokenRequests = 0
    public private(set) var postedScores: [(path: String, contentType: String, body: [String: JSONValue])] = []
    public private(set) var serviceRequests: [String] = []
    /// The `kid`s of the client assertions behind issued access tokens.
    public private(set) var clientAssertionKids: [String] = []
    /// Tool registrations received by Dynamic Registration.
    public private(set) var registrations: [[String: JSONValue]] = []
    /// When set, the OpenID configuration names this issuer instead of the platform's.
    public private(set) var configurationIssuer: String?
    /// Deep-linking responses accepted at the return URL.
    public private(set) var deepLinks: [ReceivedDeepLink] = []
    /// The gradebook's results of the line item, when a test entered grades (else the fixed three).
    public private(set) var gradebook: [String: [String: JSONValue]] = [:]
    /// The course roster, when a test set one (else the fixed three members).
    public private(set) var roster: [[String: JSONValue]]?
    /// Line items the tool created (write-back).
    public private(set) var createdLineItems: [[String: JSONValue]] = []
    /// What the storage frame and the course page reported (`lti.put_data <origin> <key>`, …).
    public private(set) var storageLog: [String] = []
    /// The id_token forms the authorization endpoint answered, newest last.
    public private(set) var issuedLaunches: [[String: String]] = []
    private var scenarios: [String: (LaunchScenario, String)] = [:]
    private var accessTokens: [String: Set<String>] = [:]
    private var seenJTIs: Set<String> = []
    private var failuresRemaining = 0
    private var failureStatus = 503
    /// The tool's published JWKS, used to verify client assertions.
    public var toolJWKS = ""

    public init(clock: FixedClock) { self.clock = clock }

    /// Keeps a launch scenario for the authorization endpoint and returns its message hint.
    public func addScenario(_ scenario: LaunchScenario, targetLinkURI: String) -> String {
        let hint = "scenario-\(scenarios.count + 1)"
        scenarios[hint] = (scenario, targetLinkURI)
        return hint
    }

    func recordRegistration(_ document: [String: JSONValue]) { registrations.append(document) }

    /// Makes the OpenID configuration name another issuer (a platform impersonating another).
    public func setConfigurationIssuer(_ issuer: String?) { configurationIssuer = issuer }

    func recordDeepLink(_ link: ReceivedDeepLink) { deepLinks.append(link) }

    func recordStorage(_ entry: String) { storageLog.append(entry) }

    func recordLaunch(_ fields: [String: String]) { issuedLaunches.append(fields) }

    func scenario(_ hint: String) -> (LaunchScenario, String)? { scenarios[hint] }

    public func configure(platform: TestPlatform) { self.platform = platform }

    public func setToolJWKS(_ json: String) { toolJWKS = json }

    public func setJWKSDown(_ down: Bool) { jwksDown = down }

    /// Starts signing with `key`, publishing `published`.
    public func rotate(to key: ToolKey, publishing published: [ToolKey]) {
        signingKey = key
        publishedKeys = published
    }

    /// The next `count` service requests (token, AGS, NRPS) fail with `status`.
    public func failNext(_ count: Int, status: Int = 503) {
        failuresRemaining = count
        failureStatus = status
    }

    public func takeFailure() -> Int? {
        guard failuresRemaining > 0 else { return nil }
        failuresRemaining -= 1
        return failureStatus
    }

    public func jwksJSON() throws -> Data {
        jwksFetches += 1
        return try ToolKeySet(current: publishedKeys[0], published: Array(publishedKeys.dropFirst())).jwksJSON()
    }

    public func recordService(_ path: String) { serviceRequests.append(path) }

    /// Enters (or changes) a grade in the gradebook's line item.
    public func setGrade(userID: String, score: Double?, maximum: Double = 10, comment: String? = nil) {
        var result: [String: JSONValue] = ["id": .string("result-\(userID)"), "userId": .string(userID), "resultMaximum": .double(maximum)]
        if let score { result["resultScore"] = .double(score) }
        if let comment { result["comment"] = .string(comment) }
        gradebook[userID] = result
    }

    /// Replaces the course roster.
    public func setRoster(_ members: [(userID: String, email: String)]) {
        roster = members.map { member in
            [
                "status": "Active", "user_id": .string(member.userID), "email": .string(member.email),
                "roles": ["http://purl.imsglobal.org/vocab/lis/v2/membership#Learner"],
            ]
        }
    }

    /// The results the platform answers, sorted by user.
    public func currentResults(fixed: [[String: JSONValue]]) -> [[String: JSONValue]] {
        gradebook.isEmpty ? fixed : gradebook.keys.sorted().compactMap { gradebook[$0] }
    }

    /// Stores a line item the tool created; returns it with its URL.
    public func createLineItem(_ body: [String: JSONValue], url: String) -> [String: JSONValue] {
        var item = body
        item["id"] = .string(url)
        createdLineItems.append(item)
        return item
    }

    public func recordScore(path: String, contentType: String, body: [String: JSONValue]) {
        postedScores.append((path, contentType, body))
    }

    /// Checks a client-credentials grant and issues an access token.
    public func issueToken(form: [String: String]) async throws -> [String: JSONValue] {
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
        clientAssertionKids.append(try DecodedHeader(assertion).kid)
        let token = "at-\(tokenRequests)"
        accessTokens[token] = Set(scope.split(separator: " ").map(String.init))
        return ["access_token": .string(token), "token_type": "Bearer", "expires_in": 3600, "scope": .string(scope)]
    }

    public func isAuthorized(_ authorization: String?, scope: String) -> Bool {
        guard let authorization, authorization.hasPrefix("Bearer ") else { return false }
        return accessTokens[String(authorization.dropFirst(7))]?.contains(scope) ?? false
    }
}

public enum TestPlatformFailure: Error { case badRequest(String) }

struct ClientAssertionClaims: JWTPayload {
    var iss: String
    var sub: String
    var aud: AudienceClaim
    var jti: String
    var exp: ExpirationClaim
    var iat: IssuedAtClaim

    public func verify(using algorithm: some JWTAlgorithm) async throws {}
}
