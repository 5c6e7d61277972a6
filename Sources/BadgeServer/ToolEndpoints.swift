public import Configuration
import Foundation

/// The tool URLs an LMS administrator enters when registering badged, derived from
/// `public.base_url`.
public struct ToolEndpoints: Sendable {
    /// OIDC login initiation URL.
    public let loginURL: String
    /// Redirect (launch) URL, also the target link URI.
    public let launchURL: String
    /// The tool's public keys.
    public let jwksURL: String
    /// Deep-linking URL (the launch URL: badged tells the message types apart).
    public let deepLinkingURL: String

    /// Reads `public.base_url` from the configuration.
    public init(reader: ConfigReader) throws {
        let base = try AppConfiguration(reader: reader).publicBaseURL
        loginURL = base + "/lti/login"
        launchURL = base + "/lti/launch"
        jwksURL = base + "/lti/jwks"
        deepLinkingURL = base + "/lti/launch"
    }

    /// The lines `badged platform show` prints.
    public var summary: String {
        """
        Tool settings for the LMS administrator:
          Initiate login URL / OpenID Connect Initiation Url: \(loginURL)
          Redirection URI(s) / Target Link URI:               \(launchURL)
          Public keyset URL / JWK Method:                     \(jwksURL)
          Content Selection / Deep Linking URL:               \(deepLinkingURL)
        """
    }
}
