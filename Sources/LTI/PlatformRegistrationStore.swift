public import Foundation

/// The administration side of the platform registry (a storage port): registrations belong to
/// the tenant (the institution) whose courses launch through them.
public protocol PlatformRegistrationStore: PlatformRegistry {
    /// Registers a platform for an institution, or replaces the registration with the same
    /// issuer and client id (re-registration keeps its id).
    func register(_ platform: Platform, institutionID: UUID, id: UUID, at date: Date) async throws
    /// Adds a registration unless one with the same issuer and client id exists.
    /// - Returns: false (and writes nothing) when the issuer and client id are already registered.
    func insert(_ registration: PlatformRegistration) async throws -> Bool
    /// One registration by id.
    func registration(id: UUID) async throws -> PlatformRegistration?
    /// The registrations of one institution, or of all when `institutionID` is nil, by issuer and client id.
    func registrations(institutionID: UUID?) async throws -> [PlatformRegistration]
    /// Removes a registration; launches from it are refused from then on.
    /// - Returns: whether there was one.
    func delete(id: UUID) async throws -> Bool
    /// The institution a platform registration belongs to.
    func institutionID(issuer: String, clientID: String) async throws -> UUID?
    /// Every registration's platform.
    func allPlatforms() async throws -> [Platform]
}
