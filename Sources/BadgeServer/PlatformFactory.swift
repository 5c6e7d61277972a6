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
        for url in [platform.authURL, platform.tokenURL, platform.jwksURL] where !["https", "http"].contains(url.scheme ?? "") {
            throw .invalid("auth_url", "\(url.absoluteString) is not an http(s) URL")
        }
        return platform
    }
}
