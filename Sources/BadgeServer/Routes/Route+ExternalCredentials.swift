import HTTPTypes
import OpenAPIKit

/// External credentials on a recipient's record: verified OB 2.0 assertions from elsewhere and
/// stored, signed EDCI imports, which count toward stacking rules allowing them.
extension Route {
    /// Verifies an OB 2.0 assertion, or takes a stored signed EDCI import of the recipient, and
    /// adds it to the recipient's record, then runs stacking.
    static let addExternalCredential = Route(
        .post,
        "recipients/:recipient/external-credentials",
        audience: .admin,
        id: "add-external-credential",
        summary:
            "Verify an Open Badges 2.0 assertion ({\"url\": …} or {\"jws\": …}) issued to the recipient (type:identity), or take a stored EDCI import whose signature verified and whose learner is the recipient ({\"edci_import_id\": …}), and add it to their record as a stacking component",
        request: .json(.fields(["url": .string, "jws": .string, "edci_import_id": .string])),
        status: 201,
        response: .json(.object),
        problems: [403, 404, 409, 422]
    )

    /// The external credentials on a recipient's record.
    static let listExternalCredentials = Route(
        .get,
        "recipients/:recipient/external-credentials",
        audience: .admin,
        id: "list-external-credentials",
        summary: "The external credentials on a recipient's (type:identity) record",
        response: .json(.fields(["items": .array(items: .object)], required: ["items"])),
        problems: [403, 422]
    )

    /// Removes an external credential from a recipient's record.
    static let removeExternalCredential = Route(
        .delete,
        "recipients/:recipient/external-credentials/:id",
        audience: .admin,
        id: "remove-external-credential",
        summary:
            "Remove an external credential from a recipient's record; held composites whose rule no longer holds are flagged or revoked per their on_component_lost",
        status: 204,
        response: .text,
        problems: [403, 404, 422]
    )
}
