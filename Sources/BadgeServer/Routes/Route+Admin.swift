import HTTPTypes
import OpenAPIKit

/// The admin API's awards, assertions and EDCI imports (the catalog is ``Route/Catalog``, the
/// platform registrations are in `Route+LTI.swift`).
extension Route {
    /// Awards a badge class to one recipient or a batch.
    static let award = Route(
        .post,
        "badge-classes/:id/assertions",
        audience: .admin,
        id: "award",
        summary: "Award the badge class to one recipient or a batch (idempotent per recipient)",
        parameters: [
            .header(
                "Idempotency-Key",
                "Retries with the same key and request get the first response again (kept 24 h); another request with the key gets 422",
                .string(max: 255)
            )
        ],
        request: .json(
            .object(description: "One award ({recipient: {type, identity}, evidence, narrative, grade, expires}) or {awards: [...]} (up to 10,000)")
        ),
        status: 201,
        response: .json(.object),
        problems: [403, 404, 409, 413, 422, 503]
    )

    /// One assertion.
    static let showAssertion = Route(
        .get,
        "assertions/:id",
        audience: .admin,
        id: "show-assertion",
        summary: "One assertion",
        response: .json(.object),
        problems: [403, 404]
    )

    /// Revokes an assertion.
    static let revokeAssertion = Route(
        .post,
        "assertions/:id/revoke",
        audience: .admin,
        id: "revoke-assertion",
        summary: "Revoke with a reason",
        request: .json(.fields(["reason": .string], required: ["reason"])),
        response: .json(.object),
        problems: [403, 404, 422]
    )

    /// Previews (and with `store=true` keeps) an EDCI credential.
    static let importEDCI = Route(
        .post,
        "imports/edci",
        audience: .admin,
        id: "import-edci",
        summary: "Preview an EDCI credential in edubadges form, with diagnostics and signature result; store=true&issuer_id=… keeps it",
        parameters: [.query("store", nil, .boolean), .query("issuer_id", nil, .uuid), .query("allow_unsigned", nil, .boolean)],
        request: .xml,
        response: .json(.object),
        problems: [403, 404, 409, 413, 422, 503]
    )

    /// A stored EDCI import.
    static let showEDCIImport = Route(
        .get,
        "imports/edci/:id",
        audience: .admin,
        id: "show-edci-import",
        summary: "A stored EDCI import: the converted form, signature result and the original XML",
        response: .json(.object),
        problems: [403, 404]
    )

    /// Erases what badged holds about a person (admins: in their institution; operators: everywhere).
    static let forgetRecipient = Route(
        .post,
        "recipients/forget",
        audience: .admin,
        id: "forget-recipient",
        summary: "Erase a person's recipient data on their request; their assertions stay revoked, naming no one",
        request: .json(.fields(["recipient": .object], required: ["recipient"])),
        response: .json(.object),
        problems: [403, 422]
    )
}
