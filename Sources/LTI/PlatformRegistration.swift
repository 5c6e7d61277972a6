public import Foundation

/// A stored LTI platform registration: the platform, the tenant (institution) its courses belong to, and
/// its row id.
public struct PlatformRegistration: Hashable, Sendable {
    /// The registration's id.
    public var id: UUID
    /// The owning institution.
    public var institutionID: UUID
    /// The platform.
    public var platform: Platform
    /// When it was first registered.
    public var createdAt: Date

    /// Creates a registration.
    public init(id: UUID, institutionID: UUID, platform: Platform, createdAt: Date) {
        self.id = id
        self.institutionID = institutionID
        self.platform = platform
        self.createdAt = createdAt
    }
}
