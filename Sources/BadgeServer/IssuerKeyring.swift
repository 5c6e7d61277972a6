import BadgeCore
import BadgeStorage
import Foundation
import OpenBadges

/// Issuer signing keys: generated on first use, sealed at rest, rotated on request. Old keys
/// stay published so that what they signed keeps verifying.
struct IssuerKeyring: Sendable {
    let store: SQLIssuerKeyStore
    let encryption: KeyEncryption
    let ids: any IDGenerator
    let clock: any TimeSource
    /// Opened keys, kept a minute: opening means AES-GCM plus parsing an RSA key, too slow per award.
    /// A rotation on another daemon is picked up within the minute; until then the previous
    /// key signs, which is harmless because it stays published.
    let cache = OpenedKeyCache()

    /// The issuer's current key, made now if it has none (or if its sealed key cannot be opened
    /// because the key-encryption key changed: then a new key takes over).
    func currentKey(issuerID: UUID) async throws -> SigningKey {
        if let cached = await cache.key(for: issuerID, at: clock.now()) { return cached }
        let key = try await loadCurrentKey(issuerID: issuerID)
        await cache.store(key, for: issuerID, at: clock.now())
        return key
    }

    private func loadCurrentKey(issuerID: UUID) async throws -> SigningKey {
        if let newest = try await store.keys(issuerID: issuerID).last(where: { $0.retiredAt == nil }),
            let key = try? encryption.open(newest.sealedPrivateKey, id: newest.id)
        {
            return key
        }
        return try await rotate(issuerID: issuerID)
    }

    /// Makes a new current key; earlier keys are retired but stay published.
    func rotate(issuerID: UUID) async throws -> SigningKey {
        let key = try SigningKey.generate(id: "k-" + ids.makeID().uuidString.lowercased())
        try await store.install(
            .init(
                id: key.id,
                issuerID: issuerID,
                publicKeyPEM: key.publicKeyPEM,
                sealedPrivateKey: try encryption.seal(key),
                createdAt: clock.now()
            )
        )
        await cache.store(key, for: issuerID, at: clock.now())
        return key
    }
}

/// Opened signing keys by issuer, each kept for a minute.
actor OpenedKeyCache {
    private var entries: [UUID: (key: SigningKey, storedAt: Date)] = [:]

    func key(for issuerID: UUID, at now: Date) -> SigningKey? {
        guard let entry = entries[issuerID], now.timeIntervalSince(entry.storedAt) < 60 else { return nil }
        return entry.key
    }

    func store(_ key: SigningKey, for issuerID: UUID, at now: Date) {
        entries[issuerID] = (key, now)
    }
}
