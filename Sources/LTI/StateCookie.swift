/// The cookie that binds a login's `state` to the browser that started it.
///
/// The launch arrives as a cross-site form_post from the platform, so the cookie must be
/// `SameSite=None; Secure` or the browser would not send it back; it is `HttpOnly` and short-lived.
/// Each login gets its own cookie name so that several launches (iframes, tabs) can run at once.
public struct StateCookie: Hashable, Sendable {
    /// The prefix of every state cookie name.
    public static let namePrefix = "lti_state_"

    /// The cookie name, ``namePrefix`` followed by the state.
    public var name: String
    /// The cookie value (the state).
    public var value: String
    /// The lifetime in seconds.
    public var maxAge: Int
    /// The cookie path.
    public var path: String

    /// Creates the cookie for `state`.
    public init(state: String, maxAge: Int, path: String = "/") {
        self.name = Self.name(forState: state)
        self.value = state
        self.maxAge = maxAge
        self.path = path
    }

    /// The cookie name under which the browser returns the value for `state`; the launch route
    /// reads the cookie of this name and passes its value to the validator.
    public static func name(forState state: String) -> String { namePrefix + state }

    /// The `Set-Cookie` header value.
    public var headerValue: String {
        "\(name)=\(value); Path=\(path); Max-Age=\(maxAge); SameSite=None; Secure; HttpOnly"
    }

    /// A `Set-Cookie` header value that deletes the cookie (send it after the launch).
    public var expiredHeaderValue: String {
        "\(name)=; Path=\(path); Max-Age=0; SameSite=None; Secure; HttpOnly"
    }
}
