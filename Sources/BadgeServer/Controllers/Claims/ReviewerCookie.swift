import Foundation
import Hummingbird

/// The reviewer session cookie: `__Host-badged-review`, `Secure`, `HttpOnly`, `Path=/`, no
/// `Domain`, and `SameSite=Strict`.
///
/// Strict, unlike the student cookie: a reviewer's session starts with a POST from badged's own
/// link page and its 303 to `/review`, a same-site chain, and it is used only from badged's own
/// pages; a reviewer never needs it on a navigation from another site. Its name differs from the
/// student cookie's, so a reviewer who is also a student keeps both sessions apart.
enum ReviewerCookie {
    /// The cookie's name.
    static let name = "__Host-badged-review"

    /// The `Set-Cookie` value that stores a reviewer session's secret for `maxAge` seconds.
    static func set(_ token: String, maxAge: TimeInterval) -> String {
        "\(name)=\(token); Path=/; Secure; HttpOnly; SameSite=Strict; Max-Age=\(Int(maxAge))"
    }

    /// The `Set-Cookie` value that removes the cookie.
    static var cleared: String {
        "\(name)=; Path=/; Secure; HttpOnly; SameSite=Strict; Max-Age=0"
    }

    /// The reviewer session secret a request carries, if any.
    static func token(in request: Request) -> String? {
        StudentCookie.token(named: name, in: request)
    }
}
