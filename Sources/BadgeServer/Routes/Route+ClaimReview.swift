import HTTPTypes
import OpenAPIKit

/// The review of claims by mentors who are in no LMS: a registrar issues a reviewer access link
/// for one institution (optionally one badge class); the link starts a reviewer session in which
/// the review page lists the waiting claims with approve and deny forms. Every form posts the
/// session's `form_token`; nothing in a URL names the reviewer or a claimant.
extension Route {
    /// Issues a time-limited, single-use reviewer access link.
    static let createReviewLink = Route(
        .post,
        "claims/review-links",
        audience: .admin,
        id: "create-review-link",
        summary: "Issue a single-use link that opens the claim review page for one institution (institution_id) or one badge class "
            + "(badge_class_id); it works up to 7 days",
        request: .json(
            .fields([
                "institution_id": .uuid, "badge_class_id": .uuid,
                "expires_in": .integer(description: "seconds the link works (1 to 604800; default students.access_link.lifetime)"),
            ])
        ),
        status: 201,
        response: .json(.fields(["url": .uri, "expires_at": .dateTime, "institution_id": .uuid], required: ["url", "expires_at"])),
        problems: [403, 404, 422]
    )

    /// A reviewer link: a page whose button spends the link (mail scanners fetch, but do not post).
    static let reviewLinkPage = reviewPage(.get, "review/access/:token", id: "review-link-page", summary: "A reviewer link's page")

    /// Spends a reviewer link for a reviewer session.
    static let reviewLinkEnter = reviewPage(
        .post,
        "review/access/:token",
        id: "review-link-enter",
        summary: "Spend a reviewer link for a reviewer session; answers 303 to /review; 403 unless posted from badged's own page",
        status: 303,
        problems: [400, 403]
    )

    /// The review page: the claims waiting in the session's scope.
    static let reviewQueue = reviewPage(.get, "review", id: "review-queue", summary: "The claims waiting for the reviewer's decision")

    /// Approves or denies one claim from the review page.
    static let reviewDecide = reviewPage(
        .post,
        "review/claims/:id",
        id: "review-decide",
        summary: "Approve (issues the badge) or deny a waiting claim (form: form_token, decision approve | deny, comment)",
        request: .form,
        problems: [401, 403, 404, 409, 422]
    )

    /// Ends the reviewer session.
    static let reviewSignOut = reviewPage(
        .post,
        "review/sign-out",
        id: "review-sign-out",
        summary: "End the reviewer session (form: form_token)",
        request: .form,
        status: 303
    )

    private static func reviewPage(
        _ method: HTTPRequest.Method,
        _ pattern: String,
        id: String,
        summary: String,
        request: Content? = nil,
        status: Int = 200,
        problems: [Int] = [401, 404]
    ) -> Route {
        Route(
            method,
            pattern,
            audience: .student,
            id: id,
            summary: summary,
            parameters: [.query("lang", "the page's language", .oneOf(["en", "nl"]))],
            request: request,
            status: status,
            response: .html,
            problems: problems
        )
    }
}
