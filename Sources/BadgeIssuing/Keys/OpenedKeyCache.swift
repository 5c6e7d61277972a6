public import Foundation
public import OpenBadges

/// Opened signing keys by key id, and the key generations in progress by issuer.
public actor OpenedKeyCache {
    /// A current key, when it was made, and the certificate chain imported with it (if any).
    public typealias Current = (key: SigningKey, createdAt: Date, chain: IssuerCertificateChain?)

    private var keys: [String: SigningKey] = [:]
    private var making: [UUID: Task<Current, any Error>] = [:]

    /// Runs `make` once for an issuer at a time; callers arriving meanwhile share its result.
    func makeOnce(issuerID: UUID, _ make: @escaping @Sendable () async throws -> Current) async throws -> Current {
        if let running = making[issuerID] { return try await running.value }
        let task = Task { try await make() }
        making[issuerID] = task
        defer { making[issuerID] = nil }
        return try await task.value
    }

    func key(id: String) -> SigningKey? { keys[id] }

    func store(_ key: SigningKey) {
        keys[key.id] = key
    }
}
