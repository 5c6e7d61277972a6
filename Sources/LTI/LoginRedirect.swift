public import Foundation

/// What the login route answers: a 302 to the platform's authorization endpoint, setting the
/// state cookie; or, when the platform offers postMessage storage (``storage``), a page that
/// sets the cookie, stores the state in the platform's frame and then goes on to the endpoint.
public struct LoginRedirect: Hashable, Sendable {
    /// The `Location` of the redirect.
    public var authorizationURL: URL
    /// The cookie to set (`Set-Cookie: \(stateCookie.headerValue)`).
    public var stateCookie: StateCookie
    /// The saved state.
    public var launchState: LaunchState
    /// `lti_storage_target` from the login, for platforms that offer postMessage storage.
    public var storageTarget: String?
    /// The platform's storage frame and origin when the login named a usable
    /// `lti_storage_target`: the login page then also stores the state there.
    public var storage: PlatformStorageTarget?
}
