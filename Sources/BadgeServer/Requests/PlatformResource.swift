import BadgeCore
import BadgeIssuing
import Foundation
import Hummingbird
import LTI

/// The body of `POST /api/v1/platforms`.
struct PlatformInput: Decodable {
    var institutionID: UUID?
    var preset: Platform.Preset?
    var issuer: String?
    var clientID: String
    var deploymentIDs: [String]
    var authURL: String?
    var tokenURL: String?
    var jwksURL: String?

    enum CodingKeys: String, CodingKey {
        case institutionID = "institution_id", preset, issuer, clientID = "client_id", deploymentIDs = "deployment_ids"
        case authURL = "auth_url", tokenURL = "token_url", jwksURL = "jwks_url"
    }

    /// The validated platform (preset defaults, https endpoints, bounded sizes).
    func platform() throws -> Platform {
        guard deploymentIDs.count <= PlatformFactory.maximumDeploymentIDs else {
            throw BadgeCoreError.invalid("deployment_ids", "at most \(PlatformFactory.maximumDeploymentIDs) deployment ids")
        }
        if let issuer, issuer.count > 255 { throw BadgeCoreError.invalid("issuer", "issuer must be at most 255 characters") }
        for (field, value) in [("auth_url", authURL), ("token_url", tokenURL), ("jwks_url", jwksURL)] {
            if let value { try PlatformFactory.requireSafeURL(value, field: field) }
        }
        return try PlatformFactory.make(
            preset: preset ?? .generic,
            issuer: issuer,
            clientID: clientID,
            deploymentIDs: Set(deploymentIDs),
            authURL: authURL,
            tokenURL: tokenURL,
            jwksURL: jwksURL
        )
    }
}

/// A platform registration as the API shows it.
struct PlatformResource: ResponseEncodable, Hashable {
    var id: String
    var institutionID: String
    var preset: Platform.Preset
    var issuer: String
    var clientID: String
    var deploymentIDs: [String]
    var authURL: URL
    var tokenURL: URL
    var jwksURL: URL
    var createdAt: Date

    enum CodingKeys: String, CodingKey {
        case id, institutionID = "institution_id", preset, issuer, clientID = "client_id", deploymentIDs = "deployment_ids"
        case authURL = "auth_url", tokenURL = "token_url", jwksURL = "jwks_url", createdAt = "created_at"
    }

    init(_ registration: PlatformRegistration) {
        id = registration.id.uuidString.lowercased()
        institutionID = registration.institutionID.uuidString.lowercased()
        preset = registration.platform.preset
        issuer = registration.platform.issuer
        clientID = registration.platform.clientID
        deploymentIDs = registration.platform.deploymentIDs.sorted()
        authURL = registration.platform.authURL
        tokenURL = registration.platform.tokenURL
        jwksURL = registration.platform.jwksURL
        createdAt = registration.createdAt
    }
}

/// `GET /api/v1/platforms`.
struct PlatformList: ResponseEncodable {
    var items: [PlatformResource]
}

/// The body of `POST /api/v1/platforms/registration-links`.
struct RegistrationLinkInput: Decodable {
    var institutionID: UUID?
    var validForSeconds: Int?

    enum CodingKeys: String, CodingKey {
        case institutionID = "institution_id", validForSeconds = "valid_for_seconds"
    }
}

/// A one-time Dynamic Registration link.
struct RegistrationLinkResource: ResponseEncodable {
    var url: String
    var expiresAt: Date

    enum CodingKeys: String, CodingKey {
        case url, expiresAt = "expires_at"
    }
}
