import Foundation
import Hummingbird
import NIOCore

/// Reads request bodies as JSON objects, within the request's size limit.
enum JSONBody {
    /// The body as a JSON object.
    /// - Throws: 413 beyond the size limit, `.badRequest` unless the body is one JSON object.
    static func object(from request: Request, context: AppRequestContext) async throws -> [String: Any] {
        let buffer = try await request.body.collect(upTo: context.maxUploadSize)
        guard let object = try? JSONSerialization.jsonObject(with: Data(buffer.readableBytesView)) as? [String: Any] else {
            throw BadgeServerError(.badRequest, "the body must be a JSON object")
        }
        return object
    }

    /// Decodes a value from a JSON object; `DecodingError`s become 422 naming the field.
    static func decode<Value: Decodable>(_ type: Value.Type, from object: [String: Any]) throws -> Value {
        let data = try JSONSerialization.data(withJSONObject: object)
        return try JSONDecoder().decode(Value.self, from: data)
    }

    /// A value as a JSON object, for merging.
    static func object(encoding value: some Encodable) throws -> [String: Any] {
        let data = try JSONEncoder().encode(value)
        return (try JSONSerialization.jsonObject(with: data) as? [String: Any]) ?? [:]
    }
}

/// JSON Merge Patch (RFC 7396): `null` removes a member, objects merge recursively, anything
/// else replaces.
enum JSONMergePatch {
    static func apply(_ patch: Any, to target: Any?) -> Any? {
        guard let patchObject = patch as? [String: Any] else {
            return patch is NSNull ? nil : patch
        }
        var result = (target as? [String: Any]) ?? [:]
        for (key, value) in patchObject {
            if value is NSNull {
                result[key] = nil
            } else {
                result[key] = apply(value, to: result[key])
            }
        }
        return result
    }
}
