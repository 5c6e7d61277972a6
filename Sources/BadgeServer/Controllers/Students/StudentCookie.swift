import Foundation
import HTTPTypes
import Hummingbird

/// The student session cookie: `__Host-badged-session`, `Secure`, `HttpOnly`, `Path=/`, no
/// `Domain` (the `__Host-` prefix makes browsers insist on all three), and `SameSite=Lax`.
///
/// Lax rather than Strict: a student arrives at the wallet from another site — the hand-off form
/// an LMS frame posts into a new tab, an access link in an e-mail, an OpenID provider's redirect
/// — and each ends in a redirect to `/wallet`. Browsers treat that redirect as part of a
/// cross-site navigation, so a Strict cookie would not be sent with it and the student would land
/// signed out. Lax sends the cookie on such top-level GETs only; every change is a POST, which
/// cross-site forms do not get the cookie for, and which also carries the session's form token.
enum StudentCookie {
    /// The cookie's name.
    static let name = "__Host-badged-session"

    /// The `Set-Cookie` value that stores a session's secret for `maxAge` seconds.
    static func set(_ token: String, maxAge: TimeInterval) -> String {
        "\(name)=\(token); Path=/; Secure; HttpOnly; SameSite=Lax; Max-Age=\(Int(maxAge))"
    }

    /// The `Set-Cookie` value that removes the cookie.
    static var cleared: String {
        "\(name)=; Path=/; Secure; HttpOnly; SameSite=Lax; Max-Age=0"
    }

    /// The session secret a request carries, if any.
    static func token(in request: Request) -> String? {
        token(named: name, in: request)
    }

    /// The value of the cookie `name` in a request, if any.
    static func token(named name: String, in request: Request) -> String? {
        RequestCookies.value(named: name, in: request)
    }
}
