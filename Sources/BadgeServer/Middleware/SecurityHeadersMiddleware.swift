import HTTPTypes
import Hummingbird

/// Security headers on every answer: `X-Content-Type-Options: nosniff` everywhere, and on HTML
/// pages `Referrer-Policy: no-referrer` and the pages' Content-Security-Policy unless the
/// handler set a page-specific one (LTI pages name the LMS that may frame them).
struct SecurityHeadersMiddleware: RouterMiddleware {
    static let contentTypeOptions = HTTPField.Name("X-Content-Type-Options")!  // a valid header token
    static let referrerPolicy = HTTPField.Name("Referrer-Policy")!  // a valid header token

    /// The policy header of pages that set none of their own, rendered once.
    let defaultPolicy: String

    init(policy: ContentSecurityPolicy) {
        defaultPolicy = policy.value
    }

    func handle(_ request: Request, context: AppRequestContext, next: (Request, AppRequestContext) async throws -> Response) async throws -> Response
    {
        var response = try await next(request, context)
        response.headers[Self.contentTypeOptions] = "nosniff"
        if response.headers[.contentType]?.hasPrefix("text/html") == true {
            response.headers[Self.referrerPolicy] = "no-referrer"
            if response.headers[ContentSecurityPolicy.header] == nil {
                response.headers[ContentSecurityPolicy.header] = defaultPolicy
            }
        }
        return response
    }
}
