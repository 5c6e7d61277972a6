public import Foundation

/// What an API key may do within its institution.
public enum Role: String, Codable, Hashable, Sendable, CaseIterable {
    /// Runs the deployment: may create institutions and act in every institution. Not scoped.
    case `operator`
    /// Manages one institution: its faculties, issuers, badge classes and keys.
    case admin
    /// Manages badge classes and (later) issues and revokes credentials in bulk.
    case registrar
    /// Reads the catalogue and links courses to badge classes.
    case instructor
}

/// The authenticated caller of an API request.
public struct Principal: Hashable, Sendable {
    /// The key's identifier (safe to log).
    public let keyID: UUID
    /// The role the key grants.
    public let role: Role
    /// The institution the key is scoped to; nil only for operator keys.
    public let institutionID: UUID?

    /// Creates a principal.
    public init(keyID: UUID, role: Role, institutionID: UUID?) {
        self.keyID = keyID
        self.role = role
        self.institutionID = institutionID
    }

    /// Whether the caller may see entities of the given institution.
    public func canRead(institution: UUID) -> Bool {
        role == .operator || institutionID == institution
    }

    /// Whether the caller may create, change or archive an entity of `kind` in `institution`.
    public func canWrite(_ kind: CatalogKind, institution: UUID?) -> Bool {
        if role == .operator { return true }
        guard let institution, institution == institutionID else { return false }
        switch kind {
        case .institution, .faculty, .issuer: return role == .admin
        case .badgeClass: return role == .admin || role == .registrar
        }
    }

    /// Throws `.forbidden` unless ``canWrite(_:institution:)``.
    public func requireWrite(_ kind: CatalogKind, institution: UUID?) throws(BadgeCoreError) {
        guard canWrite(kind, institution: institution) else {
            throw BadgeCoreError(.forbidden, "a \(role.rawValue) key may not change this \(kind.rawValue.replacingOccurrences(of: "_", with: " "))")
        }
    }
}
