import BadgeCore
import OpenAPIKit

/// The component schemas of the OpenAPI document: the admin API's bodies, problem details and
/// status answers (the LTI platform schemas are in `OpenAPISchemas+LTI.swift`).
enum OpenAPISchemas {
    /// Every component schema, by name.
    static var all: OpenAPI.ComponentDictionary<JSONSchema> {
        var schemas: OpenAPI.ComponentDictionary<JSONSchema> = [
            "LocalizedText": .object(minProperties: 1, properties: ["en": .string(required: false), "nl": .string(required: false)]),
            "Status": .fields(["status": .string], required: ["status"]),
            "Problem": .fields(
                [
                    "type": .string, "title": .string, "status": .integer, "detail": .string, "code": .string, "field": .string,
                    "request_id": .string,
                ],
                required: ["type", "title", "status", "detail", "code"]
            ),
            "Institution": .fields(
                [
                    "identifier": .string(max: 253), "brin": .string(max: 8), "name": text, "country": .string(max: 2),
                    "institution_type": .oneOf(Institution.Kind.allCases.map(\.rawValue)), "default_language": .oneOf(["en", "nl"]),
                    "grading_table_url": .uri, "credential_prefix": .string(max: 4),
                ],
                required: ["identifier", "brin", "name", "institution_type"]
            ),
            "Faculty": .fields(["institution_id": .uuid, "name": text, "description": text], required: ["name"]),
            "Issuer": .fields(
                ["faculty_id": .uuid, "name": text, "description": text, "url": .uri, "email": .string(.email), "image_url": .uri],
                required: ["faculty_id", "name", "url", "email"]
            ),
            "BadgeClass": badgeClass,
            "InstitutionRecord": record("Institution"),
            "FacultyRecord": record("Faculty"),
            "IssuerRecord": record("Issuer"),
            "BadgeClassRecord": record("BadgeClass"),
        ]
        for (name, schema) in lti { schemas[name] = schema }
        for (name, schema) in outcomes { schemas[name] = schema }
        return schemas
    }

    private static var text: JSONSchema { .component("LocalizedText") }

    /// An entry as the API answers it: its content and the fields the server sets.
    private static func record(_ schema: String) -> JSONSchema {
        .all(of: [
            .component(schema),
            .fields(
                [
                    "id": .uuid, "institution_id": .uuid, "created_at": .dateTime, "updated_at": .dateTime,
                    "archived_at": .string(format: .dateTime, nullable: true),
                ],
                required: ["id", "created_at", "updated_at"]
            ),
        ])
    }

    private static var badgeClass: JSONSchema {
        .fields(
            [
                "issuer_id": .uuid,
                "badge_class_type": .oneOf(BadgeClass.Kind.allCases.map(\.rawValue)),
                "name": text, "description": text,
                "criteria": .fields(["narrative": text, "url": .uri]),
                "image_url": .uri,
                "language": .string(pattern: "^[a-z]{2}_[A-Z]{2}$"),
                "ects": .number(multipleOf: 0.5, maximum: (240, exclusive: false), minimum: (0, exclusive: true)),
                "eqf": .integer(maximum: (8, exclusive: false), minimum: (1, exclusive: false)),
                "learning_outcome": .string(max: 10_000),
                "education_program_identifier": .one(of: [.integer, .array(items: .integer)]),
                "study_load": .integer(minimum: (1, exclusive: false)),
                "time_investment": .integer(minimum: (1, exclusive: false)),
                "participation": .oneOf(BadgeClass.Participation.allCases.map(\.rawValue)),
                "assessment_type": .oneOf(BadgeClass.AssessmentType.allCases.map(\.rawValue)),
                "quality_assurance": .fields(["name": .string, "url": .uri, "description": .string], required: ["name", "url", "description"]),
                "alignments": .array(
                    items: .fields(
                        [
                            "target_name": .string, "target_url": .uri, "target_description": .string, "target_framework": .string,
                            "target_code": .string,
                        ],
                        required: ["target_name", "target_url"]
                    )
                ),
                "tags": .array(maxItems: 30, items: .string(max: 64)),
                "verification_mode": .oneOf(VerificationMode.allCases.map(\.rawValue)),
            ],
            required: ["issuer_id", "badge_class_type", "name", "description", "criteria", "language"]
        )
    }
}
