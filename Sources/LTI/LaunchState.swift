public import Foundation

/// What the tool remembers between the OIDC login and the launch it starts.
public struct LaunchState: Hashable, Sendable, Codable {
    /// The opaque `state` sent to the platform and set in the browser's cookie.
    public var state: String
    /// The `nonce` the platform must echo in the id_token.
    public var nonce: String
    /// The issuer the login named.
    public var issuer: String
    /// The client id of the registration the login resolved to.
    public var clientID: String
    /// The `target_link_uri` the login asked for.
    public var targetLinkURI: String
    /// When the state stops being accepted.
    public var expiresAt: Date

    /// Creates a launch state.
    public init(state: String, nonce: String, issuer: String, clientID: String, targetLinkURI: String, expiresAt: Date) {
        self.state = state
        self.nonce = nonce
        self.issuer = issuer
        self.clientID = clientID
        self.targetLinkURI = targetLinkURI
        self.expiresAt = expiresAt
    }
}
