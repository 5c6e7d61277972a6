public import BadgeCore
public import Foundation
public import LTI
public import OpenBadges

/// Login states carried by the `state` value itself instead of a database row: the login's
/// nonce, issuer, client id, target and expiry, sealed with the key-encryption key under a
/// context of their own (``SealedToken``). Every daemon of a deployment opens a state another
/// one issued, nobody can forge or alter one, and a login writes nothing.
///
/// A state is good for one launch: the id_token must echo the nonce sealed inside it, and that
/// nonce is spent once, across daemons, through the ``ReplayGuard`` (the launch's only write).
public struct SealedLaunchStates: LaunchStateStore {
    private static let prefix = "s1."
    private static let context = "lti-login-state"
    /// The longest state accepted back (the launch form's own limit).
    static let maximumLength = LaunchForm.maximumStateLength

    private let encryption: KeyEncryption
    private let spent: any ReplayGuard

    /// Creates the store.
    /// - Parameter spent: where used nonces are recorded until their state expires.
    public init(encryption: KeyEncryption, spent: any ReplayGuard) {
        self.encryption = encryption
        self.spent = spent
    }

    /// What a state carries, under short names (the value travels in a URL and a cookie name).
    private struct Payload: Encodable {
        let n: String  // nonce
        let i: String  // issuer
        let c: String  // client id
        let t: String  // target link URI
        let e: Int64  // expiry, Unix seconds
    }

    /// The sealed `state` of a login (about 250 characters); nothing is stored.
    public func issue(_ launchState: LaunchState) async throws -> String {
        let payload = Payload(
            n: launchState.nonce,
            i: launchState.issuer,
            c: launchState.clientID,
            t: launchState.targetLinkURI,
            e: Int64(launchState.expiresAt.timeIntervalSince1970.rounded(.down))
        )
        return try SealedToken.make(payload, prefix: Self.prefix, context: Self.context, encryption: encryption)
    }

    /// Nothing to keep: a state is what ``issue(_:)`` returns.
    public func save(_ launchState: LaunchState) async throws {}

    public func launchState(for state: String, at now: Date) async throws -> LaunchState? {
        // The payload is read with JSONValue's parser: JSONDecoder's keyed containers were half
        // the cost of opening a state (every launch opens one).
        guard
            let json = SealedToken.open(state, prefix: Self.prefix, context: Self.context, maximumLength: Self.maximumLength, encryption: encryption),
            case .object(let payload)? = JSONValue(parsing: json, maximumDepth: 1),
            case .string(let nonce)? = payload["n"], case .string(let issuer)? = payload["i"], case .string(let clientID)? = payload["c"],
            case .string(let target)? = payload["t"], case .int(let expiry)? = payload["e"]
        else { return nil }
        let expiresAt = Date(timeIntervalSince1970: TimeInterval(expiry))
        guard expiresAt > now else { return nil }
        return LaunchState(state: state, nonce: nonce, issuer: issuer, clientID: clientID, targetLinkURI: target, expiresAt: expiresAt)
    }

    /// Spends the nonce of a state this store issued (the validator checked the id_token's nonce
    /// is the one sealed in the state); kept for an hour, longer than any state lives.
    public func consumeNonce(_ nonce: String, at now: Date) async throws -> Bool {
        try await spent.firstUse(scope: "lti-nonce", value: Digest.sha256Hex(nonce), expiresAt: now.addingTimeInterval(3_600), now: now)
    }

    /// Nothing expires here: the replay guard forgets spent nonces itself.
    public func removeExpired(before date: Date) async throws -> Int { 0 }
}
