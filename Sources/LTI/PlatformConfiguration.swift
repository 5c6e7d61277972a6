public import Foundation

/// A platform's OpenID configuration as LTI Dynamic Registration 1.0 reads it (§3.4): its
/// endpoints and, in `https://purl.imsglobal.org/spec/lti-platform-configuration`, the LMS family
/// and the message types it supports.
public struct PlatformConfiguration: Hashable, Sendable, Decodable {
    /// The LTI part.
    public struct LTIPart: Hashable, Sendable, Decodable {
        /// One supported message.
        public struct Message: Hashable, Sendable, Decodable {
            /// `LtiResourceLinkRequest`, `LtiDeepLinkingRequest`, …
            public var type: String
        }
        /// `product_family_code` (`moodle`, `canvas`, …).
        public var productFamilyCode: String?
        /// `messages_supported`.
        public var messagesSupported: [Message]?

        enum CodingKeys: String, CodingKey {
            case productFamilyCode = "product_family_code", messagesSupported = "messages_supported"
        }
    }

    /// The claim name of the LTI part.
    public static let ltiKey = "https://purl.imsglobal.org/spec/lti-platform-configuration"

    /// `issuer`: the `iss` of the platform's id_tokens.
    public var issuer: String
    /// `authorization_endpoint`.
    public var authorizationEndpoint: URL
    /// `registration_endpoint`.
    public var registrationEndpoint: URL
    /// `jwks_uri`.
    public var jwksURI: URL
    /// `token_endpoint`.
    public var tokenEndpoint: URL
    /// `token_endpoint_auth_methods_supported`.
    public var tokenEndpointAuthMethodsSupported: [String]?
    /// `id_token_signing_alg_values_supported`.
    public var idTokenSigningAlgValuesSupported: [String]?
    /// `scopes_supported`.
    public var scopesSupported: [String]?
    /// The LTI part.
    public var lti: LTIPart?

    enum CodingKeys: String, CodingKey {
        case issuer, authorizationEndpoint = "authorization_endpoint", registrationEndpoint = "registration_endpoint"
        case jwksURI = "jwks_uri", tokenEndpoint = "token_endpoint"
        case tokenEndpointAuthMethodsSupported = "token_endpoint_auth_methods_supported"
        case idTokenSigningAlgValuesSupported = "id_token_signing_alg_values_supported", scopesSupported = "scopes_supported"
        case lti = "https://purl.imsglobal.org/spec/lti-platform-configuration"
    }

    /// The message types the platform supports (resource links when it does not say).
    public var supportedMessageTypes: Set<String> {
        Set(lti?.messagesSupported?.map(\.type) ?? ["LtiResourceLinkRequest"])
    }

    /// The LMS family, from `product_family_code`.
    public var preset: Platform.Preset {
        switch lti?.productFamilyCode?.lowercased() {
        case "moodle": .moodle
        case "canvas": .canvas
        default: .generic
        }
    }

    /// Checks the configuration fetched from `url` (LTI Dynamic Registration §3.5.1): the issuer
    /// is an https URL on the same host as the configuration URL, every endpoint is https (http
    /// only on loopback), RS256 and `private_key_jwt` are supported, and so are resource links.
    /// - Throws: ``LTIError/Code/invalidRequest`` naming the broken rule.
    public func validate(fetchedFrom url: URL) throws {
        guard let issuerURL = URL(string: issuer), Self.isSafe(issuerURL), issuer.count <= 255 else {
            throw LTIError(.invalidRequest, "The platform's issuer is not an https URL.")
        }
        guard let issuerHost = issuerURL.host()?.lowercased(), let sourceHost = url.host()?.lowercased(),
            issuerHost == sourceHost || Self.isHostedCanvas(issuer: issuerHost, source: sourceHost)
        else {
            throw LTIError(.invalidRequest, "The platform's issuer is not on the host its OpenID configuration came from.")
        }
        for endpoint in [authorizationEndpoint, registrationEndpoint, jwksURI, tokenEndpoint] where !Self.isSafe(endpoint) {
            throw LTIError(.invalidRequest, "The platform's endpoint \(endpoint.absoluteString.prefix(200)) is not an https URL.")
        }
        if let algorithms = idTokenSigningAlgValuesSupported, !algorithms.contains("RS256") {
            throw LTIError(.invalidRequest, "The platform does not sign id_tokens with RS256.")
        }
        if let methods = tokenEndpointAuthMethodsSupported, !methods.contains("private_key_jwt") {
            throw LTIError(.invalidRequest, "The platform's token endpoint does not accept private_key_jwt.")
        }
        guard supportedMessageTypes.contains("LtiResourceLinkRequest") else {
            throw LTIError(.invalidRequest, "The platform does not support LtiResourceLinkRequest messages.")
        }
    }

    /// Hosted Canvas names every instance with one shared issuer (`canvas.instructure.com`, or the
    /// beta and test ones) while the configuration comes from the instance's own host, which is
    /// always a subdomain of `instructure.com`: the one known exception to the same-host rule.
    static func isHostedCanvas(issuer: String, source: String) -> Bool {
        ["canvas.instructure.com", "canvas.beta.instructure.com", "canvas.test.instructure.com"].contains(issuer)
            && source.hasSuffix(".instructure.com")
    }

    /// Whether `url` is https with a host, or http on a loopback host (tests, a local LMS).
    public static func isSafe(_ url: URL) -> Bool {
        guard let host = url.host()?.lowercased(), !host.isEmpty, url.user == nil else { return false }
        return url.scheme == "https" || (url.scheme == "http" && OutboundPolicy.isLoopbackName(host))
    }
}
