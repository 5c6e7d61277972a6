public import BadgeCore
import Foundation
public import LTI
public import OpenBadges

/// The LTI tool's keys when `signing.key_encryption_key` is set: kept sealed in the database, so
/// every daemon signs deep-linking responses and client assertions with the same published key,
/// and a restart changes nothing a platform has cached.
public struct ToolKeyring: Sendable {
    let store: any ToolKeyStore
    let encryption: KeyEncryption
    let ids: any IDGenerator
    let clock: any TimeSource

    /// Creates a keyring.
    /// - Parameter encryption: seals private keys before they are stored.
    public init(store: any ToolKeyStore, encryption: KeyEncryption, ids: any IDGenerator, clock: any TimeSource) {
        self.store = store
        self.encryption = encryption
        self.ids = ids
        self.clock = clock
    }

    /// The current key and the other keys that can still be opened, made on first use.
    public func keySet() async throws -> ToolKeySet {
        var opened = try await store.keys().compactMap { stored -> (ToolKey, Bool)? in
            guard let key = try? encryption.open(stored.sealedPrivateKey, id: stored.id),
                let tool = try? ToolKey(kid: key.id, pem: key.privateKeyPEM)
            else { return nil }
            return (tool, stored.retiredAt == nil)
        }
        if !opened.contains(where: \.1) {
            opened.append((try await rotate(), true))
        }
        guard let current = opened.last(where: \.1)?.0 else { throw IssuingError(.configuration, "no LTI tool key") }
        return ToolKeySet(current: current, published: opened.filter { !$0.1 }.map(\.0))
    }

    /// The key set as stored now when `fallback`'s current key is one of the stored keys (the
    /// daemon started with the keyring), so that a rotation by `badged platform rotate-key` or
    /// another daemon takes effect at once; `fallback` otherwise (injected or ephemeral keys).
    public func latest(orElse fallback: ToolKeySet) async throws -> ToolKeySet {
        guard try await store.keys().contains(where: { $0.id == fallback.current.kid }) else { return fallback }
        return try await keySet()
    }

    /// Makes a new current key; the previous one stays published.
    public func rotate() async throws -> ToolKey {
        let key = try SigningKey.generate(id: "tool-" + ids.makeID().uuidString.lowercased())
        try await store.install(id: key.id, sealedPrivateKey: try encryption.seal(key), at: clock.now())
        return try ToolKey(kid: key.id, pem: key.privateKeyPEM)
    }
}
