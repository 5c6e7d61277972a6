public import HTTPTypes
import Hummingbird
public import Primitives

/// HTTP-layer failures: 401 with a Bearer challenge, 400 for malformed requests, 403 for a
/// link-spending form posted from another site, and a configuration error as the server's own failure.
extension BadgeServerErrors: ProblemMapping {
    public static func problem(for error: BadgeServerError) -> ProblemDetails {
        if error.code == .unauthenticated {
            return ProblemDetails(status: .unauthorized, title: "Authentication required", detail: error.message, code: "unauthenticated")
        }
        if error.code == .crossSiteForm {
            return ProblemDetails(status: .forbidden, title: "Forbidden", detail: error.message, code: "cross_site_form")
        }
        let status: HTTPResponse.Status = error.code == .badRequest ? .badRequest : .internalServerError
        return ProblemDetails(status: status, title: "Bad request", detail: error.message, code: error.code.description, field: error.field)
    }

    public static func headers(for error: BadgeServerError) -> HTTPFields {
        error.code == .unauthenticated ? [.wwwAuthenticate: "Bearer realm=\"badged\""] : [:]
    }
}
