/// The parameters of a third-party-initiated OIDC login (LTI 1.3 §5.1.1), from the GET query
/// or the POST form.
public struct LoginInitiationRequest: Hashable, Sendable {
    /// The longest accepted parameter value, in bytes (Canvas message hints are JWTs).
    public static let maximumParameterLength = 4096

    /// `iss`
    public var issuer: String
    /// `login_hint`
    public var loginHint: String
    /// `target_link_uri`
    public var targetLinkURI: String
    /// `lti_message_hint`
    public var messageHint: String?
    /// `client_id` (Moodle and Canvas send it; older platforms may not).
    public var clientID: String?
    /// `lti_deployment_id`
    public var deploymentID: String?
    /// `lti_storage_target` (Canvas: the frame for the platform storage postMessage API).
    public var storageTarget: String?

    /// Reads the login parameters.
    /// - Parameter parameters: The query items or form fields, by name.
    /// - Throws: ``LTIError/Code/invalidRequest`` when `iss`, `login_hint` or `target_link_uri`
    ///   is missing, or a value is longer than ``maximumParameterLength``.
    public init(parameters: [String: String]) throws {
        for (name, value) in parameters where value.utf8.count > Self.maximumParameterLength {
            throw LTIError(.invalidRequest, "The login parameter \(name.prefix(40)) is too long.")
        }
        func required(_ name: String) throws -> String {
            guard let value = parameters[name], !value.isEmpty else {
                throw LTIError(.invalidRequest, "The login request lacks \(name).")
            }
            return value
        }
        func optional(_ name: String) -> String? {
            parameters[name].flatMap { $0.isEmpty ? nil : $0 }
        }
        issuer = try required("iss")
        loginHint = try required("login_hint")
        targetLinkURI = try required("target_link_uri")
        messageHint = optional("lti_message_hint")
        clientID = optional("client_id")
        deploymentID = optional("lti_deployment_id")
        storageTarget = optional("lti_storage_target")
    }
}
