public import BadgeCore
import Foundation
public import LTI

/// Builds a platform registration from CLI or API input, filling in what a preset knows.
public enum PlatformFactory {
    /// Makes a platform.
    /// - Throws: ``BadgeCoreError`` `.validation` naming the missing or malformed field.
    public static func make(
        preset: Platform.Preset,
        issuer: String?,
        clientID: String,
        deploymentIDs: Set<String>,
        authURL: String?,
        tokenURL: String?,
        jwksURL: String?
    ) throws(BadgeCoreError) -> Platform {
        guard !clientID.isEmpty, clientID.count <= 255 else { throw .invalid("client_id", "client_id is required") }
        guard !deploymentIDs.isEmpty, deploymentIDs.allSatisfy({ !$0.isEmpty && $0.count <= 255 }) else {
            throw .invalid("deployment_id", "at least one deployment_id is required")
        }
        var platform: Platform
        switch preset {
        case .moodle:
            guard let site = issuer.flatMap(URL.init(string:)), site.scheme == "https" || site.scheme == "http" else {
                throw .invalid("issuer", "a Moodle platform needs --issuer with the site URL")
            }
            platform = .moodle(siteURL: site, clientID: clientID, deploymentIDs: deploymentIDs)
        case .canvas:
            platform = .canvas(clientID: clientID, deploymentIDs: deploymentIDs)
            if let issuer { platform.issuer = issuer }
        case .generic:
            guard let issuer, !issuer.isEmpty else { throw .invalid("issuer", "issuer is required") }
            guard let auth = authURL.flatMap(URL.init(string:)), let token = tokenURL.flatMap(URL.init(string:)),
                let jwks = jwksURL.flatMap(URL.init(string:))
            else { throw .invalid("auth_url", "a generic platform needs auth, token and JWKS URLs") }
            platform = Platform(issuer: issuer, clientID: clientID, deploymentIDs: deploymentIDs, authURL: auth, tokenURL: token, jwksURL: jwks)
        }
        if let authURL, let url = URL(string: authURL) { platform.authURL = url }
        if let tokenURL, let url = URL(string: tokenURL) { platform.tokenURL = url }
        if let jwksURL, let url = URL(string: jwksURL) { platform.jwksURL = url }
        try requireSafeEndpoints(platform)
        return platform
    }

    /// The longest accepted URL or issuer.
    public static let maximumURLLength = 2048
    /// The most deployment ids of one registration.
    public static let maximumDeploymentIDs = 100

    /// Checks that every endpoint is an https URL (plain http only on loopback, for tests and a
    /// local LMS) of bounded length, and that a URL-shaped issuer follows the same rule.
    /// - Throws: ``BadgeCoreError`` `.validation` naming the field.
    public static func requireSafeEndpoints(_ platform: Platform) throws(BadgeCoreError) {
        guard platform.deploymentIDs.count <= maximumDeploymentIDs else {
            throw .invalid("deployment_ids", "at most \(maximumDeploymentIDs) deployment ids")
        }
        guard !platform.issuer.isEmpty, platform.issuer.count <= 255 else { throw .invalid("issuer", "issuer must be 1 to 255 characters") }
        if platform.issuer.contains("://") {
            try requireSafeURL(platform.issuer, field: "issuer")
        }
        for (field, url) in [("auth_url", platform.authURL), ("token_url", platform.tokenURL), ("jwks_url", platform.jwksURL)] {
            try requireSafeURL(url.absoluteString, field: field)
        }
    }

    /// Throws unless `text` is an https URL with a host, or http on a loopback host.
    public static func requireSafeURL(_ text: String, field: String) throws(BadgeCoreError) {
        guard text.count <= maximumURLLength, let url = URL(string: text), let host = url.host(), !host.isEmpty, url.user == nil else {
            throw .invalid(field, "\(field) must be an absolute URL of at most \(maximumURLLength) characters")
        }
        let loopback = OutboundPolicy.isLoopbackName(host)
        guard url.scheme == "https" || (url.scheme == "http" && loopback) else {
            throw .invalid(field, "\(field) must use https (plain http only on a loopback address)")
        }
    }
}
