public import HTTPTypes
import Primitives
public import Hummingbird

/// HTTP-layer failures: 401 with a Bearer challenge, 400 for malformed requests, and a
/// configuration error as the server's own failure.
extension BadgeServerError: HTTPResponseError, ProblemConvertible {
    public var problem: ProblemDetails {
        if code == .unauthenticated {
            return ProblemDetails(status: .unauthorized, title: "Authentication required", detail: message, code: "unauthenticated")
        }
        let status: HTTPResponse.Status = code == .badRequest ? .badRequest : .internalServerError
        return ProblemDetails(status: status, title: "Bad request", detail: message, code: code.description, field: field)
    }

    public var problemHeaders: HTTPFields {
        code == .unauthenticated ? [.wwwAuthenticate: "Bearer realm=\"badged\""] : [:]
    }
}
