import HTTPTypes
import OpenAPIKit

/// How one route of the table reads in the OpenAPI document.
extension Route {
    /// The OpenAPI path: the whole pattern with `{name}` for each `:name`.
    var openAPIPath: OpenAPI.Path {
        OpenAPI.Path(path.split(separator: "/").map { $0.hasPrefix(":") ? "{\($0.dropFirst())}" : String($0) })
    }

    /// The OpenAPI method.
    var openAPIMethod: OpenAPI.HttpMethod { OpenAPI.HttpMethod(rawValue: method.rawValue) ?? .get }

    /// The OpenAPI operation: parameters, body, the success response and the problem responses.
    var openAPIOperation: OpenAPI.Operation {
        var responses: OpenAPI.Response.Map = [
            .status(code: status): .response(
                description: summary,
                content: .direct([contentType(response.mediaType): OpenAPI.Content(schema: response.schema)])
            )
        ]
        for code in (needsAPIKey ? [400, 401] : []) + problems {
            responses[.status(code: code)] = .reference(.component(named: "Problem"))
        }
        return OpenAPI.Operation(
            tags: [audience.rawValue],
            summary: summary,
            operationId: operationID,
            parameters: openAPIParameters.map { .b($0) },
            requestBody: request.map { body in
                OpenAPI.Request(content: .direct([contentType(body.mediaType): OpenAPI.Content(schema: body.schema)]), required: true)
            },
            responses: responses,
            security: needsAPIKey ? [[.component(named: "apiKey"): []]] : nil
        )
    }

    /// The path parameters in pattern order (plain strings unless ``parameters`` says otherwise),
    /// then the query and header parameters.
    private var openAPIParameters: [OpenAPI.Parameter] {
        let path = pathParameterNames.map { name in
            let schema = parameters.first { $0.location == .path && $0.name == name }?.schema ?? .string
            return OpenAPI.Parameter.path(name: name, schema: schema)
        }
        let others = parameters.compactMap { parameter -> OpenAPI.Parameter? in
            switch parameter.location {
            case .path:
                return nil
            case .query:
                return .query(name: parameter.name, required: parameter.isRequired, schema: parameter.schema, description: parameter.description)
            case .header:
                return .header(name: parameter.name, required: parameter.isRequired, schema: parameter.schema, description: parameter.description)
            }
        }
        return path + others
    }

    private func contentType(_ mediaType: String) -> OpenAPI.ContentType {
        // Every media type of the table is well formed; `other` keeps an unknown one verbatim.
        OpenAPI.ContentType(rawValue: mediaType) ?? .other(mediaType)
    }
}
