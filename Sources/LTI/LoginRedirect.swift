public import Foundation

/// What the login route answers: a 302 to the platform's authorization endpoint, setting the
/// state cookie.
public struct LoginRedirect: Hashable, Sendable {
    /// The `Location` of the redirect.
    public var authorizationURL: URL
    /// The cookie to set (`Set-Cookie: \(stateCookie.headerValue)`).
    public var stateCookie: StateCookie
    /// The saved state.
    public var launchState: LaunchState
    /// `lti_storage_target` from the login, for platforms that offer postMessage storage.
    public var storageTarget: String?
}
