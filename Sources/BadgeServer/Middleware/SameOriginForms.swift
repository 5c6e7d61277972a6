import Foundation
import HTTPTypes
import Hummingbird

/// Refuses a form POST that spends a link (a student access link, a reviewer link, a mailed
/// claim confirmation) unless it comes from one of badged's own pages. Without this another
/// site could make a visitor's browser post an attacker's link and sign the visitor in as the
/// attacker (login CSRF), so that what they then do lands in the attacker's session.
///
/// Browsers name where a POST comes from, in headers no page can set. `Sec-Fetch-Site` decides
/// when it is sent (every current browser does): it must be `same-origin`. badged's pages send
/// `Referrer-Policy: no-referrer`, under which browsers write `Origin: null` even on a post to
/// their own origin, so `Origin` decides only without `Sec-Fetch-Site`, and must then be the
/// origin of `public.base_url` (as in the LTI launch page's check). A request with neither header
/// is refused too: it comes from no browser's page. Behind a proxy the public base URL is the
/// origin browsers see, so the check holds there as well.
struct SameOriginForms: Sendable {
    /// The origin of `public.base_url`: lower-case scheme and host, and the port unless it is
    /// the scheme's default (as browsers write `Origin`).
    let origin: String

    /// The check for a daemon whose public base URL is `publicBaseURL`.
    init(publicBaseURL: String) {
        origin = Self.origin(of: publicBaseURL)
    }

    /// The origin of an absolute http(s) URL, or the URL itself lower-cased when it cannot be read.
    static func origin(of url: String) -> String {
        guard let components = URLComponents(string: url), let scheme = components.scheme?.lowercased(), let host = components.host?.lowercased()
        else { return url.lowercased() }
        let bracketed = host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
        let defaultPort = scheme == "https" ? 443 : 80
        let port = components.port.flatMap { $0 == defaultPort ? nil : ":\($0)" } ?? ""
        return scheme + "://" + bracketed + port
    }

    /// Whether the request comes from one of badged's own pages.
    func allows(_ request: Request) -> Bool {
        if let site = request.headers[Self.secFetchSite] {
            return site.trimmingCharacters(in: .whitespaces).lowercased() == "same-origin"
        }
        guard let origin = request.headers[.origin] else { return false }
        return origin.trimmingCharacters(in: .whitespaces).lowercased() == self.origin
    }

    /// The `Sec-Fetch-Site` header.
    static let secFetchSite = HTTPField.Name("Sec-Fetch-Site")!  // a valid header name

    /// Throws unless the request comes from one of badged's own pages.
    /// - Throws: ``BadgeServerError`` `.crossSiteForm` (403).
    func require(_ request: Request) throws {
        guard allows(request) else {
            throw BadgeServerError(
                .crossSiteForm,
                "this form was sent from another site, so the link was not used; open the link itself in your browser and press its button"
            )
        }
    }
}
