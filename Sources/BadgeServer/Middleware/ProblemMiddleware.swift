import BadgeCore
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOHTTP1

/// Turns every error thrown below it into an `application/problem+json` response, or into the
/// HTML error page for a browser (a request whose `Accept` prefers `text/html`).
///
/// Errors that know their problem (``ProblemConvertible``: one mapping per module) answer with
/// it; body decoding failures are 400 or 422 naming the field; Hummingbird's own errors keep
/// their status; anything else is an opaque 500. Every 5xx is logged once with the request id
/// and the matched route pattern — never the path itself (it may carry a secret, such as a
/// registration link's), request bodies or credentials.
struct ProblemMiddleware: RouterMiddleware {
    /// Renders the HTML error page.
    let pages: PageRenderer

    func handle(_ request: Request, context: AppRequestContext, next: (Request, AppRequestContext) async throws -> Response) async throws -> Response
    {
        do {
            return try await next(request, context)
        } catch {
            var (problem, headers) = Self.problem(for: error, request: request)
            problem.requestID = context.id
            let route = context.endpointPath ?? "unmatched"
            if problem.status >= 500 {
                context.logger.error(
                    "request failed",
                    metadata: ["http.route": "\(route)", "error.type": "\(String(reflecting: type(of: error)))", "error": "\(error)"]
                )
            } else {
                context.logger.debug("request refused", metadata: ["http.route": "\(route)", "problem.code": "\(problem.code)"])
            }
            if CredentialPage.wantsHTML(request.headers[.accept]), let page = pages.errorResponse(for: problem, headers: headers) {
                return page
            }
            return problem.response(extraHeaders: headers)
        }
    }

    static func problem(for error: any Error, request: Request) -> (ProblemDetails, HTTPFields) {
        switch error {
        case let error as any ProblemConvertible:
            return (error.problem, error.problemHeaders)
        case is HTTPParserError:
            // A body cut short (Content-Length larger than what arrived) or a malformed request
            // is the client's failure: 400, logged at debug like any other 4xx.
            return (
                ProblemDetails(
                    status: .badRequest,
                    title: "Malformed request",
                    detail: "the request ended early or could not be read as HTTP",
                    code: "malformed_request"
                ), [:]
            )
        case let error as DecodingError:
            if case .dataCorrupted(let context) = error, context.codingPath.isEmpty {
                return (
                    ProblemDetails(status: .badRequest, title: "Malformed JSON", detail: "the body is not valid JSON", code: "malformed_json"), [:]
                )
            }
            return (
                ProblemDetails(
                    status: .unprocessableContent,
                    title: "Validation failed",
                    detail: DecodingFailure.describe(error),
                    code: "validation",
                    field: DecodingFailure.field(of: error)
                ), [:]
            )
        case let error as any HTTPResponseError:
            let status = error.status
            let detail: String
            if let httpError = error as? HTTPError, let message = httpError.body {
                detail = message
            } else if status == .notFound {
                detail = "no route for \(request.method) \(request.uri.path)"
            } else if status == .contentTooLarge {
                detail = "the request body is too large"
            } else {
                detail = status.reasonPhrase
            }
            return (ProblemDetails(status: status, title: status.reasonPhrase, detail: detail, code: slug(status.reasonPhrase)), [:])
        default:
            return (.internal, [:])
        }
    }

    private static func slug(_ phrase: String) -> String {
        phrase.lowercased().replacingOccurrences(of: " ", with: "_")
    }
}
