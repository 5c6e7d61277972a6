import OpenAPIKit

/// The component schemas of LTI platform registrations.
extension OpenAPISchemas {
    /// `PlatformInput` (what a client posts) and `Platform` (what the API answers).
    static var lti: OpenAPI.ComponentDictionary<JSONSchema> {
        let url = JSONSchema.string(format: .uri, maxLength: 2048)
        let text = JSONSchema.string(minLength: 1, maxLength: 255)
        let preset = JSONSchema.oneOf(["moodle", "canvas", "generic"])
        let deployments = JSONSchema.array(minItems: 1, maxItems: 100, items: text)
        return [
            "PlatformInput": .fields(
                [
                    "institution_id": .uuid, "preset": preset, "issuer": text, "client_id": text, "deployment_ids": deployments,
                    "auth_url": url, "token_url": url, "jwks_url": url,
                ],
                required: ["client_id", "deployment_ids"],
                description: "https endpoints (http only on loopback); a moodle preset needs issuer, a generic one issuer and all three URLs"
            ),
            "Platform": .fields(
                [
                    "id": .uuid, "institution_id": .uuid, "preset": preset, "issuer": text, "client_id": text,
                    "deployment_ids": deployments, "auth_url": url, "token_url": url, "jwks_url": url, "created_at": .dateTime,
                ],
                required: [
                    "id", "institution_id", "preset", "issuer", "client_id", "deployment_ids", "auth_url", "token_url", "jwks_url", "created_at",
                ]
            ),
        ]
    }
}
