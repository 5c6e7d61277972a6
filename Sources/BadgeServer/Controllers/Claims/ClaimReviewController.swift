import BadgeCore
import BadgeIssuing
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// The claim review pages of mentors who are in no LMS: `GET|POST /review/access/{token}` shows
/// and spends a reviewer link (303 to `/review` with the reviewer cookie), `GET /review` lists
/// the claims waiting in the session's scope, `POST /review/claims/{id}` approves or denies one
/// (with the session's form token) and shows the page again with what it did, and
/// `POST /review/sign-out` ends the session. A claim outside the scope answers 404. A link is
/// spent only by a post from badged's own page (``SameOriginForms``).
struct ClaimReviewController: Sendable {
    let reviewers: ClaimReviewers
    let catalog: any CatalogStore
    let pages: PageRenderer
    let sameOrigin: SameOriginForms

    func addRoutes(to router: Router<AppRequestContext>) {
        router.on(Route.reviewLinkPage) { request, context in
            let token = context.parameters.get("token") ?? ""
            let page = ClaimReviewPage(language: Self.language(request), linkAction: "/review/access/" + token)
            return try pages.response(page, headers: [.cacheControl: "no-store"])
        }
        router.on(Route.reviewLinkEnter) { request, context in
            try sameOrigin.require(request)
            guard let started = try await reviewers.enter(token: context.parameters.get("token") ?? "") else {
                throw BadgeServerError(
                    .badRequest,
                    "this reviewer link has expired or was already used; ask the organiser for a new one",
                    field: "token"
                )
            }
            return Response(
                status: .seeOther,
                headers: [
                    .location: "/review?lang=" + Self.language(request).rawValue,
                    .setCookie: ReviewerCookie.set(started.cookieToken, maxAge: reviewers.lifetimes.session),
                    .cacheControl: "no-store",
                ]
            )
        }
        router.on(Route.reviewQueue) { request, _ in
            try await queue(try await require(request), request: request, message: nil)
        }
        router.on(Route.reviewDecide) { request, context in
            let (reviewer, form) = try await requireForm(request, context: context)
            guard let id = UUID(uuidString: context.parameters.get("id") ?? "") else {
                throw BadgeCoreError(.notFound, "no claim with that id waits for your review")
            }
            let comment = form["comment"].flatMap { $0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? nil : $0 }
            let strings = Self.language(request).claimReviewStrings
            let message: String
            switch form["decision"] {
            case "approve":
                _ = try await reviewers.approve(claimID: id, comment: comment, by: reviewer)
                message = strings.approved
            case "deny":
                _ = try await reviewers.deny(claimID: id, comment: comment, by: reviewer)
                message = strings.denied
            default: throw BadgeCoreError.invalid("decision", "decide approve or deny")
            }
            return try await queue(reviewer, request: request, message: message)
        }
        router.on(Route.reviewSignOut) { request, context in
            let (reviewer, _) = try await requireForm(request, context: context)
            try await reviewers.signOut(reviewer)
            return Response(
                status: .seeOther,
                headers: [
                    .location: "/review?lang=" + Self.language(request).rawValue, .setCookie: ReviewerCookie.cleared, .cacheControl: "no-store",
                ]
            )
        }
    }

    /// The review page of a reviewer.
    private func queue(_ reviewer: ClaimReviewers.Reviewer, request: Request, message: String?) async throws -> Response {
        let language = Self.language(request)
        let claims = try await reviewers.pending(for: reviewer)
        var names: [UUID: String] = [:]
        for id in Set(claims.map(\.badgeClassID)) {
            names[id] = try await catalog.find(BadgeClass.self, id: id)?.content.name.preferred(language.rawValue)
        }
        let scope: String
        if let badgeClassID = reviewer.scope.badgeClassID {
            scope = try await catalog.find(BadgeClass.self, id: badgeClassID)?.content.name.preferred(language.rawValue) ?? ""
        } else {
            scope = try await catalog.find(Institution.self, id: reviewer.scope.institutionID)?.content.name.preferred(language.rawValue) ?? ""
        }
        let page = ClaimReviewPage(
            language: language,
            scope: scope,
            isClass: reviewer.scope.badgeClassID != nil,
            items: claims.map { claim in
                ClaimReviewPage.Item(
                    claim,
                    badgeName: names[claim.badgeClassID] ?? "",
                    claimant: ClaimReviewers.pseudonym(of: claim, for: reviewer),
                    language: language
                )
            },
            message: message,
            formToken: reviewer.session.formToken
        )
        return try pages.response(page, headers: [.cacheControl: "no-store"])
    }

    /// The request's live reviewer session.
    /// - Throws: ``BadgeServerError`` `.unauthenticated` when there is none.
    private func require(_ request: Request) async throws -> ClaimReviewers.Reviewer {
        guard let token = ReviewerCookie.token(in: request), let reviewer = try await reviewers.reviewer(cookieToken: token) else {
            throw BadgeServerError(
                .unauthenticated,
                "you have no review open (or it ended): open the reviewer link you were sent, or ask for a new one"
            )
        }
        return reviewer
    }

    /// The request's reviewer session and its form fields, once the form's token is the session's.
    /// - Throws: `.unauthenticated` without a session; ``BadgeCoreError`` `.forbidden` for a
    ///   missing or wrong `form_token`.
    private func requireForm(_ request: Request, context: AppRequestContext) async throws -> (ClaimReviewers.Reviewer, [String: String]) {
        let reviewer = try await require(request)
        let form = FormParameters.decode(String(buffer: try await request.body.collect(upTo: context.maxUploadSize)))
        guard StudentAccess.formTokenMatches(form["form_token"], reviewer.session) else {
            throw BadgeCoreError(.forbidden, "this form is not from your current review session; reload the review page and try again")
        }
        return (reviewer, form)
    }

    private static func language(_ request: Request) -> PageLanguage {
        PageLanguage.of(query: request.uri.queryParameters.get("lang"), acceptLanguage: request.headers[.acceptLanguage])
    }
}
