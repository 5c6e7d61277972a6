import Foundation
import HTTPTypes
import Hummingbird
import LTI
import NIOCore
import OpenBadges

/// Launches without a state cookie, through the platform's postMessage storage (LTI Platform
/// Storage, which Canvas offers with `lti_storage_target`).
///
/// The login page keeps the state in the platform's frame; a launch that arrives without its
/// cookie answers a page that reads the state back and re-posts the launch here. The value read
/// back stands in for the cookie, so every check of a cookie launch runs unchanged: the state
/// must be one badged issued, unexpired, and its nonce is spent once (a second launch with the
/// same state fails). The re-post must come from badged's own page (same-origin), so that no
/// other site can post a captured launch with a value of its choosing into a victim's browser.
extension LTIController {
    /// `POST /lti/launch/storage`: `id_token`, `state` and `lti_storage_state`.
    @Sendable func launchFromStorage(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard Self.isSameOrigin(request, as: urls.baseURL) else {
            throw LTIError(.stateMismatch, "A launch through platform storage is only accepted from badged's own launch page.")
        }
        let parameters = try await FormParameters.body(request, context: context)
        let form = try LaunchForm(storagePost: parameters)
        // Only the platform's storage origin is wanted here (the landing page may be framed by
        // it), so any valid frame name does; an unknown state is refused before any other check.
        let lookup = LaunchForm(idToken: form.idToken, state: form.state, stateCookie: nil, storageFrame: "_parent")
        let storage = try await validator.storageTarget(for: lookup)
        return try await land(try await validator.validate(form), state: form.state, storage: storage?.target, context: context)
    }

    /// A page of the platform-storage flow: no caching, framed by the login's platform, with the
    /// state cookie when it is the login's page.
    func storagePage(_ page: PlatformStoragePage, issuer: String, storage: PlatformStorageTarget, cookie: StateCookie?) throws -> Response {
        var headers: HTTPFields = [
            .contentType: "text/html; charset=utf-8",
            .cacheControl: "no-store",
            ContentSecurityPolicy.header: pages.policy.framed(byIssuer: issuer, storage: storage).value,
        ]
        if let cookie { headers[.setCookie] = cookie.headerValue }
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: try pages.render(page))))
    }

    /// Whether the browser says the request comes from a page of badged itself, by the rule every
    /// link form follows (``SameOriginForms``).
    static func isSameOrigin(_ request: Request, as baseURL: String) -> Bool {
        SameOriginForms(publicBaseURL: baseURL).allows(request)
    }
}
