import HTTPTypes
import OpenAPIKit

/// Stacking: the rule of a composite badge class, and a recipient's progress toward composites.
extension Route {
    /// Sets the stacking rule of a composite badge class.
    static let setStackingRule = Route(
        .put,
        "badge-classes/:id/stacking-rule",
        audience: .admin,
        id: "set-stacking-rule",
        summary: "Set the stacking rule of a composite badge class: all_of, at_least, min_ects over badge_class leaves, with options",
        request: .json(.object),
        response: .json(.object),
        problems: [403, 404, 409, 422]
    )

    /// The stacking rule of a composite badge class.
    static let showStackingRule = Route(
        .get,
        "badge-classes/:id/stacking-rule",
        audience: .admin,
        id: "show-stacking-rule",
        summary: "The stacking rule of a composite badge class",
        response: .json(.object),
        problems: [404]
    )

    /// Deletes the stacking rule of a composite badge class.
    static let deleteStackingRule = Route(
        .delete,
        "badge-classes/:id/stacking-rule",
        audience: .admin,
        id: "delete-stacking-rule",
        summary: "Delete the stacking rule of a composite badge class (issued composites stay)",
        status: 204,
        response: .text,
        problems: [403, 404]
    )

    /// A recipient's progress toward the composites of the caller's institution.
    static let recipientProgress = Route(
        .get,
        "recipients/:recipient/progress",
        audience: .admin,
        id: "recipient-progress",
        summary: "A recipient's (type:identity) progress toward each composite: satisfied, held, and a sentence a student understands",
        parameters: [.query("badge_class_id", "Only this composite", .uuid)],
        response: .json(.fields(["items": .array(items: .object)], required: ["items"])),
        problems: [403, 404, 422]
    )

    /// Composites flagged because a component was revoked.
    static let listStackingFlags = Route(
        .get,
        "stacking-flags",
        audience: .admin,
        id: "list-stacking-flags",
        summary: "Composites of the caller's institution flagged because a component was revoked, newest first",
        response: .json(.fields(["items": .array(items: .object)], required: ["items"])),
        problems: [403]
    )

    /// Reviews a flagged composite.
    static let reviewStackingFlag = Route(
        .post,
        "stacking-flags/:id/review",
        audience: .admin,
        id: "review-stacking-flag",
        summary: "Keep or revoke a flagged composite (decision keep | revoke, optional comment)",
        request: .json(.fields(["decision": .string, "comment": .string], required: ["decision"])),
        response: .json(.object),
        problems: [403, 404, 409, 422]
    )
}
