import Foundation
import Hummingbird

/// Typed query and path parameters with 400 errors that name the parameter.
enum QueryParameters {
    static func uuid(_ query: Parameters, _ name: String) throws(BadgeServerError) -> UUID? {
        guard let text = query.get(name), !text.isEmpty else { return nil }
        guard let id = UUID(uuidString: text) else { throw BadgeServerError(.badRequest, "\(name) must be a UUID", field: name) }
        return id
    }

    static func int(_ query: Parameters, _ name: String) throws(BadgeServerError) -> Int? {
        guard let text = query.get(name), !text.isEmpty else { return nil }
        guard let value = Int(text) else { throw BadgeServerError(.badRequest, "\(name) must be a whole number", field: name) }
        return value
    }

    static func bool(_ query: Parameters, _ name: String) throws(BadgeServerError) -> Bool? {
        guard let text = query.get(name), !text.isEmpty else { return nil }
        switch text.lowercased() {
        case "true", "1": return true
        case "false", "0": return false
        default: throw BadgeServerError(.badRequest, "\(name) must be true or false", field: name)
        }
    }
}

extension Parameters {
    /// A path parameter as a UUID; 404 if it is not one (no entity can have that id).
    func uuid(_ name: String) throws -> UUID {
        guard let text = self.get(name), let id = UUID(uuidString: text) else {
            throw HTTPError(.notFound, message: "\(self.get(name) ?? "") is not a badged identifier")
        }
        return id
    }
}
