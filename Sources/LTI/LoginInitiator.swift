public import Foundation

/// Handles third-party-initiated OIDC logins: resolves the platform, saves state and nonce,
/// and builds the authentication request (LTI 1.3 §5.1.1, OIDC implicit flow with form_post).
public struct LoginInitiator: Sendable {
    private let registry: any PlatformRegistry
    private let store: any LaunchStateStore
    private let redirectURL: URL
    private let clock: any LTIClock
    private let randomness: any LTIRandomness
    private let stateLifetime: Int

    /// Creates the login handler.
    /// - Parameters:
    ///   - registry: The platform registrations.
    ///   - store: Where state and nonce are saved.
    ///   - redirectURL: The tool's launch URL (the `redirect_uri` registered with the platform);
    ///     `target_link_uri` must be on the same origin.
    ///   - clock: The time source.
    ///   - randomness: The random source for state and nonce.
    ///   - stateLifetime: Seconds a login may take until the launch arrives (bounded to 1…900).
    public init(
        registry: any PlatformRegistry,
        store: any LaunchStateStore,
        redirectURL: URL,
        clock: any LTIClock = SystemLTIClock(),
        randomness: any LTIRandomness = SystemLTIRandomness(),
        stateLifetime: Int = 300
    ) {
        self.registry = registry
        self.store = store
        self.redirectURL = redirectURL
        self.clock = clock
        self.randomness = randomness
        self.stateLifetime = min(max(stateLifetime, 1), 900)
    }

    /// Starts a login.
    /// - Parameter request: The login parameters.
    /// - Returns: The redirect to send.
    /// - Throws: ``LTIError`` (`invalidRequest`, `unknownPlatform`, `ambiguousPlatform`, `unknownDeployment`).
    public func start(_ request: LoginInitiationRequest) async throws -> LoginRedirect {
        let platform = try await registry.resolve(issuer: request.issuer, clientID: request.clientID)
        if let deploymentID = request.deploymentID, !platform.deploymentIDs.contains(deploymentID) {
            throw LTIError(.unknownDeployment, "The deployment id is not registered for this platform.")
        }
        guard let target = URL(string: request.targetLinkURI), Self.sameOrigin(target, redirectURL) else {
            throw LTIError(.invalidRequest, "target_link_uri must point at this tool.")
        }
        let draft = randomness.makeToken()
        let nonce = randomness.makeToken()
        var launchState = LaunchState(
            state: draft,
            nonce: nonce,
            issuer: platform.issuer,
            clientID: platform.clientID,
            targetLinkURI: request.targetLinkURI,
            expiresAt: clock.now().addingTimeInterval(TimeInterval(stateLifetime))
        )
        let state = try await store.issue(launchState)
        launchState.state = state
        var items = [
            URLQueryItem(name: "scope", value: "openid"),
            URLQueryItem(name: "response_type", value: "id_token"),
            URLQueryItem(name: "response_mode", value: "form_post"),
            URLQueryItem(name: "prompt", value: "none"),
            URLQueryItem(name: "client_id", value: platform.clientID),
            URLQueryItem(name: "redirect_uri", value: redirectURL.absoluteString),
            URLQueryItem(name: "login_hint", value: request.loginHint),
            URLQueryItem(name: "state", value: state),
            URLQueryItem(name: "nonce", value: nonce),
        ]
        if let hint = request.messageHint { items.append(URLQueryItem(name: "lti_message_hint", value: hint)) }
        guard var components = URLComponents(url: platform.authURL, resolvingAgainstBaseURL: false) else {
            throw LTIError(.invalidRequest, "The platform's authorization URL is invalid.")
        }
        components.percentEncodedQueryItems =
            (components.percentEncodedQueryItems ?? [])
            + items.map {
                URLQueryItem(name: $0.name, value: $0.value.map(Self.formEncode))
            }
        guard let url = components.url else { throw LTIError(.invalidRequest, "The authorization URL could not be built.") }
        return LoginRedirect(
            authorizationURL: url,
            stateCookie: StateCookie(state: state, maxAge: stateLifetime, path: "/"),
            launchState: launchState,
            storageTarget: request.storageTarget,
            storage: PlatformStorageTarget(frame: request.storageTarget, authURL: platform.authURL)
        )
    }

    static func sameOrigin(_ lhs: URL, _ rhs: URL) -> Bool {
        lhs.scheme?.lowercased() == rhs.scheme?.lowercased() && lhs.host?.lowercased() == rhs.host?.lowercased() && lhs.port == rhs.port
    }

    /// Percent-encodes everything but the RFC 3986 unreserved characters, byte by byte (a
    /// `CharacterSet` built per value was ~3 % of a login's CPU).
    static func formEncode(_ value: String) -> String {
        let utf8 = value.utf8
        if utf8.allSatisfy(isUnreserved) { return value }
        let hex = Array("0123456789ABCDEF".utf8)
        var encoded = [UInt8]()
        encoded.reserveCapacity(utf8.count * 3)
        for byte in utf8 {
            if isUnreserved(byte) {
                encoded.append(byte)
            } else {
                encoded.append(contentsOf: [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]])
            }
        }
        return String(decoding: encoded, as: UTF8.self)
    }

    private static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"): true
        case UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"): true
        default: false
        }
    }
}
