/// A platform registry held in memory, for tests and single-process development.
public actor InMemoryPlatformRegistry: PlatformRegistry {
    private var registrations: [String: [String: Platform]] = [:]

    /// Creates a registry holding `platforms`.
    public init(_ platforms: [Platform] = []) {
        for platform in platforms { registrations[platform.issuer, default: [:]][platform.clientID] = platform }
    }

    /// Adds or replaces a registration.
    public func register(_ platform: Platform) {
        registrations[platform.issuer, default: [:]][platform.clientID] = platform
    }

    /// Removes a registration.
    public func remove(issuer: String, clientID: String) {
        registrations[issuer]?[clientID] = nil
    }

    public func platform(issuer: String, clientID: String) -> Platform? {
        registrations[issuer]?[clientID]
    }

    public func platforms(issuer: String) -> [Platform] {
        (registrations[issuer] ?? [:]).values.sorted { $0.clientID < $1.clientID }
    }
}
