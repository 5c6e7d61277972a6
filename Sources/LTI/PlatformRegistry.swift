/// Where platform registrations are looked up (a storage port; the SQL implementation lives
/// in the storage module, ``InMemoryPlatformRegistry`` serves tests).
public protocol PlatformRegistry: Sendable {
    /// The registration for an issuer and client id, or `nil`.
    func platform(issuer: String, clientID: String) async throws -> Platform?
    /// All registrations of an issuer (several when one LMS registered the tool more than once).
    func platforms(issuer: String) async throws -> [Platform]
}

extension PlatformRegistry {
    /// The registration for an issuer and, when given, a client id.
    ///
    /// Without a client id the issuer must be unambiguous (exactly one registration).
    /// - Throws: ``LTIError/Code/unknownPlatform`` or ``LTIError/Code/ambiguousPlatform``.
    public func resolve(issuer: String, clientID: String?) async throws -> Platform {
        if let clientID {
            guard let platform = try await platform(issuer: issuer, clientID: clientID) else {
                throw LTIError(.unknownPlatform, "No platform is registered for this issuer and client id.")
            }
            return platform
        }
        let candidates = try await platforms(issuer: issuer)
        switch candidates.count {
        case 0: throw LTIError(.unknownPlatform, "No platform is registered for this issuer.")
        case 1: return candidates[0]
        default: throw LTIError(.ambiguousPlatform, "Several registrations share this issuer; the login must name a client_id.")
        }
    }
}

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
