import BadgeCore
import Foundation
import Hummingbird
import NIOCore

/// The OpenAPI 3.1 description of every route, served at `/openapi.json`.
///
/// It is written out here rather than generated, and a test compares its operations with the
/// router's routes so that the two cannot drift apart.
enum OpenAPIDocument {
    /// The admin collections and the schema each one holds.
    static let collections: [(path: String, schema: String, parent: String?)] = [
        ("institutions", "Institution", nil),
        ("faculties", "Faculty", "institution_id"),
        ("issuers", "Issuer", "faculty_id"),
        ("badge-classes", "BadgeClass", "issuer_id"),
    ]

    static func response(baseURL: String) -> Response {
        let data =
            (try? JSONSerialization.data(withJSONObject: document(baseURL: baseURL), options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
        return Response(
            status: .ok,
            headers: [.contentType: "application/json; charset=utf-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: data))
        )
    }

    static func document(baseURL: String) -> [String: Any] {
        var paths: [String: Any] = [
            "/healthz": ["get": operation("health", "The process is up", auth: false, response: ref("Status"))],
            "/readyz": ["get": operation("readiness", "The database answers", auth: false, response: ref("Status"), extra: ["503"])],
            "/metrics": ["get": textOperation("metrics", "Prometheus metrics in text format")],
            "/openapi.json": ["get": operation("openapi", "This document", auth: false, response: ["type": "object"])],
            "/lti/login": [
                "get": htmlOperation("lti-login", "LTI 1.3 OIDC login initiation: redirects to the platform (302)", status: "302"),
                "post": htmlOperation("lti-login-post", "LTI 1.3 OIDC login initiation by form post (302)", status: "302", form: true),
            ],
            "/lti/launch": ["post": htmlOperation("lti-launch", "LTI 1.3 launch: the platform's id_token form post", status: "200", form: true)],
            "/lti/deep-linking": [
                "post": htmlOperation(
                    "lti-deep-linking",
                    "The instructor's pick: a signed deep-linking response posted to the platform",
                    status: "200",
                    form: true
                )
            ],
            "/lti/jwks": ["get": operation("lti-jwks", "The tool's public keys (JWKS)", auth: false, response: ["type": "object"])],
        ]
        let id = ["name": "id", "in": "path", "required": true, "schema": ["type": "string"]] as [String: Any]
        let award: [String: Any] = [
            "type": "object",
            "description": "One award ({recipient: {type, identity}, evidence, narrative, grade, expires}) or {awards: [...]} (up to 10,000)",
        ]
        paths["/api/v1/badge-classes/{id}/assertions"] = [
            "post": operation(
                "award",
                "Award the badge class to one recipient or a batch (idempotent per recipient)",
                response: ["type": "object"],
                body: award,
                parameters: [
                    id,
                    [
                        "name": "Idempotency-Key", "in": "header", "required": false, "schema": ["type": "string", "maxLength": 255],
                        "description":
                            "Retries with the same key and request get the first response again (kept 24 h); another request with the key gets 422",
                    ],
                ],
                status: "201",
                extra: ["403", "404", "409", "413", "422"]
            )
        ]
        paths["/api/v1/imports/edci"] = [
            "post": operation(
                "import-edci",
                "Preview an EDCI credential in edubadges form, with diagnostics and signature result; store=true&issuer_id=… keeps it",
                response: ["type": "object"],
                body: ["type": "string"],
                parameters: [
                    ["name": "store", "in": "query", "required": false, "schema": ["type": "boolean"]],
                    ["name": "issuer_id", "in": "query", "required": false, "schema": ["type": "string", "format": "uuid"]],
                ],
                extra: ["403", "404", "409", "413", "422", "503"],
                mediaType: "application/xml"
            )
        ]
        paths["/api/v1/imports/edci/{id}"] = [
            "get": operation(
                "show-edci-import",
                "A stored EDCI import: the converted form, signature result and the original XML",
                response: ["type": "object"],
                parameters: [id],
                extra: ["403", "404"]
            )
        ]
        paths["/api/v1/assertions/{id}"] = [
            "get": operation("show-assertion", "One assertion", response: ["type": "object"], parameters: [id], extra: ["403", "404"])
        ]
        paths["/api/v1/assertions/{id}/revoke"] = [
            "post": operation(
                "revoke-assertion",
                "Revoke with a reason",
                response: ["type": "object"],
                body: ["type": "object", "required": ["reason"], "properties": ["reason": ["type": "string"]]],
                parameters: [id],
                extra: ["403", "404", "422"]
            )
        ]
        for (path, summary) in [
            ("/public/issuers/{id}", "Open Badges Issuer profile"), ("/public/issuers/{id}/revocations", "The issuer's RevocationList"),
            ("/public/badge-classes/{id}", "Open Badges BadgeClass"), ("/public/badge-classes/{id}/image", "The generated badge image (SVG)"),
            ("/public/assertions/{id}", "Hosted Assertion; with .jws the signed one, with .edci.xml the Europass EDCI credential"),
            ("/public/keys/{id}", "CryptographicKey"),
            ("/public/assertions/{id}/image", "The assertion baked into a badge image (SVG, or PNG with ?format=png)"),
        ] {
            paths[path] = [
                "get": operation(
                    "public" + path.replacingOccurrences(of: "/", with: "-"),
                    summary,
                    auth: false,
                    response: ["type": "object"],
                    parameters: [id],
                    extra: ["404"]
                )
            ]
        }
        paths["/public/extensions/{name}/{file}"] = [
            "get": operation(
                "public-extension",
                "An edubadges extension's context.json or schema.json",
                auth: false,
                response: ["type": "object"],
                parameters: [
                    ["name": "name", "in": "path", "required": true, "schema": ["type": "string"]],
                    ["name": "file", "in": "path", "required": true, "schema": ["enum": ["context.json", "schema.json"]]],
                ],
                extra: ["404"]
            )
        ]
        for collection in collections {
            let schema = ref(collection.schema)
            let record = ref("\(collection.schema)Record")
            var listParameters: [[String: Any]] = [
                query("limit", "Page size, 1-200 (default 50)", type: "integer"),
                query("after", "The next_cursor of the previous page", format: "uuid"),
                query("include_archived", "Include archived entries", type: "boolean"),
                query("institution_id", "Only this institution's entries", format: "uuid"),
            ]
            if let parent = collection.parent, parent != "institution_id" {
                listParameters.append(query(parent, "Only the children of this parent", format: "uuid"))
            }
            let page: [String: Any] = [
                "type": "object", "required": ["items", "next_cursor"],
                "properties": ["items": ["type": "array", "items": record], "next_cursor": ["type": ["string", "null"], "format": "uuid"]],
            ]
            paths["/api/v1/\(collection.path)"] = [
                "get": operation("list-\(collection.path)", "List \(collection.path)", response: page, parameters: listParameters),
                "post": operation(
                    "create-\(collection.path)",
                    "Create an entry",
                    response: record,
                    body: schema,
                    status: "201",
                    extra: ["403", "409", "413", "422"]
                ),
            ]
            let id = ["name": "id", "in": "path", "required": true, "schema": ["type": "string", "format": "uuid"]] as [String: Any]
            paths["/api/v1/\(collection.path)/{id}"] = [
                "get": operation("show-\(collection.path)", "One entry", response: record, parameters: [id], extra: ["403", "404"]),
                "patch": operation(
                    "update-\(collection.path)",
                    "Change an entry (JSON Merge Patch, RFC 7396)",
                    response: record,
                    body: ["type": "object"],
                    parameters: [id],
                    extra: ["403", "404", "409", "413", "422"],
                    mediaType: "application/merge-patch+json"
                ),
            ]
            paths["/api/v1/\(collection.path)/{id}/archive"] = [
                "post": operation(
                    "archive-\(collection.path)",
                    "Archive an entry (kept, but takes no new children)",
                    response: record,
                    parameters: [id],
                    extra: ["403", "404"]
                )
            ]
        }
        paths.merge(ltiPaths) { _, lti in lti }
        return [
            "openapi": "3.1.0",
            "info": [
                "title": "badged", "version": BadgedVersion.current,
                "description": "Issues verifiable credentials (Open Badges 2.0, Europass EDCI) from LMS course results.",
            ],
            "servers": [["url": baseURL]],
            "paths": paths,
            "components": [
                "securitySchemes": [
                    "apiKey": ["type": "http", "scheme": "bearer", "description": "A badged API key (bdg_…), made with `badged keys create`."]
                ],
                "schemas": OpenAPISchemas.all.merging(ltiSchemas) { _, lti in lti },
                "responses": [
                    "Problem": ["description": "An RFC 9457 problem", "content": ["application/problem+json": ["schema": ref("Problem")]]]
                ],
            ],
        ]
    }

    static func ref(_ name: String) -> [String: Any] { ["$ref": "#/components/schemas/\(name)"] }

    private static func query(_ name: String, _ description: String, type: String = "string", format: String? = nil) -> [String: Any] {
        var schema: [String: Any] = ["type": type]
        if let format { schema["format"] = format }
        return ["name": name, "in": "query", "required": false, "description": description, "schema": schema]
    }

    static func operation(
        _ id: String,
        _ summary: String,
        auth: Bool = true,
        response: [String: Any],
        body: [String: Any]? = nil,
        parameters: [[String: Any]] = [],
        status: String = "200",
        extra: [String] = [],
        mediaType: String = "application/json"
    ) -> [String: Any] {
        var responses: [String: Any] = [status: ["description": summary, "content": ["application/json": ["schema": response]]]]
        for code in (auth ? ["400", "401"] : []) + extra { responses[code] = ["$ref": "#/components/responses/Problem"] }
        var result: [String: Any] = ["operationId": id, "summary": summary, "responses": responses]
        if auth { result["security"] = [["apiKey": [String]()]] }
        if !parameters.isEmpty { result["parameters"] = parameters }
        if let body { result["requestBody"] = ["required": true, "content": [mediaType: ["schema": body]]] }
        return result
    }

    static func htmlOperation(_ id: String, _ summary: String, status: String, form: Bool = false) -> [String: Any] {
        var result: [String: Any] = [
            "operationId": id, "summary": summary,
            "responses": [
                status: ["description": summary, "content": ["text/html": ["schema": ["type": "string"]]]],
                "400": ["$ref": "#/components/responses/Problem"], "401": ["$ref": "#/components/responses/Problem"],
                "403": ["$ref": "#/components/responses/Problem"],
            ],
        ]
        if form {
            result["requestBody"] = ["required": true, "content": ["application/x-www-form-urlencoded": ["schema": ["type": "object"]]]]
        }
        return result
    }

    private static func textOperation(_ id: String, _ summary: String) -> [String: Any] {
        [
            "operationId": id, "summary": summary,
            "responses": ["200": ["description": summary, "content": ["text/plain": ["schema": ["type": "string"]]]]],
        ]
    }
}
