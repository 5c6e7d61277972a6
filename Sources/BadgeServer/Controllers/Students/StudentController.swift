import BadgeCore
import BadgeIssuing
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// How students get in and out: `POST /wallet/enter` spends an LTI launch's hand-off token,
/// `GET|POST /wallet/access/{token}` shows and spends an access link, and
/// `POST /wallet/sign-out` ends the session. Each entrance answers 303 to `/wallet` with the
/// session cookie; the token stays behind (in a form body, or in the path of a page that is
/// left), so the wallet's URL names no one. A hand-off token and an access link are spent only by
/// a post from badged's own page (``SameOriginForms``), so another site cannot sign a visitor in as
/// someone else (with a hand-off token of its own launch, say).
struct StudentController: Sendable {
    let access: StudentAccess
    let pages: PageRenderer
    let sameOrigin: SameOriginForms

    func addRoutes(to router: Router<AppRequestContext>) {
        router.on(Route.walletEnter) { request, context in
            try sameOrigin.require(request)
            let parameters = try await FormParameters.body(request, context: context)
            guard let started = try await access.enter(token: parameters["token"] ?? "", purpose: .launch) else {
                throw BadgeServerError(
                    .badRequest,
                    "this link to your credentials has expired or was already used; open the course activity again",
                    field: "token"
                )
            }
            return signedIn(started)
        }
        router.on(Route.walletAccessLink) { request, context in
            let token = context.parameters.get("token") ?? ""
            var response = try pages.response(
                AccessLinkPage(language: .of(request), action: "/wallet/access/" + token + PageLanguage.choice(of: request))
            )
            response.headers[.cacheControl] = "no-store"
            return response
        }
        router.on(Route.walletAccessLinkEnter) { request, context in
            try sameOrigin.require(request)
            guard let started = try await access.enter(token: context.parameters.get("token") ?? "", purpose: .accessLink) else {
                throw BadgeServerError(
                    .badRequest,
                    "this access link has expired or was already used; ask your registrar for a new one",
                    field: "token"
                )
            }
            return signedIn(started, location: "/wallet" + PageLanguage.choice(of: request))
        }
        router.on(Route.walletSignOut) { request, context in
            let (session, _) = try await StudentSessions(access: access).requireForm(request, context: context)
            try await access.signOut(session)
            return Response(
                status: .seeOther,
                headers: [.location: "/wallet" + PageLanguage.choice(of: request), .setCookie: StudentCookie.cleared, .cacheControl: "no-store"]
            )
        }
    }

    private func signedIn(_ started: StudentAccess.Started, location: String = "/wallet") -> Response {
        Response(
            status: .seeOther,
            headers: [
                .location: location,
                .setCookie: StudentCookie.set(started.cookieToken, maxAge: access.lifetimes.session),
                .cacheControl: "no-store",
            ]
        )
    }
}

/// Finds the session of a request, and checks the form token of a request that changes something.
struct StudentSessions: Sendable {
    let access: StudentAccess

    /// The request's live session.
    /// - Throws: ``BadgeServerError`` `.unauthenticated` when there is none.
    func require(_ request: Request) async throws -> StudentSession {
        guard let token = StudentCookie.token(in: request), let session = try await access.session(cookieToken: token) else {
            throw BadgeServerError(
                .unauthenticated,
                "you are not signed in (or your session ended): sign in at /wallet/sign-in, open your credentials from your course in the LMS, or use an access link"
            )
        }
        return session
    }

    /// The request's live session and its form fields, once the form's token is the session's.
    /// - Throws: `.unauthenticated` without a session; ``BadgeCoreError`` `.forbidden` for a
    ///   missing or wrong `form_token`.
    func requireForm(_ request: Request, context: AppRequestContext) async throws -> (StudentSession, String) {
        let session = try await require(request)
        let body = String(buffer: try await request.body.collect(upTo: context.maxUploadSize))
        guard StudentAccess.formTokenMatches(FormParameters.decode(body)["form_token"], session) else {
            throw BadgeCoreError(.forbidden, "this form is not from your current session; reload your credentials page and try again")
        }
        return (session, body)
    }
}
