public import BadgeCore
public import Foundation
public import OpenBadges

/// Issuer signing keys: generated on first use, sealed at rest, rotated on request. Old keys
/// stay published so that what they signed keeps verifying.
public struct IssuerKeyring: Sendable {
    let store: any IssuerKeyStore
    let encryption: KeyEncryption
    let ids: any IDGenerator
    let clock: any TimeSource
    /// Opened keys by id: opening means AES-GCM plus parsing an RSA key, too slow per award. The
    /// newest key id is still read from the database on each call, so a rotation made by the CLI
    /// or another daemon takes effect at once.
    let cache = OpenedKeyCache()

    /// Creates a keyring.
    /// - Parameter encryption: seals private keys before they are stored.
    public init(store: any IssuerKeyStore, encryption: KeyEncryption, ids: any IDGenerator, clock: any TimeSource) {
        self.store = store
        self.encryption = encryption
        self.ids = ids
        self.clock = clock
    }

    /// The issuer's current key, made now if it has none (or if its sealed key cannot be opened
    /// because the key-encryption key changed: then a new key takes over).
    public func currentKey(issuerID: UUID) async throws -> SigningKey {
        try await currentKeyWithDate(issuerID: issuerID).key
    }

    /// The issuer's current key and when it was made (for its X.509 certificate), from one read
    /// of the key table.
    public func currentKeyWithDate(issuerID: UUID) async throws -> OpenedKeyCache.Current {
        if let current = try await openedCurrentKey(issuerID: issuerID) { return current }
        // Concurrent first awards share one key generation instead of each making a key.
        return try await cache.makeOnce(issuerID: issuerID) {
            if let current = try await openedCurrentKey(issuerID: issuerID) { return current }
            return try await install(try SigningKey.generate(id: "k-" + ids.makeID().uuidString.lowercased()), issuerID: issuerID)
        }
    }

    private func openedCurrentKey(issuerID: UUID) async throws -> OpenedKeyCache.Current? {
        guard let newest = try await store.keys(issuerID: issuerID).last(where: { $0.retiredAt == nil }) else { return nil }
        let chain = newest.certificateChainPEM.map(IssuerCertificateChain.init(checkedPEM:))
        if let cached = await cache.key(id: newest.id) { return (cached, newest.createdAt, chain) }
        guard let key = try? encryption.open(newest.sealedPrivateKey, id: newest.id) else { return nil }
        await cache.store(key)
        return (key, newest.createdAt, chain)
    }

    /// Makes a new current key; earlier keys are retired but stay published.
    public func rotate(issuerID: UUID) async throws -> SigningKey {
        try await install(try SigningKey.generate(id: "k-" + ids.makeID().uuidString.lowercased()), issuerID: issuerID).key
    }

    /// A new key for the issuer, sealed for storage but not installed yet (a rotation installs it
    /// with its re-signing job in one transaction, then ``remember(_:)`` caches it).
    func makeKey(issuerID: UUID) throws -> (key: SigningKey, stored: StoredIssuerKey) {
        let key = try SigningKey.generate(id: "k-" + ids.makeID().uuidString.lowercased())
        let stored = StoredIssuerKey(
            id: key.id,
            issuerID: issuerID,
            publicKeyPEM: key.publicKeyPEM,
            sealedPrivateKey: try encryption.seal(key),
            createdAt: clock.now()
        )
        return (key, stored)
    }

    /// Keeps an installed key opened.
    func remember(_ key: SigningKey) async {
        await cache.store(key)
    }

    /// The issuer's key `id`, opened, if it is still the issuer's current key; nil once another
    /// key took over.
    /// - Throws: ``IssuingError`` `.configuration` when it is current but cannot be opened (the
    ///   key-encryption key differs from the one that sealed it).
    public func currentKey(issuerID: UUID, id: String) async throws -> SigningKey? {
        guard let newest = try await store.keys(issuerID: issuerID).last(where: { $0.retiredAt == nil }), newest.id == id else { return nil }
        if let cached = await cache.key(id: id) { return cached }
        guard let key = try? encryption.open(newest.sealedPrivateKey, id: id) else {
            throw IssuingError(.configuration, "issuer key \(id) cannot be opened with this daemon's signing.key_encryption_key")
        }
        await cache.store(key)
        return key
    }

    /// Makes an imported private key (PKCS#8 or PKCS#1 PEM, RSA of at least 2048 bits) the
    /// issuer's current key; earlier keys are retired but stay published.
    /// - Parameter chainPEM: the key's X.509 certificate chain (the key's certificate first, then
    ///   intermediates), stored with the key and carried in the `KeyInfo` of its EDCI exports.
    ///   Without one, exports carry a self-signed certificate derived from the key.
    /// - Throws: ``BadgeCoreError`` `.validation` on `pem` or `chain` (see ``IssuerCertificateChain``).
    public func importKey(privateKeyPEM: String, chainPEM: String? = nil, issuerID: UUID) async throws -> SigningKey {
        let (key, chain) = try importedKey(privateKeyPEM: privateKeyPEM, chainPEM: chainPEM)
        return try await install(key, chain: chain, issuerID: issuerID).key
    }

    /// An imported key, sealed for storage but not installed yet (see ``makeKey(issuerID:)``).
    /// - Throws: ``BadgeCoreError`` `.validation` on `pem` or `chain`.
    func makeImportedKey(privateKeyPEM: String, chainPEM: String?, issuerID: UUID) throws -> (key: SigningKey, stored: StoredIssuerKey) {
        let (key, chain) = try importedKey(privateKeyPEM: privateKeyPEM, chainPEM: chainPEM)
        let stored = StoredIssuerKey(
            id: key.id,
            issuerID: issuerID,
            publicKeyPEM: key.publicKeyPEM,
            sealedPrivateKey: try encryption.seal(key),
            createdAt: clock.now(),
            certificateChainPEM: chain?.pem
        )
        return (key, stored)
    }

    private func importedKey(privateKeyPEM: String, chainPEM: String?) throws -> (SigningKey, IssuerCertificateChain?) {
        let key: SigningKey
        do {
            key = try SigningKey(id: "k-" + ids.makeID().uuidString.lowercased(), privateKeyPEM: privateKeyPEM)
        } catch {
            throw BadgeCoreError.invalid("pem", error.message)
        }
        return (key, try chainPEM.map { try IssuerCertificateChain(pem: $0, for: key, at: clock.now()) })
    }

    private func install(_ key: SigningKey, chain: IssuerCertificateChain? = nil, issuerID: UUID) async throws -> OpenedKeyCache.Current {
        let createdAt = clock.now()
        try await store.install(
            .init(
                id: key.id,
                issuerID: issuerID,
                publicKeyPEM: key.publicKeyPEM,
                sealedPrivateKey: try encryption.seal(key),
                createdAt: createdAt,
                certificateChainPEM: chain?.pem
            )
        )
        await cache.store(key)
        return (key, createdAt, chain)
    }
}
