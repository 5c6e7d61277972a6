public import Foundation
import JWTKit
public import Logging

/// Validates LTI 1.3 launches: drives ``LTILaunch/StateMachine`` and performs its I/O (state
/// store, platform registry, key cache, signature check).
public struct LaunchValidator: Sendable {
    private let registry: any PlatformRegistry
    private let store: any LaunchStateStore
    private let keys: PlatformKeyCache
    private let clock: any LTIClock
    private let leeway: TimeInterval
    private let logger: Logger

    /// Creates a validator.
    /// - Parameters:
    ///   - registry: The platform registrations.
    ///   - store: The login states and nonces.
    ///   - keys: The platform key cache.
    ///   - clock: The time source for exp/iat.
    ///   - leeway: Allowed clock skew in seconds (bounded to 0…300; Moodle's tokens live 60 s).
    ///   - logger: Receives one debug line per rejection (code and issuer; never tokens or users).
    public init(
        registry: any PlatformRegistry,
        store: any LaunchStateStore,
        keys: PlatformKeyCache,
        clock: any LTIClock = SystemLTIClock(),
        leeway: TimeInterval = 30,
        logger: Logger = Logger(label: "badged.lti")
    ) {
        self.logger = logger
        self.registry = registry
        self.store = store
        self.keys = keys
        self.clock = clock
        self.leeway = min(max(leeway, 0), 300)
    }

    /// Where the launch page reads the state back when the browser sent no state cookie: the
    /// storage frame the launch names, at the origin of the platform that started this state's
    /// login. Nothing is spent: the launch checks all run later, on the page's re-post.
    /// - Parameter form: The launch as posted (cookie missing).
    /// - Returns: The target and the issuer of the login, or nil when the launch names no usable
    ///   storage frame.
    /// - Throws: ``LTIError`` `unknownState` when the state is unknown or expired, `unknownPlatform`
    ///   when its platform is gone.
    public func storageTarget(for form: LaunchForm) async throws -> (target: PlatformStorageTarget, issuer: String)? {
        guard let frame = form.storageFrame, PlatformStorageTarget.isFrameName(frame) else { return nil }
        guard let launchState = try await store.launchState(for: form.state, at: clock.now()), launchState.state == form.state else {
            throw LTIError(.unknownState, "The launch state is unknown or expired; start the launch again from the course.")
        }
        guard let platform = try await registry.platform(issuer: launchState.issuer, clientID: launchState.clientID) else {
            throw LTIError(.unknownPlatform, "The platform of this login is no longer registered.")
        }
        return PlatformStorageTarget(frame: frame, authURL: platform.authURL).map { ($0, platform.issuer) }
    }

    /// Runs every launch check.
    /// - Parameter form: The posted id_token and state with the browser's state cookie.
    /// - Returns: The validated launch.
    /// - Throws: ``LTIError`` naming the failed check; errors of the store or registry
    ///   themselves (a database outage) pass through unchanged.
    public func validate(_ form: LaunchForm) async throws -> LTILaunch {
        let now = clock.now()
        var machine = LTILaunch.StateMachine(form: form, now: now, leeway: leeway)
        var action = machine.start()
        var issuer: String?
        while true {
            switch action {
            case .complete(let launch):
                return launch
            case .reject(let error):
                logger.debug("LTI launch rejected", metadata: ["lti.error": "\(error.code)", "lti.issuer": "\(issuer ?? "-")"])
                throw error
            case .lookUpState(let state):
                do {
                    let launchState = try await store.launchState(for: state, at: now)
                    issuer = launchState?.issuer
                    let platform = try await launchState.asyncMap { try await registry.platform(issuer: $0.issuer, clientID: $0.clientID) } ?? nil
                    action = machine.stateLoaded(launchState, platform: platform)
                } catch let error as LTIError {
                    action = machine.failed(error)
                }
            case .fetchKey(let kid, let jwksURL, let refresh):
                do {
                    let signedAt = refresh ? LTILaunch.StateMachine.unverifiedIssuedAt(of: form.idToken) : nil
                    action = machine.keyLoaded(try await keys.key(kid: kid, jwksURL: jwksURL, refresh: refresh, signedAt: signedAt))
                } catch let error as LTIError {
                    action = machine.failed(error)
                }
            case .verifySignature(let token, let key):
                let collection = JWTKeyCollection()
                await collection.add(rsa: key, digestAlgorithm: .sha256, kid: JWKIdentifier(string: token.kid))
                do {
                    guard try token.isSigned(by: try await collection.getKey(for: JWKIdentifier(string: token.kid), alg: "RS256")) else {
                        throw LTIError(.invalidSignature, "The id_token's signature is invalid.")
                    }
                    guard let claims = token.claims() else { throw LTIError(.malformedToken, "The id_token's claims are not a JSON object.") }
                    action = machine.signatureVerified(IDTokenClaims(values: claims))
                } catch let error as LTIError {
                    action = machine.failed(error)
                } catch {
                    action = machine.failed(LTIError(.malformedToken, "The id_token could not be verified or read.", cause: error))
                }
            case .consumeNonce(let nonce):
                do {
                    action = machine.nonceConsumed(try await store.consumeNonce(nonce, at: now))
                } catch let error as LTIError {
                    action = machine.failed(error)
                }
            }
        }
    }
}

extension Optional {
    fileprivate func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        guard let value = self else { return nil }
        return try await transform(value)
    }
}
