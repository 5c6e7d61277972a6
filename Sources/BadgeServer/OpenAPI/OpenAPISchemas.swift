import BadgeCore

/// JSON Schemas of the admin API's bodies, for the OpenAPI document.
enum OpenAPISchemas {
    private static func string(_ format: String? = nil, max: Int? = nil) -> [String: Any] {
        var schema: [String: Any] = ["type": "string"]
        if let format { schema["format"] = format }
        if let max { schema["maxLength"] = max }
        return schema
    }

    private static func object(_ properties: [String: Any], required: [String]) -> [String: Any] {
        ["type": "object", "properties": properties, "required": required]
    }

    private static func record(_ schema: String) -> [String: Any] {
        [
            "allOf": [
                OpenAPIDocument.ref(schema),
                object(
                    [
                        "id": string("uuid"), "institution_id": string("uuid"), "created_at": string("date-time"),
                        "updated_at": string("date-time"), "archived_at": ["type": ["string", "null"], "format": "date-time"],
                    ],
                    required: ["id", "created_at", "updated_at"]
                ),
            ]
        ]
    }

    private static var text: [String: Any] { OpenAPIDocument.ref("LocalizedText") }

    static var all: [String: Any] {
        [
            "LocalizedText": ["type": "object", "properties": ["en": string(), "nl": string()], "minProperties": 1],
            "Status": object(["status": string()], required: ["status"]),
            "Problem": object(
                [
                    "type": string(), "title": string(), "status": ["type": "integer"], "detail": string(), "code": string(),
                    "field": string(), "request_id": string(),
                ],
                required: ["type", "title", "status", "detail", "code"]
            ),
            "Institution": object(
                [
                    "identifier": string(max: 253), "brin": string(max: 8), "name": text, "country": string(max: 2),
                    "institution_type": ["enum": Institution.Kind.allCases.map(\.rawValue)], "default_language": ["enum": ["en", "nl"]],
                    "grading_table_url": string("uri"),
                ],
                required: ["identifier", "brin", "name", "institution_type"]
            ),
            "Faculty": object(["institution_id": string("uuid"), "name": text, "description": text], required: ["name"]),
            "Issuer": object(
                [
                    "faculty_id": string("uuid"), "name": text, "description": text, "url": string("uri"), "email": string("email"),
                    "image_url": string("uri"),
                ],
                required: ["faculty_id", "name", "url", "email"]
            ),
            "BadgeClass": badgeClass,
            "InstitutionRecord": record("Institution"),
            "FacultyRecord": record("Faculty"),
            "IssuerRecord": record("Issuer"),
            "BadgeClassRecord": record("BadgeClass"),
        ]
    }

    private static var badgeClass: [String: Any] {
        object(
            [
                "issuer_id": string("uuid"),
                "badge_class_type": ["enum": BadgeClass.Kind.allCases.map(\.rawValue)],
                "name": text, "description": text,
                "criteria": object(["narrative": text, "url": string("uri")], required: []),
                "image_url": string("uri"),
                "language": ["type": "string", "pattern": "^[a-z]{2}_[A-Z]{2}$"],
                "ects": ["type": "number", "exclusiveMinimum": 0, "maximum": 240, "multipleOf": 0.5],
                "eqf": ["type": "integer", "minimum": 1, "maximum": 8],
                "learning_outcome": string(max: 10_000),
                "education_program_identifier": ["oneOf": [["type": "integer"], ["type": "array", "items": ["type": "integer"]]]],
                "study_load": ["type": "integer", "minimum": 1],
                "time_investment": ["type": "integer", "minimum": 1],
                "participation": ["enum": BadgeClass.Participation.allCases.map(\.rawValue)],
                "assessment_type": ["enum": BadgeClass.AssessmentType.allCases.map(\.rawValue)],
                "quality_assurance": object(
                    ["name": string(), "url": string("uri"), "description": string()],
                    required: ["name", "url", "description"]
                ),
                "alignments": [
                    "type": "array",
                    "items": object(
                        [
                            "target_name": string(), "target_url": string("uri"), "target_description": string(),
                            "target_framework": string(), "target_code": string(),
                        ],
                        required: ["target_name", "target_url"]
                    ),
                ],
                "tags": ["type": "array", "items": string(max: 64), "maxItems": 30],
                "verification_mode": ["enum": VerificationMode.allCases.map(\.rawValue)],
            ],
            required: ["issuer_id", "badge_class_type", "name", "description", "criteria", "language"]
        )
    }
}
