/// Turns `DecodingError`s into short messages that name the JSON field, for API clients.
public enum DecodingFailure {
    /// The JSON path of the failing value, such as `criteria.narrative`, if the error has one.
    public static func field(of error: any Error) -> String? {
        guard let error = error as? DecodingError else { return nil }
        let path: [any CodingKey]
        switch error {
        case .keyNotFound(let key, let context): path = context.codingPath + [key]
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context): path = context.codingPath
        @unknown default: return nil
        }
        let rendered = path.map { key in key.intValue.map { "[\($0)]" } ?? ".\(key.stringValue)" }.joined()
        let trimmed = rendered.hasPrefix(".") ? String(rendered.dropFirst()) : rendered
        return trimmed.isEmpty ? nil : trimmed
    }

    /// A one-line reason, naming the field where possible.
    public static func describe(_ error: any Error) -> String {
        guard let decodingError = error as? DecodingError else { return "malformed JSON" }
        let field = field(of: error) ?? "the body"
        switch decodingError {
        case .keyNotFound: return "\(field) is required"
        case .typeMismatch(let type, _): return "\(field) must be \(describe(type))"
        case .valueNotFound(let type, _): return "\(field) must be \(describe(type)), not null"
        case .dataCorrupted(let context):
            return context.codingPath.isEmpty ? "the body is not valid JSON" : "\(field) has an invalid value"
        @unknown default: return "malformed JSON"
        }
    }

    private static func describe(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Int.Type: "an integer"
        case is Double.Type: "a number"
        case is Bool.Type: "true or false"
        default: "of a different type"
        }
    }
}
