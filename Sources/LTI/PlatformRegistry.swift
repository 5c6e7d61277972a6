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
