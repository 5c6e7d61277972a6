public import Configuration
import Foundation
public import LTI

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
        loginURL = Route.ltiLogin.url(baseURL: base)
        launchURL = Route.ltiLaunch.url(baseURL: base)
        jwksURL = Route.ltiJWKS.url(baseURL: base)
        deepLinkingURL = Route.ltiLaunch.url(baseURL: base)
    }

    /// The lines `badged platform add` prints.
    public var summary: String {
        """
        Tool settings for the LMS administrator:
          Tool URL / Target Link URI:                         \(launchURL)
          Initiate login URL / OpenID Connect Initiation Url: \(loginURL)
          Redirection URI(s) / Redirect URIs:                 \(launchURL)
          Public keyset URL / Public JWK URL:                 \(jwksURL)
          Content Selection / Deep Linking URL:               \(deepLinkingURL)
        """
    }

    /// Everything the Moodle and Canvas registration forms ask for, with the tool's public key
    /// as PEM (Moodle "Public key") and JWK (Canvas "Public JWK"), or a note when keys are ephemeral.
    /// - Parameter keys: the tool's persistent keys, nil when `signing.key_encryption_key` is unset.
    public func registrationSheet(keys: ToolKeySet?) throws -> String {
        var lines = [
            summary,
            "  Moodle: LTI version LTI 1.3, Public key type Keyset URL (or RSA key with the PEM below),",
            "          Supports Deep Linking on, Services: IMS LTI Assignment and Grade Services, Names and Role Provisioning.",
            "  Canvas: Developer key LTI Key, JWK Method Public JWK URL (or Public JWK below), placements incl. LinkSelection,",
            "          LTI Advantage services: line items, results, scores, names and roles.",
        ]
        guard let keys else {
            lines.append(
                "  Public key: none kept. Set signing.key_encryption_key so that the tool key survives restarts; until then use the keyset URL."
            )
            return lines.joined(separator: "\n")
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let jwk = String(decoding: try encoder.encode(try keys.current.publicJWK()), as: UTF8.self)
        lines.append("  Public key id (kid): \(keys.current.kid)")
        if !keys.published.isEmpty {
            lines.append("  Also published (previous keys): \(keys.published.map(\.kid).joined(separator: ", "))")
        }
        lines.append("  Public key (PEM):")
        lines.append(keys.current.publicKeyPEM.split(separator: "\n").map { "    " + $0 }.joined(separator: "\n"))
        lines.append("  Public JWK:")
        lines.append("    " + jwk)
        return lines.joined(separator: "\n")
    }
}
