public import BadgeCore
public import Foundation
public import LTI
public import OpenBadges
import Primitives

/// Login states carried by the `state` value itself instead of a database row: the login's
/// nonce, issuer, client id, target and expiry, sealed (AES-GCM) with a key the key-encryption
/// key derives. Every daemon of a deployment opens a state another one issued, nobody can forge
/// or alter one, and a login writes nothing.
///
/// A state is good for one launch: the id_token must echo the nonce sealed inside it, and that
/// nonce is spent once, across daemons, through the ``ReplayGuard`` (the launch's only write).
public struct SealedLaunchStates: LaunchStateStore {
    private static let prefix = "s1."
    private static let context = "lti-login-state"
    private static let sealPrefix = "v1:"
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
    private struct Payload: Codable {
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
        let sealed = try encryption.seal(try JSONEncoder().encode(payload), context: Self.context)
        // The sealed text is "v1:" and standard base64: carried as base64url, unpadded.
        guard let combined = Data(base64Encoded: String(sealed.dropFirst(Self.sealPrefix.count))), sealed.hasPrefix(Self.sealPrefix) else {
            throw OpenBadgesError(.keyEncryption, "the login state could not be sealed")
        }
        return Self.prefix + Base64URL.encode(combined)
    }

    /// Nothing to keep: a state is what ``issue(_:)`` returns.
    public func save(_ launchState: LaunchState) async throws {}

    public func launchState(for state: String, at now: Date) async throws -> LaunchState? {
        guard state.utf8.count <= Self.maximumLength, state.hasPrefix(Self.prefix),
            let combined = Base64URL.decode(state.dropFirst(Self.prefix.count)),
            let plaintext = try? encryption.open(Self.sealPrefix + combined.base64EncodedString(), context: Self.context),
            let payload = try? JSONDecoder().decode(Payload.self, from: plaintext)
        else { return nil }
        let expiresAt = Date(timeIntervalSince1970: TimeInterval(payload.e))
        guard expiresAt > now else { return nil }
        return LaunchState(state: state, nonce: payload.n, issuer: payload.i, clientID: payload.c, targetLinkURI: payload.t, expiresAt: expiresAt)
    }

    /// Spends the nonce of a state this store issued (the validator checked the id_token's nonce
    /// is the one sealed in the state); kept for an hour, longer than any state lives.
    public func consumeNonce(_ nonce: String, at now: Date) async throws -> Bool {
        try await spent.firstUse(scope: "lti-nonce", value: Digest.sha256Hex(nonce), expiresAt: now.addingTimeInterval(3_600), now: now)
    }

    /// Nothing expires here: the replay guard forgets spent nonces itself.
    public func removeExpired(before date: Date) async throws -> Int { 0 }
}
