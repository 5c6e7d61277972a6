/// The launch the platform form-posts to the tool's redirect URL, with the browser's state cookie.
public struct LaunchForm: Hashable, Sendable {
    /// The longest accepted id_token, in bytes.
    public static let maximumTokenLength = 64 * 1024
    /// The longest accepted state, in bytes.
    public static let maximumStateLength = 256

    /// `id_token` from the form.
    public var idToken: String
    /// `state` from the form.
    public var state: String
    /// The value of the cookie named ``StateCookie/name(forState:)``, if the browser sent it.
    public var stateCookie: String?

    /// Creates a launch form from its parts.
    public init(idToken: String, state: String, stateCookie: String?) {
        self.idToken = idToken
        self.state = state
        self.stateCookie = stateCookie
    }

    /// Reads the form fields and the cookies of the request.
    /// - Parameters:
    ///   - parameters: The form fields (`id_token`, `state`).
    ///   - cookies: The request's cookies by name.
    /// - Throws: ``LTIError/Code/invalidRequest`` if a field is missing or the token is too long.
    public init(parameters: [String: String], cookies: [String: String]) throws {
        guard let idToken = parameters["id_token"], !idToken.isEmpty else {
            if let error = parameters["error"] {
                throw LTIError(.invalidRequest, "The platform refused the login: \(error.prefix(100)).")
            }
            throw LTIError(.invalidRequest, "The launch lacks id_token.")
        }
        guard let state = parameters["state"], !state.isEmpty, state.utf8.count <= Self.maximumStateLength else {
            throw LTIError(.invalidRequest, "The launch lacks a valid state.")
        }
        self.init(idToken: idToken, state: state, stateCookie: cookies[StateCookie.name(forState: state)])
    }
}
