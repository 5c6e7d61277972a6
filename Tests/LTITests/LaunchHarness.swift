import AsyncHTTPClient
import Foundation
import LTI
import LTITesting
import Primitives

/// Which state cookie the browser sends back.
enum CookieChoice { case matching, missing, value(String) }

/// A tool (registry, state store, key cache, login initiator, validator) wired to a running
/// ``TestPlatform``, with helpers that play the browser and the platform's authorization step.
struct LaunchHarness {
    static let toolLaunchURL = URL(string: "https://tool.example/lti/launch")!  // literal, valid

    let platform: TestPlatform
    let registry: InMemoryPlatformRegistry
    let store: InMemoryLaunchStateStore
    let initiator: LoginInitiator
    let validator: LaunchValidator

    init(platform: TestPlatform) async {
        self.platform = platform
        registry = InMemoryPlatformRegistry([platform.registration])
        store = InMemoryLaunchStateStore()
        initiator = LoginInitiator(
            registry: registry,
            store: store,
            redirectURL: Self.toolLaunchURL,
            clock: platform.clock,
            randomness: CountingRandomness()
        )
        let keys = PlatformKeyCache(fetcher: HTTPJWKSFetcher(client: .shared, policy: TestPlatform.outboundPolicy), clock: platform.clock)
        validator = LaunchValidator(registry: registry, store: store, keys: keys, clock: platform.clock)
    }

    /// Runs the OIDC login and returns the redirect with the state and nonce the platform reads from it.
    func login() async throws -> (redirect: LoginRedirect, state: String, nonce: String) {
        let request = try LoginInitiationRequest(parameters: [
            "iss": platform.issuer, "login_hint": "user-42", "target_link_uri": Self.toolLaunchURL.absoluteString,
            "client_id": platform.clientID, "lti_deployment_id": platform.deploymentID, "lti_message_hint": "hint-1",
        ])
        let redirect = try await initiator.start(request)
        let items = URLComponents(url: redirect.authorizationURL, resolvingAgainstBaseURL: false)?.queryItems ?? []
        let state = items.first { $0.name == "state" }?.value ?? ""
        let nonce = items.first { $0.name == "nonce" }?.value ?? ""
        return (redirect, state, nonce)
    }

    /// Logs in, lets the platform sign an id_token (after `edit` changes its claims) and validates the launch.
    func launch(
        messageType: String = "LtiResourceLinkRequest",
        roles: [String] = ["http://purl.imsglobal.org/vocab/lis/v2/membership#Learner"],
        key: ToolKey? = nil,
        kid: String? = nil,
        cookie: CookieChoice = .matching,
        edit: (inout [String: JSONValue]) -> Void = { _ in }
    ) async throws -> LTILaunch {
        let form = try await launchForm(messageType: messageType, roles: roles, key: key, kid: kid, cookie: cookie, edit: edit)
        return try await validator.validate(form)
    }

    func launchForm(
        messageType: String = "LtiResourceLinkRequest",
        roles: [String] = ["http://purl.imsglobal.org/vocab/lis/v2/membership#Learner"],
        key: ToolKey? = nil,
        kid: String? = nil,
        cookie: CookieChoice = .matching,
        edit: (inout [String: JSONValue]) -> Void = { _ in }
    ) async throws -> LaunchForm {
        let (redirect, state, nonce) = try await login()
        var claims = platform.launchClaims(messageType: messageType, nonce: nonce, roles: roles)
        edit(&claims)
        let token = try await platform.idToken(claims, key: key, kid: kid)
        let cookieValue: String? =
            switch cookie {
            case .matching: redirect.stateCookie.value
            case .value(let value): value
            case .missing: nil
            }
        return try LaunchForm(
            parameters: ["id_token": token, "state": state],
            cookies: cookieValue.map { [StateCookie.name(forState: state): $0] } ?? [:]
        )
    }
}
