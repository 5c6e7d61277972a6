public import Foundation
import Hummingbird
public import LTI
import Logging
public import Primitives

/// An LTI 1.3 platform run in-process on 127.0.0.1 for tests: it signs id_tokens with its own
/// rotating RSA keys and serves JWKS, OAuth 2 token, AGS (line items, paged results, scores) and
/// NRPS (paged memberships) endpoints, in a Moodle or Canvas flavour.
public struct TestPlatform: Sendable {
    /// Which LMS the platform plays.
    public enum Flavour: Sendable { case moodle, canvas }

    public static let keyA = try! ToolKey(kid: "platform-key-1", pem: TestKeys.platformA)  // fixed test key, valid PEM
    public static let keyB = try! ToolKey(kid: "platform-key-2", pem: TestKeys.platformB)  // fixed test key, valid PEM
    public static let toolKey = try! ToolKey(kid: "tool-key-1", pem: TestKeys.tool1)  // fixed test key, valid PEM
    public static let otherKey = try! ToolKey(kid: "tool-key-2", pem: TestKeys.tool2)  // fixed test key, valid PEM

    public let flavour: Flavour
    public let port: Int
    public let state: TestPlatformState
    public let clock: FixedClock

    public var baseURL: String { "http://127.0.0.1:\(port)" }
    /// What the tool may reach in tests: test platforms and fixture servers listen on loopback.
    public static let outboundPolicy = OutboundPolicy(allowlist: ["127.0.0.1", "localhost"])
    public var issuer: String { flavour == .moodle ? baseURL : "https://canvas.instructure.com" }
    public var clientID: String { flavour == .moodle ? "moodle-client-1" : "10000000000042" }
    public var deploymentID: String { flavour == .moodle ? "3" : "17:8865aa05b4b79b64a91a86042e43af5ea8ae79eb" }
    public var tokenURL: URL { URL(string: baseURL + "/token")! }  // built from a valid base

    /// The registration the tool stores for this platform.
    public var registration: Platform {
        Platform(
            issuer: issuer,
            clientID: clientID,
            deploymentIDs: [deploymentID],
            authURL: URL(string: baseURL + "/auth?tenant=1")!,  // built from a valid base
            tokenURL: tokenURL,
            jwksURL: URL(string: baseURL + "/jwks")!,  // built from a valid base
            preset: flavour == .moodle ? .moodle : .canvas
        )
    }

    public var lineItemsURL: String {
        flavour == .moodle ? baseURL + "/mod/lti/services.php/2/lineitems?type_id=3" : baseURL + "/api/lti/courses/7/line_items"
    }
    public var lineItemURL: String {
        flavour == .moodle ? baseURL + "/mod/lti/services.php/2/lineitems/5/lineitem?type_id=3" : baseURL + "/api/lti/courses/7/line_items/5"
    }
    public var membershipsURL: String { baseURL + "/nrps/memberships" }

    /// Runs a platform for the duration of `body`.
    public static func withRunning<T: Sendable>(
        _ flavour: Flavour,
        clock: FixedClock = FixedClock(),
        _ body: @Sendable (TestPlatform) async throws -> T
    ) async throws -> T {
        let state = TestPlatformState(clock: clock)
        let router = Router()
        TestPlatformRoutes.register(on: router, state: state)
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let app = Application(
            router: router,
            configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in continuation.yield(channel.localAddress?.port ?? 0) },
            logger: {
                // Cancelling the server at the end of a test logs shutdown errors; keep them quiet.
                var logger = Logger(label: "test-platform")
                logger.logLevel = .critical
                return logger
            }()
        )
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await app.runService(gracefulShutdownSignals: []) }
            var iterator = ports.makeAsyncIterator()
            guard let port = await iterator.next() else { throw CancellationError() }
            let platform = TestPlatform(flavour: flavour, port: port, state: state, clock: clock)
            await state.configure(platform: platform)
            do {
                let result = try await body(platform)
                group.cancelAll()
                return result
            } catch {
                group.cancelAll()
                throw error
            }
        }
    }

    /// The claims of a launch as this flavour sends them.
    public func launchClaims(
        messageType: String = "LtiResourceLinkRequest",
        nonce: String,
        roles: [String] = ["http://purl.imsglobal.org/vocab/lis/v2/membership#Learner"],
        subject: String = "user-42"
    ) -> [String: JSONValue] {
        let now = clock.now().timeIntervalSince1970
        var claims: [String: JSONValue] = [
            "iss": .string(issuer),
            "sub": .string(subject),
            "exp": .double(now + 60),
            "iat": .double(now),
            "nonce": .string(nonce),
            "name": "Ada Lovelace",
            "given_name": "Ada",
            "family_name": "Lovelace",
            "email": "ada@example.edu",
            LTIClaim.deploymentID: .string(deploymentID),
            LTIClaim.messageType: .string(messageType),
            LTIClaim.version: "1.3.0",
            LTIClaim.targetLinkURI: "https://tool.example/lti/launch",
            LTIClaim.roles: .array(roles.map(JSONValue.string)),
            LTIClaim.context: ["id": "course-7", "label": "BIO101", "title": "Biology 101"],
            LTIClaim.custom: ["badge_hint": "biology", "attempts": 3],
            LTIClaim.lis: ["person_sourcedid": "s1234567"],
            LTIClaim.agsEndpoint: [
                "scope": [.string(AGSScope.lineItem), .string(AGSScope.resultReadOnly), .string(AGSScope.score)],
                "lineitems": .string(lineItemsURL),
                "lineitem": .string(lineItemURL),
            ],
            LTIClaim.nrps: ["context_memberships_url": .string(membershipsURL), "service_versions": ["2.0"]],
        ]
        if messageType == "LtiResourceLinkRequest" {
            claims[LTIClaim.resourceLink] = ["id": "link-99", "title": "Final exam"]
        }
        switch flavour {
        case .moodle:
            claims["aud"] = .string(clientID)
            if messageType == "LtiDeepLinkingRequest" {
                claims[LTIClaim.deepLinkingSettings] = [
                    "deep_link_return_url": .string(baseURL + "/mod/lti/contentitem_return.php?course=7&id=3"),
                    "accept_types": ["ltiResourceLink"], "accept_presentation_document_targets": ["frame", "iframe", "window"],
                    "accept_multiple": "true", "auto_create": "false", "accept_lineitem": "true", "data": "moodle-data-1",
                ]
            }
        case .canvas:
            claims["aud"] = [.string(clientID)]
            claims["azp"] = .string(clientID)
            claims["https://www.instructure.com/placement"] = "course_navigation"
            claims["https://purl.imsglobal.org/spec/lti/claim/lti11_legacy_user_id"] = "8865aa05b4b79b64a91a86042e43af5ea8ae79eb"
            if messageType == "LtiDeepLinkingRequest" {
                claims[LTIClaim.deepLinkingSettings] = [
                    "deep_link_return_url": .string(baseURL + "/courses/7/deep_linking_response?modal=true"),
                    "accept_types": ["ltiResourceLink"], "accept_presentation_document_targets": ["iframe", "window"],
                    "accept_multiple": false, "auto_create": true, "accept_lineitem": true, "data": "canvas-data-1",
                ]
            }
        }
        return claims
    }

    /// An id_token signed with the platform's current key (or `key`, naming `kid`).
    public func idToken(_ claims: [String: JSONValue], key: ToolKey? = nil, kid: String? = nil) async throws -> String {
        let signer = if let key { key } else { await state.signingKey }
        if let kid, kid != signer.kid {
            // Sign with `signer` but name another key: what a forger without the platform key produces.
            let relabelled = try ToolKey(kid: kid, privateKeyOf: signer)
            return try await relabelled.sign(claims)
        }
        return try await signer.sign(claims)
    }
}

extension ToolKey {
    init(kid: String, privateKeyOf other: ToolKey) throws {
        let pem = [TestPlatform.keyA, TestPlatform.keyB, TestPlatform.toolKey, TestPlatform.otherKey]
            .firstIndex { $0.kid == other.kid }
            .map { [TestKeys.platformA, TestKeys.platformB, TestKeys.tool1, TestKeys.tool2][$0] }
        try self.init(kid: kid, pem: pem ?? "")
    }
}
