/// The launch the platform form-posts to the tool's redirect URL, with the browser's state cookie.
public struct LaunchForm: Hashable, Sendable {
    /// The longest accepted id_token, in bytes.
    public static let maximumTokenLength = 64 * 1024
    /// The longest accepted state, in bytes.
    public static let maximumStateLength = 512

    /// `id_token` from the form.
    public var idToken: String
    /// `state` from the form.
    public var state: String
    /// The value of the cookie named ``StateCookie/name(forState:)``, if the browser sent it; on
    /// a launch finished through platform storage, the state the platform's frame gave back.
    public var stateCookie: String?
    /// `lti_storage_target` (Canvas sends it on the launch too): where the launch page can read
    /// the state back when the cookie did not arrive.
    public var storageFrame: String?

    /// The form field in which a launch page posts the state it read back from platform storage.
    public static let storedStateField = "lti_storage_state"

    /// Creates a launch form from its parts.
    public init(idToken: String, state: String, stateCookie: String?, storageFrame: String? = nil) {
        self.idToken = idToken
        self.state = state
        self.stateCookie = stateCookie
        self.storageFrame = storageFrame
    }

    /// Reads the form a launch page re-posts after reading the state back from platform
    /// storage: `id_token`, `state` and ``storedStateField`` (which stands in for the cookie, so
    /// that every check of a cookie launch runs unchanged).
    /// - Parameter parameters: The form fields.
    /// - Throws: ``LTIError/Code/invalidRequest`` if a field is missing or too long.
    public init(storagePost parameters: [String: String]) throws {
        try self.init(parameters: parameters, cookies: [:])
        guard let stored = parameters[Self.storedStateField], !stored.isEmpty, stored.utf8.count <= Self.maximumStateLength else {
            throw LTIError(.invalidRequest, "The launch lacks the state read back from the platform's storage.")
        }
        stateCookie = stored
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
        let frame = parameters["lti_storage_target"].flatMap { $0.isEmpty ? nil : $0 }
        self.init(idToken: idToken, state: state, stateCookie: cookies[StateCookie.name(forState: state)], storageFrame: frame)
    }
}
