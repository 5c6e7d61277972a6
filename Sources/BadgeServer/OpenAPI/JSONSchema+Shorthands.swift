import OpenAPIKit

/// The few schema shapes the route table and the component schemas use again and again.
extension JSONSchema {
    /// A reference to a schema under `#/components/schemas`.
    static func component(_ name: String) -> JSONSchema { .reference(.component(named: name)) }

    /// A lower-case UUID.
    static var uuid: JSONSchema { .string(format: .uuid) }

    /// An RFC 3339 timestamp.
    static var dateTime: JSONSchema { .string(format: .dateTime) }

    /// An absolute URI.
    static var uri: JSONSchema { .string(format: .uri) }

    /// A string of at most `maxLength` characters, optionally of a format.
    static func string(_ format: JSONTypeFormat.StringFormat = .unspecified, max maxLength: Int? = nil) -> JSONSchema {
        .string(format: format, maxLength: maxLength)
    }

    /// A string that is one of `values`.
    static func oneOf(_ values: [String]) -> JSONSchema { .string(allowedValues: values.map { AnyCodable($0) }) }

    /// An object whose properties are required only when `required` names them (OpenAPIKit
    /// marks every property required unless told otherwise).
    ///
    /// - Parameters:
    ///   - properties: the properties, in the order the document lists them.
    ///   - required: the names of the required properties.
    ///   - description: what the object is, if its name does not say.
    static func fields(
        _ properties: OrderedDictionary<String, JSONSchema>,
        required: Set<String> = [],
        description: String? = nil
    ) -> JSONSchema {
        var marked = OrderedDictionary<String, JSONSchema>()
        for (name, schema) in properties {
            marked[name] = required.contains(name) ? schema.requiredSchemaObject() : schema.optionalSchemaObject()
        }
        return .object(description: description, properties: marked)
    }
}
