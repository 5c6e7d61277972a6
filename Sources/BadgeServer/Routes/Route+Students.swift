import HTTPTypes
import OpenAPIKit

/// Students' access to their own credentials: the entrances that start a session (an LTI
/// launch's hand-off, an access link), the wallet and its forms, and shared selections. Every
/// form posts the session's `form_token`; nothing in a URL names the student.
extension Route {
    /// Issues a time-limited, single-use access link for one recipient.
    static let createAccessLink = Route(
        .post,
        "recipients/:recipient/access-links",
        audience: .admin,
        id: "create-access-link",
        summary: "Issue a single-use link (type:identity recipient) that signs the student in to their wallet; it works up to 7 days",
        request: .json(.fields(["expires_in": .integer(description: "seconds the link works (1 to 604800; default students.access_link.lifetime)")])),
        status: 201,
        response: .json(.fields(["url": .uri, "expires_at": .dateTime], required: ["url", "expires_at"])),
        problems: [403, 422]
    )

    /// The hand-off of an LTI student launch: its one-time token, posted from the launch page.
    static let walletEnter = student(
        .post,
        "wallet/enter",
        id: "wallet-enter",
        summary: "Spend a launch's one-time hand-off token (form field token) for a session; answers 303 to /wallet",
        request: .form,
        status: 303
    )

    /// An access link: a page whose button spends the link (link checkers fetch, but do not post).
    static let walletAccessLink = student(.get, "wallet/access/:token", id: "wallet-access-link", summary: "An access link's page")

    /// Spends an access link for a session.
    static let walletAccessLinkEnter = student(
        .post,
        "wallet/access/:token",
        id: "wallet-access-link-enter",
        summary: "Spend an access link for a session; answers 303 to /wallet; 403 unless posted from badged's own page",
        status: 303,
        problems: [400, 403]
    )

    /// The signed-in student's wallet.
    static let wallet = student(.get, "wallet", id: "wallet", summary: "The signed-in student's credentials, progress and shared links")

    /// Makes one of the student's credentials private or public.
    static let walletVisibility = student(
        .post,
        "wallet/visibility",
        id: "wallet-visibility",
        summary: "Make a credential private (its public pages answer 404) or public (form: form_token, assertion_id, visibility)",
        request: .form,
        status: 303
    )

    /// Every credential as one ZIP of baked PNGs (and EDCI XML where EDCI is configured).
    static let walletDownload = Route(
        .get,
        "wallet/download",
        audience: .student,
        id: "wallet-download",
        summary: "Every credential as one ZIP: baked PNG images, and EDCI XML when edci.schema_dir is configured",
        response: Content(mediaType: "application/zip", schema: .string(contentEncoding: .binary)),
        problems: [401]
    )

    /// Shares a selection by a new link.
    static let walletCreateShare = student(
        .post,
        "wallet/shares",
        id: "wallet-create-share",
        summary: "Share the selected credentials (form: form_token, assertion_id repeated) by a new link",
        request: .form
    )

    /// Revokes a shared link.
    static let walletRevokeShare = student(
        .post,
        "wallet/shares/:id/revoke",
        id: "wallet-revoke-share",
        summary: "Revoke a shared link (form: form_token)",
        request: .form,
        status: 303
    )

    /// Adds a badge from elsewhere to the student's record, once badged's verifier accepts it.
    static let walletAddExternal = student(
        .post,
        "wallet/external",
        id: "wallet-add-external",
        summary: "Add an Open Badges 2.0 badge from elsewhere (multipart form: form_token and one of url, jws or image, a baked PNG or SVG); "
            + "a refused one answers 422 with the wallet page saying why",
        request: .multipartForm,
        status: 303
    )

    /// Removes a badge from elsewhere from the student's record.
    static let walletRemoveExternal = student(
        .post,
        "wallet/external/:id/remove",
        id: "wallet-remove-external",
        summary: "Remove a badge from elsewhere from your record (form: form_token)",
        request: .form,
        status: 303
    )

    /// Signs the student out.
    static let walletSignOut = student(
        .post,
        "wallet/sign-out",
        id: "wallet-sign-out",
        summary: "End the session (form: form_token)",
        request: .form,
        status: 303
    )

    /// The sign-in page: a button per configured OpenID Connect provider.
    static let walletSignIn = student(.get, "wallet/sign-in", id: "wallet-sign-in", summary: "Sign in with a configured OpenID Connect provider")

    /// Starts an OpenID Connect sign-in: 302 to the provider, with the browser-binding cookie.
    static let walletOIDCStart = student(
        .get,
        "wallet/oidc/:provider",
        id: "wallet-oidc-start",
        summary: "Start signing in with a provider (authorization code, PKCE S256, state and nonce); answers 302 to it",
        status: 302
    )

    /// The provider's return: the code becomes a session.
    static let walletOIDCCallback = student(
        .get,
        "wallet/oidc/:provider/callback",
        id: "wallet-oidc-callback",
        summary: "The provider's return (code and state): a verified id_token starts a session; answers 303 to /wallet",
        status: 303
    )

    /// A shared selection, for anyone with its link.
    static let sharedSelection = student(.get, "shared/:token", id: "shared-selection", summary: "The credentials a student shared by this link")

    private static func student(
        _ method: HTTPRequest.Method,
        _ pattern: String,
        id: String,
        summary: String,
        request: Content? = nil,
        status: Int = 200,
        problems: [Int] = [401, 404]
    ) -> Route {
        Route(method, pattern, audience: .student, id: id, summary: summary, request: request, status: status, response: .html, problems: problems)
    }
}
