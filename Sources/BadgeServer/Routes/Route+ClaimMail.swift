import HTTPTypes

/// Claims by e-mail address (when a mail relay is configured): a visitor asks for a one-time
/// link, opens it, and confirms.
extension Route {
    /// Asks for a confirmation link by e-mail.
    static let claimMailRequest = Route(
        .post,
        "claim/mail",
        audience: .student,
        id: "claim-mail-request",
        summary:
            "Claim with a code by e-mail address (form: code, email, evidence_url, evidence_text): mails a one-time confirmation link; the same answer for every address; 404 without a mail relay, 429 when too frequent",
        request: .form,
        response: .html,
        problems: [404, 410, 422, 429]
    )

    /// The page a mailed link opens: a button that confirms.
    static let claimMailConfirmPage = Route(
        .get,
        "claim/confirm/:token",
        audience: .student,
        id: "claim-mail-confirm-page",
        summary:
            "The page of a mailed confirmation link: what it claims and a button that confirms (opening it spends nothing); 410 when the link no longer works",
        parameters: [.query("lang", "the page's language", .oneOf(["en", "nl"]))],
        response: .html,
        problems: [410]
    )

    /// Confirms a mailed link: the claim is made for the address.
    static let claimMailConfirm = Route(
        .post,
        "claim/confirm",
        audience: .student,
        id: "claim-mail-confirm",
        summary:
            "Confirm a mailed link (form: token): claims for the e-mail address, issued at once or waiting for review; 410 when the link or the code no longer works; 403 unless posted from badged's own page",
        request: .form,
        response: .html,
        problems: [403, 410, 422, 429]
    )
}
