import BadgeCore
import BadgeIssuing
import Foundation
import HTTPTypes
import Hummingbird
import LTI

/// Students signing in with OpenID Connect: `GET /wallet/sign-in` lists the providers,
/// `GET /wallet/oidc/{provider}` starts the authorization code flow (302 to the provider, with the
/// `__Host-badged-oidc` cookie binding it to this browser), and the provider's return to
/// `/wallet/oidc/{provider}/callback` starts a session (303 to `/wallet`). A refused return
/// answers 4xx with the reason, and starts nothing.
struct SignInController: Sendable {
    let signIn: StudentSignIn
    let access: StudentAccess
    let pages: PageRenderer

    /// The browser-binding cookie's name. SameSite=Lax: the provider's return is a cross-site
    /// top-level GET, which a Strict cookie would not accompany.
    static let cookie = "__Host-badged-oidc"

    func addRoutes(to router: Router<AppRequestContext>) {
        router.on(Route.walletSignIn) { request, _ in
            let providers = signIn.providers.values.sorted { $0.openID.id < $1.openID.id }.map { provider in
                SignInPage.Provider(url: "/wallet/oidc/" + provider.openID.id, name: provider.openID.displayName)
            }
            return try pages.response(SignInPage(language: .of(request), providers: providers))
        }
        router.on(Route.walletOIDCStart) { _, context in
            let started = try await signIn.start(provider: context.parameters.get("provider") ?? "")
            return Response(
                status: .found,
                headers: [
                    .location: started.authorizationURL.absoluteString,
                    .setCookie:
                        "\(Self.cookie)=\(started.browserToken); Path=/; Secure; HttpOnly; SameSite=Lax; Max-Age=\(Int(StudentSignIn.lifetime))",
                    .cacheControl: "no-store",
                ]
            )
        }
        router.on(Route.walletOIDCCallback, use: callback)
    }

    @Sendable func callback(_ request: Request, context: AppRequestContext) async throws -> Response {
        let query = request.uri.queryParameters
        if let error = query.get("error") {
            throw BadgeServerError(.badRequest, "The sign-in provider did not sign you in (\(error.prefix(64))); start again.", field: "error")
        }
        let started: StudentAccess.Started
        do {
            started = try await signIn.finish(
                provider: context.parameters.get("provider") ?? "",
                code: query.get("code") ?? "",
                state: query.get("state") ?? "",
                browserToken: Self.browserToken(in: request)
            )
        } catch let error as LTIError where ![.keySetUnavailable, .tokenRequestFailed, .invalidResponse, .serviceRequestFailed].contains(error.code) {
            // The provider's answer, or this browser's, is not to be trusted: a 400 saying why.
            throw BadgeServerError(.badRequest, "Sign-in refused: \(error.message)", field: error.code.description)
        }
        var headers: HTTPFields = [
            .location: "/wallet",
            .setCookie: StudentCookie.set(started.cookieToken, maxAge: access.lifetimes.session),
            .cacheControl: "no-store",
        ]
        headers.append(HTTPField(name: .setCookie, value: "\(Self.cookie)=; Path=/; Secure; HttpOnly; SameSite=Lax; Max-Age=0"))
        return Response(status: .seeOther, headers: headers)
    }

    static func browserToken(in request: Request) -> String? {
        RequestCookies.value(named: cookie, in: request)
    }
}
