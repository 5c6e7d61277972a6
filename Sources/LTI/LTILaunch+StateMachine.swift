import Foundation
import JWTKit
import Primitives

extension LTILaunch {
    /// The launch validation flow as a value-type state machine, in the manner of NIO's
    /// protocol-negotiation handler: every input returns the next ``Action`` and the driver
    /// (``LaunchValidator``) performs the I/O the action names and feeds the result back.
    ///
    /// Order: cookie ⇄ state, token header (alg, kid), stored state, platform key (refetch once),
    /// signature, claims (iss, aud/azp, exp/iat, nonce, deployment, type, version, resource
    /// link), nonce consumption.
    struct StateMachine {
        enum Action {
            case lookUpState(String)
            case fetchKey(kid: String, jwksURL: URL, refresh: Bool)
            case verifySignature(CompactJWS, key: Insecure.RSA.PublicKey)
            case consumeNonce(String)
            case complete(LTILaunch)
            case reject(LTIError)
        }

        private enum State {
            case initial(LaunchForm)
            case awaitingState(form: LaunchForm, token: CompactJWS)
            case awaitingKey(token: CompactJWS, platform: Platform, launchState: LaunchState, refreshed: Bool)
            case awaitingSignature(platform: Platform, launchState: LaunchState)
            case awaitingNonce(LTILaunch, nonce: String)
            case finished
        }

        private var state: State
        private let now: Date
        private let leeway: TimeInterval

        init(form: LaunchForm, now: Date, leeway: TimeInterval) {
            self.state = .initial(form)
            self.now = now
            self.leeway = leeway
        }

        mutating func start() -> Action {
            guard case .initial(let form) = state else { return fail(LTIError(.invalidRequest, "The launch was already started.")) }
            guard form.idToken.utf8.count <= LaunchForm.maximumTokenLength, form.state.utf8.count <= LaunchForm.maximumStateLength else {
                return fail(LTIError(.invalidRequest, "The id_token or state is too long."))
            }
            guard let cookie = form.stateCookie, cookie == form.state else {
                return fail(LTIError(.stateMismatch, "The launch state does not match this browser's login (state cookie missing or different)."))
            }
            do {
                state = .awaitingState(form: form, token: try CompactJWS(form.idToken))
                return .lookUpState(form.state)
            } catch {
                return fail(error)
            }
        }

        mutating func stateLoaded(_ launchState: LaunchState?, platform: Platform?) -> Action {
            guard case .awaitingState(let form, let token) = state else { return fail(Self.outOfOrder) }
            guard let launchState, launchState.state == form.state else {
                return fail(LTIError(.unknownState, "The launch state is unknown or expired; start the launch again from the course."))
            }
            guard let platform else { return fail(LTIError(.unknownPlatform, "The platform of this login is no longer registered.")) }
            state = .awaitingKey(token: token, platform: platform, launchState: launchState, refreshed: false)
            return .fetchKey(kid: token.kid, jwksURL: platform.jwksURL, refresh: false)
        }

        mutating func keyLoaded(_ key: Insecure.RSA.PublicKey?) -> Action {
            guard case .awaitingKey(let token, let platform, let launchState, let refreshed) = state else { return fail(Self.outOfOrder) }
            guard let key else {
                if refreshed { return fail(LTIError(.unknownKey, "The token's key id is not in the platform's key set.")) }
                state = .awaitingKey(token: token, platform: platform, launchState: launchState, refreshed: true)
                return .fetchKey(kid: token.kid, jwksURL: platform.jwksURL, refresh: true)
            }
            state = .awaitingSignature(platform: platform, launchState: launchState)
            return .verifySignature(token, key: key)
        }

        mutating func signatureVerified(_ claims: IDTokenClaims) -> Action {
            guard case .awaitingSignature(let platform, let launchState) = state else { return fail(Self.outOfOrder) }
            do {
                let launch = try claims.validate(platform: platform, launchState: launchState, now: now, leeway: leeway)
                state = .awaitingNonce(launch, nonce: launchState.nonce)
                return .consumeNonce(launchState.nonce)
            } catch {
                return fail(error)
            }
        }

        mutating func nonceConsumed(_ wasFresh: Bool) -> Action {
            guard case .awaitingNonce(let launch, _) = state else { return fail(Self.outOfOrder) }
            state = .finished
            guard wasFresh else { return .reject(LTIError(.replayedNonce, "This launch was already used.")) }
            return .complete(launch)
        }

        mutating func failed(_ error: any Error) -> Action { fail(error) }

        private mutating func fail(_ error: any Error) -> Action {
            state = .finished
            if let error = error as? LTIError { return .reject(error) }
            return .reject(LTIError(.malformedToken, "The id_token could not be read.", cause: error))
        }

        private static let outOfOrder = LTIError(.invalidRequest, "The launch flow received an event out of order.")

        /// The `iat` a compact JWS claims, unverified (only to decide whether a key set fetched
        /// before it may lack its key), or nil when it has none.
        static func unverifiedIssuedAt(of token: String) -> Date? {
            guard let iat = (try? CompactJWS(token))?.claims()?["iat"]?.numberValue, iat.isFinite else { return nil }
            return Date(timeIntervalSince1970: iat)
        }

        /// Reads the JOSE header: RS256 only, a `kid` required (see ``CompactJWS``).
        static func checkHeader(of token: String) throws -> String {
            try CompactJWS(token).kid
        }
    }
}
