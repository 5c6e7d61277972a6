import HTTPTypes
import OpenAPIKit

/// Claim codes: organisers make and disable codes for a badge class and review claims that
/// carry evidence; people claim on a page, signed in as a student.
extension Route {
    /// Makes a claim code for a badge class; the answer holds the code, shown this once.
    static let createClaimCode = Route(
        .post,
        "badge-classes/:id/claim-codes",
        audience: .admin,
        id: "create-claim-code",
        summary: "Make a claim code (optional label, max_uses, expires_at, requires_evidence); the code is shown only in this answer",
        request: .json(
            .fields([
                "label": .string, "max_uses": .integer(description: "the most claims (1 to 1000000); leave out for no limit"),
                "expires_at": .dateTime, "requires_evidence": .boolean,
            ])
        ),
        status: 201,
        response: .json(.fields(["id": .uuid, "code": .string, "claim_url": .uri, "qr_code_url": .uri], required: ["id", "code", "claim_url"])),
        problems: [403, 404, 409, 422]
    )

    /// The claim codes of a badge class.
    static let listClaimCodes = Route(
        .get,
        "badge-classes/:id/claim-codes",
        audience: .admin,
        id: "list-claim-codes",
        summary: "The claim codes of a badge class, newest first, with their uses (never the codes themselves)",
        response: .json(.fields(["items": .array(items: .object)], required: ["items"])),
        problems: [403, 404]
    )

    /// Disables a claim code.
    static let disableClaimCode = Route(
        .post,
        "claim-codes/:id/disable",
        audience: .admin,
        id: "disable-claim-code",
        summary: "Disable a claim code; claims already made stay",
        response: .json(.object),
        problems: [403, 404]
    )

    /// The review queue: claims with evidence waiting for a mentor or organiser.
    static let listClaims = Route(
        .get,
        "claims",
        audience: .admin,
        id: "list-claims",
        summary: "Claims of the caller's institution waiting for review (evidence, badge class, hashed recipient), oldest first (at most 500)",
        parameters: [.query("badge_class_id", "Only this badge class's claims", .uuid)],
        response: .json(.fields(["items": .array(items: .object)], required: ["items"])),
        problems: [400, 403]
    )

    /// Approves or denies a claim.
    static let reviewClaim = Route(
        .post,
        "claims/:id/review",
        audience: .admin,
        id: "review-claim",
        summary: "Approve (issues the badge) or deny a waiting claim (decision approve | deny, optional comment)",
        request: .json(.fields(["decision": .string, "comment": .string], required: ["decision"])),
        response: .json(.object),
        problems: [403, 404, 409, 422]
    )

    /// The claim page: a form for a code.
    static let claimForm = claimPage(.get, "claim", id: "claim-form", summary: "The claim page: type a claim code")

    /// The claim page of one code (the link and QR code an organiser hands out).
    static let claimCodePage = claimPage(
        .get,
        "claim/:code",
        id: "claim-code-page",
        summary: "The claim page of a code: what it awards and a form to claim"
    )

    /// Claims a badge with a code, as the signed-in student.
    static let claimSubmit = Route(
        .post,
        "claim",
        audience: .student,
        id: "claim-submit",
        summary: "Claim with a code as the signed-in student (form: form_token, code, evidence_url, evidence_text); 429 when too frequent",
        request: .form,
        response: .html,
        problems: [401, 403, 404, 410, 422, 429]
    )

    /// The QR code of a claim link.
    static let claimQRCode = Route(
        .get,
        "claim/:code/qr",
        audience: .student,
        id: "claim-qr",
        summary: "The QR code of a claim link (SVG, or PNG with ?format=png)",
        parameters: [.query("format", "png for a PNG image", .oneOf(["png", "svg"]))],
        response: .svg,
        problems: [404]
    )

    private static func claimPage(_ method: HTTPRequest.Method, _ pattern: String, id: String, summary: String) -> Route {
        Route(
            method,
            pattern,
            audience: .student,
            id: id,
            summary: summary,
            parameters: [.query("lang", "the page's language", .oneOf(["en", "nl"]))],
            response: .html,
            problems: [404]
        )
    }
}
