public import BadgeCore
public import Foundation
public import LTI

/// API keys in memory.
public actor InMemoryAPIKeyStore: APIKeyStore {
    private var keys: [UUID: APIKey] = [:]

    /// Creates an empty store.
    public init() {}

    /// Every stored key.
    public var all: [APIKey] { Array(keys.values) }

    public func insert(_ key: APIKey) async throws { keys[key.id] = key }

    public func findKey(tokenHash: String) async throws -> APIKey? { keys.values.first { $0.tokenHash == tokenHash } }

    public func revokeKey(id: UUID, at date: Date) async throws -> Bool {
        guard var key = keys[id] else { return false }
        key.revokedAt = key.revokedAt ?? date
        keys[id] = key
        return true
    }
}

/// One-time registration links in memory.
public actor InMemoryRegistrationLinkStore: RegistrationLinkStore {
    private var links: [String: (institutionID: UUID, expiresAt: Date, used: Bool)] = [:]

    /// Creates an empty store.
    public init() {}

    public func create(tokenHash: String, institutionID: UUID, expiresAt: Date, at date: Date) async throws {
        links[tokenHash] = (institutionID, expiresAt, false)
    }

    public func consume(tokenHash: String, at now: Date) async throws -> UUID? {
        guard let link = links[tokenHash], !link.used, link.expiresAt > now else { return nil }
        links[tokenHash]?.used = true
        return link.institutionID
    }
}

/// Platform registrations in memory.
public actor InMemoryPlatformRegistrationStore: PlatformRegistrationStore {
    private var registrations: [PlatformRegistration] = []

    /// Creates an empty store.
    public init() {}

    public func register(_ platform: Platform, institutionID: UUID, id: UUID, at date: Date) async throws {
        if let index = registrations.firstIndex(where: { $0.platform.issuer == platform.issuer && $0.platform.clientID == platform.clientID }) {
            registrations[index].platform = platform
            registrations[index].institutionID = institutionID
        } else {
            registrations.append(PlatformRegistration(id: id, institutionID: institutionID, platform: platform, createdAt: date))
        }
    }

    public func insert(_ registration: PlatformRegistration) async throws -> Bool {
        guard try await platform(issuer: registration.platform.issuer, clientID: registration.platform.clientID) == nil else { return false }
        registrations.append(registration)
        return true
    }

    public func registration(id: UUID) async throws -> PlatformRegistration? { registrations.first { $0.id == id } }

    public func registrations(institutionID: UUID?) async throws -> [PlatformRegistration] {
        registrations.filter { institutionID == nil || $0.institutionID == institutionID }
    }

    public func delete(id: UUID) async throws -> Bool {
        let before = registrations.count
        registrations.removeAll { $0.id == id }
        return registrations.count < before
    }

    public func institutionID(issuer: String, clientID: String) async throws -> UUID? {
        registrations.first { $0.platform.issuer == issuer && $0.platform.clientID == clientID }?.institutionID
    }

    public func allPlatforms() async throws -> [Platform] { registrations.map(\.platform) }

    public func platform(issuer: String, clientID: String) async throws -> Platform? {
        registrations.first { $0.platform.issuer == issuer && $0.platform.clientID == clientID }?.platform
    }

    public func platforms(issuer: String) async throws -> [Platform] {
        registrations.filter { $0.platform.issuer == issuer }.map(\.platform)
    }
}
