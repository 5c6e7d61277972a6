import BadgeCore
import Foundation
import Hummingbird
import NIOCore
import OpenAPIKit

/// The OpenAPI 3.1 description of every route, served at `/openapi.json`.
///
/// It is generated from the route table (``Route/all``), the table the controllers register
/// from, with the component schemas of ``OpenAPISchemas``; a test compares its operations with
/// the router's routes all the same.
enum OpenAPIDocument {
    /// The document for a daemon at `baseURL`.
    /// - Parameter baseURL: `public.base_url`, the one server the document names.
    static func document(baseURL: String) -> OpenAPI.Document {
        var items = OrderedDictionary<OpenAPI.Path, OpenAPI.PathItem>()
        for route in Route.all {
            var item = items[route.openAPIPath] ?? OpenAPI.PathItem()
            item[route.openAPIMethod] = route.openAPIOperation
            items[route.openAPIPath] = item
        }
        return OpenAPI.Document(
            openAPIVersion: .v3_1_0,
            info: OpenAPI.Document.Info(
                title: "badged",
                description: "Issues verifiable credentials (Open Badges 2.0, Europass EDCI) from LMS course results.",
                version: BadgedVersion.current
            ),
            // AppConfiguration has checked that public.base_url is an absolute URL.
            servers: URL(string: baseURL).map { [OpenAPI.Server(url: $0)] } ?? [],
            paths: items.mapValues { .b($0) },
            components: .direct(
                schemas: OpenAPISchemas.all,
                responses: [
                    "Problem": OpenAPI.Response(
                        description: "An RFC 9457 problem",
                        content: .direct([
                            OpenAPI.ContentType(rawValue: "application/problem+json") ?? .json: OpenAPI.Content(schema: .component("Problem"))
                        ])
                    )
                ],
                securitySchemes: [
                    "apiKey": .http(scheme: "bearer", description: "A badged API key (bdg_…), made with `badged keys create`.")
                ]
            ),
            tags: Route.Audience.allCases.map { OpenAPI.Tag(name: $0.rawValue) }
        )
    }

    /// The document as JSON, keys sorted so that it is byte-stable.
    /// - Parameter baseURL: `public.base_url`.
    /// - Throws: `EncodingError` if the document cannot be encoded (it always can).
    static func json(baseURL: String) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(document(baseURL: baseURL))
    }

    /// The `/openapi.json` response.
    /// - Parameter baseURL: `public.base_url`.
    /// - Throws: `EncodingError` if the document cannot be encoded.
    static func response(baseURL: String) throws -> Response {
        Response(
            status: .ok,
            headers: [.contentType: "application/json; charset=utf-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: try json(baseURL: baseURL)))
        )
    }
}
