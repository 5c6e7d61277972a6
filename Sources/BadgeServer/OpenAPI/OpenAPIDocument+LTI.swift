/// The LTI platform registration routes of the OpenAPI document.
extension OpenAPIDocument {
    static var ltiPaths: [String: Any] {
        let id = ["name": "id", "in": "path", "required": true, "schema": ["type": "string", "format": "uuid"]] as [String: Any]
        let list: [String: Any] = ["type": "object", "required": ["items"], "properties": ["items": ["type": "array", "items": ref("Platform")]]]
        var register = htmlOperation(
            "lti-register",
            "LTI Dynamic Registration: the LMS opens the one-time link; badged registers and closes the window",
            status: "200"
        )
        register["parameters"] = [
            ["name": "secret", "in": "path", "required": true, "schema": ["type": "string"]],
            ["name": "openid_configuration", "in": "query", "required": true, "schema": ["type": "string", "format": "uri"]],
            ["name": "registration_token", "in": "query", "required": false, "schema": ["type": "string", "maxLength": 4096]],
        ]
        let link: [String: Any] = [
            "type": "object", "required": ["url", "expires_at"],
            "properties": ["url": ["type": "string", "format": "uri"], "expires_at": ["type": "string", "format": "date-time"]],
        ]
        let linkInput: [String: Any] = [
            "type": "object",
            "properties": [
                "institution_id": ["type": "string", "format": "uuid"],
                "valid_for_seconds": ["type": "integer", "minimum": 60, "maximum": 604_800, "default": 86_400],
            ],
        ]
        return [
            "/lti/register/{secret}": ["get": register],
            "/api/v1/platforms/registration-links": [
                "post": operation(
                    "create-registration-link",
                    "A one-time LTI Dynamic Registration URL for an institution",
                    response: link,
                    body: linkInput,
                    status: "201",
                    extra: ["403", "413", "422"]
                )
            ],
            "/api/v1/platforms": [
                "get": operation(
                    "list-platforms",
                    "LTI platform registrations (admin: own institution; operator: all)",
                    response: list,
                    parameters: [
                        [
                            "name": "institution_id", "in": "query", "required": false, "description": "Only this institution's registrations",
                            "schema": ["type": "string", "format": "uuid"],
                        ]
                    ],
                    extra: ["403"]
                ),
                "post": operation(
                    "create-platform",
                    "Register an LTI 1.3 platform (Moodle, Canvas or generic)",
                    response: ref("Platform"),
                    body: ref("PlatformInput"),
                    status: "201",
                    extra: ["403", "409", "413", "422"]
                ),
            ],
            "/api/v1/platforms/{id}": [
                "get": operation("show-platform", "One platform registration", response: ref("Platform"), parameters: [id], extra: ["403", "404"]),
                "delete": operation(
                    "delete-platform",
                    "Remove a registration: its launches are refused from then on",
                    response: ["type": "null"],
                    parameters: [id],
                    status: "204",
                    extra: ["403", "404"]
                ),
            ],
        ]
    }

    static var ltiSchemas: [String: Any] {
        let url: [String: Any] = ["type": "string", "format": "uri", "maxLength": 2048]
        let text: [String: Any] = ["type": "string", "minLength": 1, "maxLength": 255]
        let preset: [String: Any] = ["enum": ["moodle", "canvas", "generic"]]
        let deployments: [String: Any] = ["type": "array", "items": text, "minItems": 1, "maxItems": 100]
        return [
            "PlatformInput": [
                "type": "object", "required": ["client_id", "deployment_ids"],
                "description": "https endpoints (http only on loopback); a moodle preset needs issuer, a generic one issuer and all three URLs",
                "properties": [
                    "institution_id": ["type": "string", "format": "uuid"], "preset": preset, "issuer": text, "client_id": text,
                    "deployment_ids": deployments, "auth_url": url, "token_url": url, "jwks_url": url,
                ],
            ],
            "Platform": [
                "type": "object",
                "required": [
                    "id", "institution_id", "preset", "issuer", "client_id", "deployment_ids", "auth_url", "token_url", "jwks_url", "created_at",
                ],
                "properties": [
                    "id": ["type": "string", "format": "uuid"], "institution_id": ["type": "string", "format": "uuid"], "preset": preset,
                    "issuer": text, "client_id": text, "deployment_ids": deployments, "auth_url": url, "token_url": url, "jwks_url": url,
                    "created_at": ["type": "string", "format": "date-time"],
                ],
            ],
        ]
    }
}
