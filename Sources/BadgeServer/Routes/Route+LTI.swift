import HTTPTypes
import Hummingbird
import OpenAPIKit

/// The LTI 1.3 tool endpoints an LMS calls, and the admin API of platform registrations.
extension Route {
    /// OIDC login initiation by redirect.
    static let ltiLogin = lti(
        .get,
        "lti/login",
        id: "lti-login",
        summary: "LTI 1.3 OIDC login initiation: redirects to the platform (302)",
        status: 302
    )

    /// OIDC login initiation by form post.
    static let ltiLoginPost = lti(
        .post,
        "lti/login",
        id: "lti-login-post",
        summary: "LTI 1.3 OIDC login initiation by form post (302)",
        request: .form,
        status: 302
    )

    /// The platform's id_token form post; also the tool's redirect and deep-linking URL.
    static let ltiLaunch = lti(.post, "lti/launch", id: "lti-launch", summary: "LTI 1.3 launch: the platform's id_token form post", request: .form)

    /// A launch finished through platform storage: the launch page's re-post with the state it
    /// read back from the platform's frame, when the state cookie did not arrive.
    static let ltiLaunchStorage = lti(
        .post,
        "lti/launch/storage",
        id: "lti-launch-storage",
        summary: "LTI 1.3 launch without the state cookie: id_token, state and lti_storage_state read back from platform storage (same-origin)",
        request: .form
    )

    /// The instructor's pick of a badge class, answered with a signed deep-linking response.
    static let ltiDeepLinking = lti(
        .post,
        "lti/deep-linking",
        id: "lti-deep-linking",
        summary: "The instructor's pick: a signed deep-linking response posted to the platform",
        request: .form
    )

    /// An instructor's review of a pending award or flagged badge from the launch page.
    static let ltiReview = lti(
        .post,
        "lti/review",
        id: "lti-review",
        summary: "An instructor's approve or deny from the launch page (a single-use review session, the record id and a comment)",
        request: .form
    )

    /// An instructor's new outcome rule for the launched activity, from the launch page.
    static let ltiRules = lti(
        .post,
        "lti/rules",
        id: "lti-rules",
        summary: "An instructor's new grade rule for the launched activity (a single-use session, badge_class_id, condition, threshold, action)",
        request: .form
    )

    /// The tool's public keys.
    static let ltiJWKS = Route(.get, "lti/jwks", audience: .lti, id: "lti-jwks", summary: "The tool's public keys (JWKS)", response: .json(.object))

    /// LTI Dynamic Registration through a one-time link.
    static let ltiRegister = lti(
        .get,
        "lti/register/:secret",
        id: "lti-register",
        summary: "LTI Dynamic Registration: the LMS opens the one-time link; badged registers and closes the window",
        parameters: [
            .query("openid_configuration", nil, .uri, required: true),
            .query("registration_token", nil, .string(max: 4096)),
        ]
    )

    /// Lists platform registrations.
    static let listPlatforms = Route(
        .get,
        "platforms",
        audience: .admin,
        id: "list-platforms",
        summary: "LTI platform registrations (admin: own institution; operator: all)",
        parameters: [.query("institution_id", "Only this institution's registrations", .uuid)],
        response: .json(.fields(["items": .array(items: .component("Platform"))], required: ["items"])),
        problems: [403]
    )

    /// Registers a platform.
    static let createPlatform = Route(
        .post,
        "platforms",
        audience: .admin,
        id: "create-platform",
        summary: "Register an LTI 1.3 platform (Moodle, Canvas or generic)",
        request: .json(.component("PlatformInput")),
        status: 201,
        response: .json(.component("Platform")),
        problems: [403, 409, 413, 422]
    )

    /// Makes a one-time Dynamic Registration link.
    static let createRegistrationLink = Route(
        .post,
        "platforms/registration-links",
        audience: .admin,
        id: "create-registration-link",
        summary: "A one-time LTI Dynamic Registration URL for an institution",
        request: .json(
            .fields([
                "institution_id": .uuid,
                "valid_for_seconds": .integer(maximum: (604_800, exclusive: false), minimum: (60, exclusive: false), defaultValue: 86_400),
            ])
        ),
        status: 201,
        response: .json(.fields(["url": .uri, "expires_at": .dateTime], required: ["url", "expires_at"])),
        problems: [403, 413, 422]
    )

    /// One platform registration.
    static let showPlatform = Route(
        .get,
        "platforms/:id",
        audience: .admin,
        id: "show-platform",
        summary: "One platform registration",
        parameters: [.path("id", .uuid)],
        response: .json(.component("Platform")),
        problems: [403, 404]
    )

    /// Removes a platform registration.
    static let deletePlatform = Route(
        .delete,
        "platforms/:id",
        audience: .admin,
        id: "delete-platform",
        summary: "Remove a registration: its launches are refused from then on",
        parameters: [.path("id", .uuid)],
        status: 204,
        response: .json(.null()),
        problems: [403, 404]
    )

    /// An LTI route answering HTML, with the problems every LTI message may end in.
    private static func lti(
        _ method: HTTPRequest.Method,
        _ pattern: String,
        id: String,
        summary: String,
        parameters: [Parameter] = [],
        request: Content? = nil,
        status: Int = 200
    ) -> Route {
        Route(
            method,
            pattern,
            audience: .lti,
            id: id,
            summary: summary,
            parameters: parameters,
            request: request,
            status: status,
            response: .html,
            problems: [400, 401, 403]
        )
    }
}
