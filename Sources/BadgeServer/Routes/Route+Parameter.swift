import OpenAPIKit

extension Route {
    /// A query, header or path parameter of a route. Path parameters need listing only when
    /// their schema is more than a plain string.
    struct Parameter: Sendable {
        /// Where the parameter is sent.
        enum Location: Sendable {
            case path, query, header
        }

        /// The parameter's name (for path parameters, the name after the `:` of the pattern).
        let name: String
        /// Where it is sent.
        let location: Location
        /// What it does, if its name does not say.
        let description: String?
        /// The schema of its value.
        let schema: JSONSchema
        /// Whether a request must send it; path parameters always must.
        let isRequired: Bool

        /// A path parameter.
        static func path(_ name: String, _ schema: JSONSchema) -> Parameter {
            Parameter(name: name, location: .path, description: nil, schema: schema, isRequired: true)
        }

        /// A query parameter, optional unless `required`.
        static func query(_ name: String, _ description: String? = nil, _ schema: JSONSchema, required: Bool = false) -> Parameter {
            Parameter(name: name, location: .query, description: description, schema: schema, isRequired: required)
        }

        /// An optional header.
        static func header(_ name: String, _ description: String, _ schema: JSONSchema) -> Parameter {
            Parameter(name: name, location: .header, description: description, schema: schema, isRequired: false)
        }
    }
}
