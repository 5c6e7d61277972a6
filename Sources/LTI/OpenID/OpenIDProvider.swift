public import Foundation

/// An OpenID Connect provider students sign in with (such as SURFconext or eduID), as
/// configured: badged is a confidential client of it.
public struct OpenIDProvider: Hashable, Sendable {
    /// The name badged knows it by, in URLs (`eduid`).
    public let id: String
    /// What the sign-in button says (`eduID`).
    public let displayName: String
    /// The issuer URL; its discovery document is at `/.well-known/openid-configuration` below it,
    /// and it must name itself with exactly this issuer.
    public let issuer: URL
    /// The client id registered with the provider.
    public let clientID: String
    /// The client secret (sent with HTTP Basic authentication to the token endpoint).
    public let clientSecret: String
    /// The id_token claim that identifies the student (`sub`, `eduperson_principal_name`, `email`, …).
    public let identityClaim: String
    /// The scopes asked for; `openid` is always among them.
    public let scopes: [String]

    /// Creates a provider.
    public init(id: String, displayName: String, issuer: URL, clientID: String, clientSecret: String, identityClaim: String, scopes: [String]) {
        self.id = id
        self.displayName = displayName
        self.issuer = issuer
        self.clientID = clientID
        self.clientSecret = clientSecret
        self.identityClaim = identityClaim
        self.scopes = scopes.contains("openid") ? scopes : ["openid"] + scopes
    }

    /// Where the discovery document is.
    public var discoveryURL: URL {
        var text = issuer.absoluteString
        while text.hasSuffix("/") { text.removeLast() }
        return URL(string: text + "/.well-known/openid-configuration") ?? issuer
    }
}

/// The parts of a provider's discovery document badged uses.
public struct OpenIDProviderMetadata: Codable, Hashable, Sendable {
    /// The issuer the provider names itself by.
    public let issuer: String
    /// Where browsers are sent to sign in.
    public let authorizationEndpoint: URL
    /// Where codes are exchanged for tokens.
    public let tokenEndpoint: URL
    /// The provider's public keys.
    public let jwksURI: URL
    /// The PKCE methods it supports, if it says.
    public let codeChallengeMethods: [String]?

    enum CodingKeys: String, CodingKey {
        case issuer
        case authorizationEndpoint = "authorization_endpoint"
        case tokenEndpoint = "token_endpoint"
        case jwksURI = "jwks_uri"
        case codeChallengeMethods = "code_challenge_methods_supported"
    }
}
