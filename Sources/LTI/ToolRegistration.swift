public import Foundation
public import Primitives

/// What the tool asks a platform for in LTI Dynamic Registration (§3.5.2, an OpenID Connect
/// client registration with the `https://purl.imsglobal.org/spec/lti-tool-configuration` part).
public struct ToolRegistration: Hashable, Sendable {
    /// The name the LMS shows.
    public var clientName: String
    /// The OIDC login initiation URL.
    public var loginURL: URL
    /// The launch (redirect) URL, also the target link URI.
    public var launchURL: URL
    /// The tool's JWKS URL.
    public var jwksURL: URL
    /// The OAuth 2 scopes asked for (AGS, NRPS).
    public var scopes: [String]
    /// Launch claims the tool needs (`email`, `name`, …).
    public var claims: [String]
    /// A short description for the LMS.
    public var description: String

    /// Creates a registration request.
    public init(
        clientName: String,
        loginURL: URL,
        launchURL: URL,
        jwksURL: URL,
        scopes: [String] = [AGSScope.lineItem, AGSScope.resultReadOnly, AGSScope.score, AGSScope.nrpsMembershipReadOnly],
        claims: [String] = ["iss", "sub", "name", "given_name", "family_name", "email"],
        description: String
    ) {
        self.clientName = clientName
        self.loginURL = loginURL
        self.launchURL = launchURL
        self.jwksURL = jwksURL
        self.scopes = scopes
        self.claims = claims
        self.description = description
    }

    /// The client registration document for a platform supporting `messageTypes`.
    public func document(messageTypes: Set<String>) -> [String: JSONValue] {
        var messages: [JSONValue] = [["type": "LtiResourceLinkRequest", "target_link_uri": .string(launchURL.absoluteString)]]
        if messageTypes.contains("LtiDeepLinkingRequest") {
            messages.append([
                "type": "LtiDeepLinkingRequest", "target_link_uri": .string(launchURL.absoluteString), "label": .string(clientName),
                "placements": ["ContentArea", "link_selection", "assignment_selection"],
                "supported_types": ["ltiResourceLink"],
            ])
        }
        return [
            "application_type": "web",
            "response_types": ["id_token"],
            "grant_types": ["implicit", "client_credentials"],
            "initiate_login_uri": .string(loginURL.absoluteString),
            "redirect_uris": [.string(launchURL.absoluteString)],
            "client_name": .string(clientName),
            "jwks_uri": .string(jwksURL.absoluteString),
            "token_endpoint_auth_method": "private_key_jwt",
            "scope": .string(scopes.joined(separator: " ")),
            "https://purl.imsglobal.org/spec/lti-tool-configuration": [
                "domain": .string(launchURL.host() ?? ""),
                "description": .string(description),
                "target_link_uri": .string(launchURL.absoluteString),
                "claims": .array(claims.map(JSONValue.string)),
                "messages": .array(messages),
            ],
        ]
    }
}
