public import BadgeCore
public import Foundation
public import LTI

/// Students signing in with OpenID Connect (authorization code, PKCE S256, `state` and `nonce`):
/// a sign-in under way is kept in the database by the digest of its `state` and bound to the
/// browser by the digest of a cookie; the id_token's configured claim becomes the recipient.
public struct StudentSignIn: Sendable {
    /// A configured provider and how its identity claim becomes a recipient.
    public struct Provider: Hashable, Sendable {
        /// The provider.
        public let openID: OpenIDProvider
        /// The recipient type the identity claim's value becomes (`id` for an eduID pseudonym or eppn).
        public let recipientType: Recipient.IdentityType

        /// Creates a provider.
        public init(openID: OpenIDProvider, recipientType: Recipient.IdentityType) {
            self.openID = openID
            self.recipientType = recipientType
        }
    }

    /// A sign-in just started: where to send the browser, and the secret of its binding cookie.
    public struct Started: Sendable {
        /// The provider's authorization URL.
        public let authorizationURL: URL
        /// The browser cookie's secret.
        public let browserToken: String
    }

    /// How long a sign-in may take.
    public static let lifetime: TimeInterval = 600

    /// The configured providers, by id.
    public let providers: [String: Provider]
    private let client: OpenIDClient
    private let store: any StudentSessionStore
    private let access: StudentAccess
    private let random: any RandomSource
    private let clock: any TimeSource
    private let redirectURI: @Sendable (String) -> String

    /// Creates the use case.
    /// - Parameter redirectURI: the callback URL of a provider id (registered with the provider).
    public init(
        providers: [Provider],
        client: OpenIDClient,
        store: any StudentSessionStore,
        access: StudentAccess,
        random: any RandomSource,
        clock: any TimeSource,
        redirectURI: @escaping @Sendable (String) -> String
    ) {
        self.providers = Dictionary(providers.map { ($0.openID.id, $0) }) { first, _ in first }
        self.client = client
        self.store = store
        self.access = access
        self.random = random
        self.clock = clock
        self.redirectURI = redirectURI
    }

    /// Starts a sign-in with a provider.
    /// - Throws: ``BadgeCoreError`` `.notFound` for an unknown provider; ``LTIError`` when its
    ///   discovery document cannot be read.
    public func start(provider id: String) async throws -> Started {
        let provider = try self.provider(id)
        let metadata = try await client.metadata(of: provider.openID)
        let (state, nonce, verifier, browser) = (secret(), secret(), secret(), secret())
        let now = clock.now()
        try await store.createSignIn(
            StudentSignInState(
                stateHash: Digest.sha256Hex(state),
                provider: id,
                browserHash: Digest.sha256Hex(browser),
                nonce: nonce,
                codeVerifier: verifier,
                createdAt: now,
                expiresAt: now.addingTimeInterval(Self.lifetime)
            )
        )
        guard
            let url = OpenIDClient.authorizationURL(
                metadata,
                provider: provider.openID,
                redirectURI: redirectURI(id),
                state: state,
                nonce: nonce,
                codeVerifier: verifier
            )
        else { throw LTIError(.invalidResponse, "The sign-in provider's authorization endpoint is not a usable URL.") }
        return Started(authorizationURL: url, browserToken: browser)
    }

    /// Finishes a sign-in: the provider's answer in the browser that started it becomes a session.
    /// - Parameters:
    ///   - id: the provider in the callback's path.
    ///   - code: the callback's `code`.
    ///   - state: the callback's `state`.
    ///   - browserToken: the browser's sign-in cookie, if it sent one.
    /// - Throws: ``BadgeCoreError`` `.notFound` for an unknown provider; ``LTIError``
    ///   `.unknownState` for an unknown, used or expired state, `.stateMismatch` for another
    ///   browser or provider, `.missingClaim` when the id_token lacks the identity claim, and the
    ///   id_token's refusals (``OpenIDClient/verify(idToken:metadata:provider:nonce:)``).
    public func finish(provider id: String, code: String, state: String, browserToken: String?) async throws -> StudentAccess.Started {
        let provider = try self.provider(id)
        guard !state.isEmpty, state.utf8.count <= 200, let pending = try await store.takeSignIn(stateHash: Digest.sha256Hex(state), at: clock.now())
        else {
            throw LTIError(.unknownState, "This sign-in is unknown, was already finished or took too long; start again.")
        }
        guard pending.provider == id, let browserToken, Digest.sha256Hex(browserToken) == pending.browserHash else {
            throw LTIError(.stateMismatch, "This sign-in was started in another browser (or with another provider); start again here.")
        }
        guard !code.isEmpty, code.utf8.count <= 2_048 else { throw LTIError(.invalidRequest, "The sign-in provider sent no code.") }
        let metadata = try await client.metadata(of: provider.openID)
        let claims = try await client.signIn(
            code: code,
            codeVerifier: pending.codeVerifier,
            redirectURI: redirectURI(id),
            metadata: metadata,
            provider: provider.openID,
            nonce: pending.nonce
        )
        guard let value = claims[provider.openID.identityClaim]?.stringValue, !value.isEmpty else {
            throw LTIError(
                .missingClaim,
                "The sign-in provider did not send the \(provider.openID.identityClaim) claim badged identifies students by."
            )
        }
        return try await access.signIn(Recipient(type: provider.recipientType, identity: value))
    }

    private func provider(_ id: String) throws -> Provider {
        guard let provider = providers[id] else { throw BadgeCoreError(.notFound, "no sign-in provider is configured by that name") }
        return provider
    }

    private func secret() -> String {
        Digest.hex(random.bytes(32))
    }
}
