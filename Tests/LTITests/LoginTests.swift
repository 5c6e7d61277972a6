import Foundation
import LTI
import LTITesting
import Testing

@Suite("OIDC login initiation")
struct LoginTests {
    static let moodle = Platform.moodle(siteURL: URL(string: "https://moodle.example.edu")!, clientID: "client-m", deploymentIDs: ["3"])
    static let canvas = Platform.canvas(clientID: "10000000000042", deploymentIDs: ["17:8865aa05"])
    static let launchURL = URL(string: "https://tool.example/lti/launch")!

    func initiator(_ platforms: [Platform], store: InMemoryLaunchStateStore = InMemoryLaunchStateStore()) -> LoginInitiator {
        LoginInitiator(
            registry: InMemoryPlatformRegistry(platforms),
            store: store,
            redirectURL: Self.launchURL,
            clock: FixedClock(),
            randomness: CountingRandomness(),
            stateLifetime: 300
        )
    }

    func request(_ extra: [String: String] = [:], issuer: String = "https://moodle.example.edu") throws -> LoginInitiationRequest {
        try LoginInitiationRequest(
            parameters: [
                "iss": issuer, "login_hint": "42", "target_link_uri": "https://tool.example/lti/launch",
            ].merging(extra) { _, new in new }
        )
    }

    @Test func moodleLoginRedirectsToTheAuthEndpointWithEveryParameter() async throws {
        let store = InMemoryLaunchStateStore()
        let redirect = try await initiator([Self.moodle], store: store).start(
            request(["client_id": "client-m", "lti_message_hint": "a b&c", "lti_deployment_id": "3"])
        )
        let components = try #require(URLComponents(url: redirect.authorizationURL, resolvingAgainstBaseURL: false))
        #expect(components.host == "moodle.example.edu")
        #expect(components.path == "/mod/lti/auth.php")
        let items = Dictionary(uniqueKeysWithValues: (components.queryItems ?? []).map { ($0.name, $0.value ?? "") })
        #expect(items["scope"] == "openid")
        #expect(items["response_type"] == "id_token")
        #expect(items["response_mode"] == "form_post")
        #expect(items["prompt"] == "none")
        #expect(items["client_id"] == "client-m")
        #expect(items["redirect_uri"] == "https://tool.example/lti/launch")
        #expect(items["login_hint"] == "42")
        #expect(items["lti_message_hint"] == "a b&c")
        #expect(items["state"] == redirect.launchState.state)
        #expect(items["nonce"] == redirect.launchState.nonce)
        #expect(redirect.launchState.state != redirect.launchState.nonce)
        let saved = await store.launchState(for: redirect.launchState.state, at: FixedClock().now())
        #expect(saved == redirect.launchState)
    }

    @Test func redirectPercentEncodesAllButTheUnreservedCharacters() async throws {
        let redirect = try await initiator([Self.moodle]).start(
            request(["client_id": "client-m", "login_hint": "Az09-._~", "lti_message_hint": "a b+c/d?e=f&g#h%é😀"])
        )
        let query = try #require(redirect.authorizationURL.query(percentEncoded: true))
        #expect(query.contains("&login_hint=Az09-._~&"))
        #expect(query.contains("&lti_message_hint=a%20b%2Bc%2Fd%3Fe%3Df%26g%23h%25%C3%A9%F0%9F%98%80"))
        #expect(query.contains("&redirect_uri=https%3A%2F%2Ftool.example%2Flti%2Flaunch&"))
    }

    @Test func randomBytesAreDrawnToTheRequestedCount() {
        for count in [0, 1, 7, 8, 9, 24, 32] {
            #expect(SystemLTIRandomness().randomBytes(count: count).count == count)
        }
        // 24 random bytes repeat with negligible probability; equal draws would mean a constant source.
        #expect(SystemLTIRandomness().randomBytes(count: 24) != SystemLTIRandomness().randomBytes(count: 24))
        #expect(Set(SystemLTIRandomness().randomBytes(count: 64)).count > 8)
    }

    @Test func stateCookieIsCrossSiteSecureHttpOnlyAndShortLived() async throws {
        let redirect = try await initiator([Self.moodle]).start(request())
        let cookie = redirect.stateCookie
        #expect(cookie.name == "lti_state_" + redirect.launchState.state)
        #expect(cookie.value == redirect.launchState.state)
        #expect(cookie.headerValue == "\(cookie.name)=\(cookie.value); Path=/; Max-Age=300; SameSite=None; Secure; HttpOnly")
        #expect(cookie.expiredHeaderValue.contains("Max-Age=0"))
        #expect(redirect.launchState.expiresAt == FixedClock().now().addingTimeInterval(300))
    }

    @Test func canvasLoginResolvesTheSharedIssuerByClientIDAndKeepsTheStorageTarget() async throws {
        let other = Platform.canvas(clientID: "10000000000099", deploymentIDs: ["1:x"])
        let redirect = try await initiator([Self.canvas, other]).start(
            request(["client_id": "10000000000042", "lti_storage_target": "post_message_forwarding"], issuer: "https://canvas.instructure.com")
        )
        #expect(redirect.authorizationURL.absoluteString.hasPrefix("https://sso.canvaslms.com/api/lti/authorize_redirect?"))
        #expect(redirect.launchState.clientID == "10000000000042")
        #expect(redirect.storageTarget == "post_message_forwarding")
        #expect(redirect.storage?.frame == "post_message_forwarding")
        #expect(redirect.storage?.origin == "https://sso.canvaslms.com")
        let moodle = try await initiator([Self.moodle]).start(request())
        #expect(moodle.storage == nil)
    }

    @Test func sharedIssuerWithoutClientIDIsAmbiguous() async throws {
        let other = Platform.canvas(clientID: "10000000000099", deploymentIDs: ["1:x"])
        let error = await #expect(throws: LTIError.self) {
            try await initiator([Self.canvas, other]).start(request(issuer: "https://canvas.instructure.com"))
        }
        #expect(error?.code == .ambiguousPlatform)
    }

    @Test func unambiguousIssuerResolvesWithoutClientID() async throws {
        let redirect = try await initiator([Self.moodle]).start(request())
        #expect(redirect.launchState.clientID == "client-m")
    }

    @Test func unknownIssuerIsRejected() async throws {
        let error = await #expect(throws: LTIError.self) { try await initiator([Self.moodle]).start(request(issuer: "https://other.example")) }
        #expect(error?.code == .unknownPlatform)
    }

    @Test func unknownDeploymentIsRejectedAtLogin() async throws {
        let error = await #expect(throws: LTIError.self) { try await initiator([Self.moodle]).start(request(["lti_deployment_id": "4"])) }
        #expect(error?.code == .unknownDeployment)
    }

    @Test func targetLinkURIOnAnotherOriginIsRejected() async throws {
        let error = await #expect(throws: LTIError.self) {
            try await initiator([Self.moodle]).start(request(["target_link_uri": "https://evil.example/lti/launch"]))
        }
        #expect(error?.code == .invalidRequest)
    }

    @Test func missingOrOversizedParametersAreRejected() throws {
        #expect(throws: LTIError.self) { try LoginInitiationRequest(parameters: ["iss": "x", "login_hint": "y"]) }
        #expect(throws: LTIError.self) {
            try LoginInitiationRequest(parameters: ["iss": "x", "login_hint": String(repeating: "y", count: 5000), "target_link_uri": "z"])
        }
    }

    @Test func statesAndNoncesDifferBetweenLogins() async throws {
        let login = initiator([Self.moodle])
        let first = try await login.start(request())
        let second = try await login.start(request())
        #expect(first.launchState.state != second.launchState.state)
        #expect(first.launchState.nonce != second.launchState.nonce)
    }
}
