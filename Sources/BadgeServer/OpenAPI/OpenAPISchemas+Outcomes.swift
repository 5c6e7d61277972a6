import BadgeCore
import OpenAPIKit

/// The component schemas of outcome rules, recorded grades and grade receipts.
extension OpenAPISchemas {
    /// `OutcomeRule`, `OutcomeEvent` and `GradeReceipt`.
    static var outcomes: OpenAPI.ComponentDictionary<JSONSchema> {
        let id = JSONSchema.string(maxLength: 1024)
        let decision = JSONSchema.oneOf(AwardDecision.allCases.map(\.rawValue))
        return [
            "OutcomeRule": .fields(
                [
                    "id": .uuid, "institution_id": .uuid, "badge_class_id": .uuid,
                    "match": .fields(
                        ["issuer": id, "client_id": id, "context_id": id, "line_item": .uri, "resource_link_id": id],
                        required: ["issuer", "client_id", "context_id"],
                        description: "exactly one of line_item and resource_link_id"
                    ),
                    "condition": .fields(
                        ["type": .oneOf(OutcomeRule.Condition.typeNames), "threshold": .number],
                        required: ["type"],
                        description: "score_ratio needs a threshold in (0, 1]; dutch_grade's defaults to 5.5 of 10"
                    ),
                    "action": .oneOf(["issue", "pending"]), "require_fully_graded": .boolean, "include_grade": .boolean,
                    "on_fall_below": .oneOf(["keep", "flag", "revoke"]), "write_back": .boolean, "title": .string(max: 200),
                ],
                required: ["badge_class_id", "match", "condition"]
            ),
            "OutcomeEvent": .fields(
                [
                    "id": .uuid, "rule_id": .uuid, "badge_class_id": .uuid, "source": .oneOf(OutcomeEvent.Source.allCases.map(\.rawValue)),
                    "issuer": id, "context_id": id, "line_item": .string, "resource_link_id": .string, "score_given": .number,
                    "score_maximum": .number, "activity_progress": .string, "grading_progress": .string, "timestamp": .dateTime,
                    "received_at": .dateTime, "decision": decision, "reason": .string, "assertion_id": .uuid, "decided_by": .string,
                    "review_comment": .string, "recipient_key": .string,
                ],
                required: ["id", "rule_id", "badge_class_id", "source", "decision", "reason", "received_at"],
                description: "recipient_key (a digest, never the identity) only for registrar, admin and operator keys"
            ),
            "GradeReceipt": .fields(
                ["status": .oneOf(["recorded", "unchanged"]), "record_id": .uuid, "decision": decision, "reason": .string, "assertion_url": .uri],
                required: ["status", "reason"]
            ),
        ]
    }
}
