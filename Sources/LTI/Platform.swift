public import Foundation

/// One LMS registration of this tool: what an administrator copies from the platform.
///
/// A registration is identified by (``issuer``, ``clientID``). Moodle uses its site URL as the
/// issuer; every hosted Canvas shares `https://canvas.instructure.com` and tells instances apart
/// by the client id (the developer key id).
public struct Platform: Hashable, Sendable, Codable {
    /// Which LMS family the registration belongs to; selects quirk handling and defaults.
    public enum Preset: String, Hashable, Sendable, Codable {
        /// Moodle (`mod/lti`): `iss` is the site URL, `deployment_id` is the tool type id.
        case moodle
        /// Instructure Canvas: shared issuer, deployment ids like `17:8865aa05…`.
        case canvas
        /// Any other LTI 1.3 platform.
        case generic
    }

    /// The `iss` claim the platform puts in its id_tokens.
    public var issuer: String
    /// The client id the platform assigned to this tool.
    public var clientID: String
    /// The deployment ids this tool accepts for the registration.
    public var deploymentIDs: Set<String>
    /// The platform's OIDC authorization endpoint (where the login redirects to).
    public var authURL: URL
    /// The platform's OAuth 2 token endpoint (for AGS and NRPS access tokens).
    public var tokenURL: URL
    /// The platform's public key set.
    public var jwksURL: URL
    /// The LMS family.
    public var preset: Preset

    /// Creates a registration from explicit values.
    public init(
        issuer: String,
        clientID: String,
        deploymentIDs: Set<String>,
        authURL: URL,
        tokenURL: URL,
        jwksURL: URL,
        preset: Preset = .generic
    ) {
        self.issuer = issuer
        self.clientID = clientID
        self.deploymentIDs = deploymentIDs
        self.authURL = authURL
        self.tokenURL = tokenURL
        self.jwksURL = jwksURL
        self.preset = preset
    }

    /// A Moodle registration: the issuer is the site URL and the endpoints live under `mod/lti`.
    /// - Parameters:
    ///   - siteURL: The Moodle site URL, such as `https://moodle.example.edu` (no trailing slash).
    ///   - clientID: The client id Moodle shows in the tool configuration.
    ///   - deploymentIDs: The tool type ids (Moodle's deployment ids), such as `["3"]`.
    public static func moodle(siteURL: URL, clientID: String, deploymentIDs: Set<String>) -> Platform {
        let site = siteURL.absoluteString.hasSuffix("/") ? String(siteURL.absoluteString.dropLast()) : siteURL.absoluteString
        return Platform(
            issuer: site,
            clientID: clientID,
            deploymentIDs: deploymentIDs,
            authURL: siteURL.appending(path: "mod/lti/auth.php"),
            tokenURL: siteURL.appending(path: "mod/lti/token.php"),
            jwksURL: siteURL.appending(path: "mod/lti/certs.php"),
            preset: .moodle
        )
    }

    /// A hosted Canvas registration: the shared issuer and the `sso.canvaslms.com` endpoints.
    /// - Parameters:
    ///   - clientID: The developer key id.
    ///   - deploymentIDs: Deployment ids, such as `17:8865aa05…`.
    public static func canvas(clientID: String, deploymentIDs: Set<String>) -> Platform {
        Platform(
            issuer: "https://canvas.instructure.com",
            clientID: clientID,
            deploymentIDs: deploymentIDs,
            authURL: URL(string: "https://sso.canvaslms.com/api/lti/authorize_redirect")!,  // literal, valid
            tokenURL: URL(string: "https://sso.canvaslms.com/login/oauth2/token")!,  // literal, valid
            jwksURL: URL(string: "https://sso.canvaslms.com/api/lti/security/jwks")!,  // literal, valid
            preset: .canvas
        )
    }
}
