public import BadgeCore
import Primitives
public import Hummingbird

/// Domain rule violations: 422 validation, 404, 409 (conflict and frozen metadata), 403.
extension BadgeCoreError: HTTPResponseError, ProblemConvertible {
    public var problem: ProblemDetails {
        let (status, title): (HTTPResponse.Status, String) =
            switch code {
            case .validation: (.unprocessableContent, "Validation failed")
            case .notFound: (.notFound, "Not found")
            case .conflict: (.conflict, "Conflict")
            case .frozen: (.conflict, "Metadata frozen")
            case .forbidden: (.forbidden, "Forbidden")
            default: (.internalServerError, "Internal error")
            }
        return ProblemDetails(status: status, title: title, detail: message, code: code.description, field: field)
    }
}
