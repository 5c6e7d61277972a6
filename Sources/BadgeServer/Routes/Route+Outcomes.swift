import HTTPTypes
import OpenAPIKit

/// Grades to badges: pushed scores and LTI 1.1 outcomes from the LMS side, and the admin API of
/// outcome rules, recorded grades, reviews and syncs.
extension Route {
    /// The AGS Score JSON, as pushed by an LMS plugin or grading tool.
    static let scoreSchema = JSONSchema.fields(
        [
            "userId": .string, "scoreGiven": .number, "scoreMaximum": .number, "comment": .string,
            "timestamp": .dateTime, "activityProgress": .string, "gradingProgress": .string,
        ],
        required: ["userId", "timestamp", "activityProgress", "gradingProgress"]
    )

    /// A pushed AGS score.
    static let ltiScores = Route(
        .post,
        "lti/scores",
        audience: .lti,
        id: "lti-scores",
        summary: "Push an AGS score for a watched line item; Authorization: Bearer <RS256 JWT of the platform: iss, sub = client_id, aud, exp, jti>",
        parameters: [
            .query("context_id", "The course", .string(max: 1024), required: true),
            .query("line_item", "The watched line item URL", .uri),
            .query("resource_link_id", "The watched resource link, when the rule watches one", .string(max: 1024)),
        ],
        request: Content(mediaType: "application/vnd.ims.lis.v1.score+json", schema: scoreSchema),
        response: .json(.component("GradeReceipt")),
        problems: [401, 403, 404, 413, 415, 422]
    )

    /// LTI 1.1 Basic Outcomes.
    static let ltiOutcomes = Route(
        .post,
        "lti/outcomes",
        audience: .lti,
        id: "lti-outcomes",
        summary: "LTI 1.1 Basic Outcomes (POX replaceResult, readResult, deleteResult), OAuth 1.0a HMAC-SHA1 with oauth_body_hash",
        request: .xml,
        response: .xml,
        problems: [401, 413]
    )

    /// Lists outcome rules.
    static let listOutcomeRules = Route(
        .get,
        "outcome-rules",
        audience: .admin,
        id: "list-outcome-rules",
        summary: "Outcome rules of the caller's institution",
        parameters: [.query("issuer", "Only this platform's", .string(max: 1024)), .query("context_id", "Only this course's", .string(max: 1024))],
        response: .json(.fields(["items": .array(items: .component("OutcomeRule"))], required: ["items"]))
    )

    /// Creates an outcome rule.
    static let createOutcomeRule = Route(
        .post,
        "outcome-rules",
        audience: .admin,
        id: "create-outcome-rule",
        summary: "Create a rule: match (issuer, client_id, context_id, line_item | resource_link_id), condition, action",
        request: .json(.component("OutcomeRule")),
        status: 201,
        response: .json(.component("OutcomeRule")),
        problems: [403, 409, 422]
    )

    /// One outcome rule.
    static let showOutcomeRule = Route(
        .get,
        "outcome-rules/:id",
        audience: .admin,
        id: "show-outcome-rule",
        summary: "One outcome rule",
        response: .json(.component("OutcomeRule")),
        problems: [404]
    )

    /// Replaces an outcome rule.
    static let updateOutcomeRule = Route(
        .put,
        "outcome-rules/:id",
        audience: .admin,
        id: "update-outcome-rule",
        summary: "Replace a rule",
        request: .json(.component("OutcomeRule")),
        response: .json(.component("OutcomeRule")),
        problems: [403, 404, 409, 422]
    )

    /// Deletes an outcome rule.
    static let deleteOutcomeRule = Route(
        .delete,
        "outcome-rules/:id",
        audience: .admin,
        id: "delete-outcome-rule",
        summary: "Delete a rule (its recorded grades stay)",
        status: 204,
        response: .text,
        problems: [403, 404]
    )

    /// Lists recorded grades.
    static let listOutcomeEvents = Route(
        .get,
        "outcome-events",
        audience: .admin,
        id: "list-outcome-events",
        summary: "Recorded grades with the rule's decision and reason, newest first",
        parameters: [
            .query("context_id", "Only this course's", .string(max: 1024)),
            .query("badge_class_id", "Only grades of rules awarding this class", .uuid),
            .query("decision", "Only these decisions (comma-separated)", .string(max: 200)),
            .query("recipient", "Only this recipient's, as type:identity (registrar and admin keys)", .string(max: 600)),
            .query("limit", "Page size, 1-200 (default 50)", .integer),
            .query("after", "The next_cursor of the previous page", .uuid),
        ],
        response: .json(.fields(["items": .array(items: .component("OutcomeEvent")), "next_cursor": .string(format: .uuid, nullable: true)]))
    )

    /// Enters a grade by hand.
    static let recordOutcomeEvent = Route(
        .post,
        "outcome-events",
        audience: .admin,
        id: "record-outcome-event",
        summary: "Enter a grade by hand (source manual) for a watched item; recipient (type:identity) maps the platform user when given",
        request: .json(
            .fields(
                [
                    "issuer": .string, "client_id": .string, "context_id": .string, "line_item": .uri, "resource_link_id": .string,
                    "user_id": .string, "recipient": .string, "score_given": .number, "score_maximum": .number,
                    "activity_progress": .string, "grading_progress": .string, "comment": .string,
                ],
                required: ["issuer", "client_id", "context_id", "user_id"]
            )
        ),
        response: .json(.component("GradeReceipt")),
        problems: [403, 404, 422]
    )

    /// Reviews a pending award or a flagged badge.
    static let reviewOutcomeEvent = Route(
        .post,
        "outcome-events/:id/review",
        audience: .admin,
        id: "review-outcome-event",
        summary: "Approve or deny a pending award (approve issues); for a flagged badge, approve keeps and deny revokes",
        request: .json(.fields(["decision": .oneOf(["approve", "deny"]), "comment": .string], required: ["decision"])),
        response: .json(.component("OutcomeEvent")),
        problems: [403, 404, 409, 422]
    )

    /// The LTI 1.1 result id of a rule for one platform user.
    static let outcomeRuleSourcedID = Route(
        .get,
        "outcome-rules/:id/sourcedid",
        audience: .admin,
        id: "outcome-rule-sourcedid",
        summary: "The lis_result_sourcedid and lis_outcome_service_url a grade source posts LTI 1.1 outcomes of one user with",
        parameters: [.query("user_id", "The platform user id (sub)", .string(max: 1024), required: true)],
        response: .json(
            .fields(
                ["lis_result_sourcedid": .string, "lis_outcome_service_url": .uri],
                required: ["lis_result_sourcedid", "lis_outcome_service_url"]
            )
        ),
        problems: [404, 422]
    )

    /// Syncs a platform's results now.
    static let syncPlatform = Route(
        .post,
        "platforms/:id/sync",
        audience: .admin,
        id: "sync-platform",
        summary: "Read the results of every watched line item of the platform now (AGS, after a Names and Roles sync)",
        parameters: [.query("context_id", "Only this course", .string(max: 1024))],
        response: .json(.object),
        problems: [403, 404, 502]
    )
}
