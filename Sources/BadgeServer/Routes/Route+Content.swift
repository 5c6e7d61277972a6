import OpenAPIKit

extension Route {
    /// A request or response body: its media type and the JSON Schema of its content.
    struct Content: Sendable {
        /// The media type, such as `application/json`.
        let mediaType: String
        /// The schema of the body.
        let schema: JSONSchema

        /// A JSON body.
        static func json(_ schema: JSONSchema) -> Content { Content(mediaType: "application/json", schema: schema) }

        /// An Open Badges JSON-LD document.
        static var linkedData: Content { Content(mediaType: "application/ld+json", schema: .object) }

        /// A JSON Merge Patch (RFC 7396) of a record.
        static var mergePatch: Content { Content(mediaType: "application/merge-patch+json", schema: .object) }

        /// An HTML page.
        static var html: Content { Content(mediaType: "text/html", schema: .string) }

        /// Plain text.
        static var text: Content { Content(mediaType: "text/plain", schema: .string) }

        /// An SVG image.
        static var svg: Content { Content(mediaType: "image/svg+xml", schema: .string) }

        /// An HTML form post (the LTI platforms' `form_post`).
        static var form: Content { Content(mediaType: "application/x-www-form-urlencoded", schema: .object) }

        /// An HTML form post with files (`multipart/form-data`).
        static var multipartForm: Content { Content(mediaType: "multipart/form-data", schema: .object) }

        /// An XML document.
        static var xml: Content { Content(mediaType: "application/xml", schema: .string) }
    }
}
