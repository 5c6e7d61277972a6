import BadgeCore
import BadgeTesting
import Foundation
import OpenBadges

/// One pause of a key read: once armed, the next read of an issuer's keys returns what it read
/// only when the test releases it, so the award that made the read signs with a key that a
/// rotation retires in between (the race between an award's signing and its commit).
actor KeyReadPause {
    private var armed = false
    private var paused = false
    private var released = false
    private var pauseWaiters: [CheckedContinuation<Void, Never>] = []
    private var releaseWaiters: [CheckedContinuation<Void, Never>] = []

    /// Pauses the next read.
    func arm() { armed = true }

    /// Called by each read: the first one after ``arm()`` waits for ``release()``.
    func pauseIfArmed() async {
        guard armed else { return }
        armed = false
        paused = true
        for waiter in pauseWaiters { waiter.resume() }
        pauseWaiters = []
        guard !released else { return }
        await withCheckedContinuation { releaseWaiters.append($0) }
    }

    /// Returns once a read is paused.
    func untilPaused() async {
        guard !paused else { return }
        await withCheckedContinuation { pauseWaiters.append($0) }
    }

    /// Lets the paused read return.
    func release() {
        released = true
        for waiter in releaseWaiters { waiter.resume() }
        releaseWaiters = []
    }
}

/// The world's issuer keys, read through a ``KeyReadPause``.
struct PausingIssuerKeyStore: IssuerKeyStore {
    let base: any IssuerKeyStore
    let pause: KeyReadPause

    func install(_ key: StoredIssuerKey) async throws { try await base.install(key) }

    func keys(issuerID: UUID) async throws -> [StoredIssuerKey] {
        let keys = try await base.keys(issuerID: issuerID)
        await pause.pauseIfArmed()
        return keys
    }

    func key(id: String) async throws -> StoredIssuerKey? { try await base.key(id: id) }
}

/// A world's public documents as badged serves them, for ``BadgeVerifier`` (the engine of
/// `badged verify`): the issuer profile lists only the current key, a revoked key answers 410.
struct WorldDocuments: DocumentFetcher {
    let world: IssuingWorld

    func get(_ url: URL, maximumBytes: Int) async throws -> FetchedDocument {
        let (documents, urls, tree, text) = (world.documents, world.documents.urls, world.tree, url.absoluteString)
        for issuer in tree.issuers {
            if text == urls.issuer(issuer.id) {
                let current = try await world.issuerKeys.keys(issuerID: issuer.id).last { $0.retiredAt == nil }
                return try Self.json(
                    documents.issuerProfile(issuer, institution: tree.institution.content, publicKeyIDs: current.map { [$0.id] } ?? [])
                )
            }
            if text == urls.revocationList(issuer: issuer.id) {
                return try Self.json(
                    documents.revocationList(issuerID: issuer.id, assertions: try await world.assertions.revoked(issuerID: issuer.id))
                )
            }
        }
        if let badgeClass = tree.badgeClasses.first(where: { urls.badgeClass($0.id) == text }) {
            return try Self.json(documents.badgeClass(badgeClass))
        }
        if let id = urls.assertionID(named: text), let stored = try await world.assertions.find(id: id) {
            return try Self.json(documents.assertion(stored.assertion))
        }
        let keyPrefix = urls.key("")
        if text.hasPrefix(keyPrefix), let key = try await world.issuerKeys.key(id: String(text.dropFirst(keyPrefix.count))) {
            if key.isRevoked { return FetchedDocument(status: 410, body: Data()) }
            return try Self.json(documents.cryptographicKey(keyID: key.id, publicKeyPEM: key.publicKeyPEM, issuerID: key.issuerID))
        }
        return FetchedDocument(status: 404, body: Data())
    }

    private static func json(_ value: JSONValue) throws -> FetchedDocument {
        FetchedDocument(status: 200, body: try JSONEncoder().encode(value))
    }
}
