import BadgeCore
import BadgeStorage
import EDCI
import Foundation
import HTTPTypes
import Hummingbird
import LTI
import Logging

/// Turns every error thrown below it into an `application/problem+json` response, or into the
/// HTML error page for a browser (a request whose `Accept` prefers `text/html`).
///
/// Domain and storage errors are mapped by code; anything unmapped becomes an opaque 500 that
/// is logged once with the request id (never with request bodies or credentials).
struct ProblemMiddleware: RouterMiddleware {
    /// Renders the HTML error page.
    let pages: PageRenderer

    func handle(_ request: Request, context: AppRequestContext, next: (Request, AppRequestContext) async throws -> Response) async throws -> Response
    {
        do {
            return try await next(request, context)
        } catch {
            let requestID = context.id
            let (problem, headers) = Self.problem(for: error, request: request, requestID: requestID)
            if problem.status >= 500 {
                context.logger.error(
                    "request failed",
                    metadata: ["http.path": "\(request.uri.path)", "error.type": "\(String(reflecting: type(of: error)))", "error": "\(error)"]
                )
            }
            if SharePage.wantsHTML(request.headers[.accept]), let page = pages.errorResponse(for: problem, headers: headers) {
                return page
            }
            return problem.response(extraHeaders: headers)
        }
    }

    static func problem(for error: any Error, request: Request, requestID: String) -> (ProblemDetails, HTTPFields) {
        switch error {
        case let error as BadgeCoreError:
            let (status, title) = mapping(for: error.code)
            return (
                ProblemDetails(
                    status: status,
                    title: title,
                    detail: error.message,
                    code: error.code.description,
                    field: error.field,
                    requestID: requestID
                ), [:]
            )
        case let error as BadgeServerError:
            if error.code == .unauthenticated {
                return (
                    ProblemDetails(
                        status: .unauthorized,
                        title: "Authentication required",
                        detail: error.message,
                        code: "unauthenticated",
                        requestID: requestID
                    ),
                    [.wwwAuthenticate: "Bearer realm=\"badged\""]
                )
            }
            let status: HTTPResponse.Status = error.code == .badRequest ? .badRequest : .internalServerError
            return (
                ProblemDetails(
                    status: status,
                    title: "Bad request",
                    detail: error.message,
                    code: error.code.description,
                    field: error.field,
                    requestID: requestID
                ), [:]
            )
        case let error as EDCIError:
            let status: HTTPResponse.Status =
                [.schemaUnavailable, .internalFailure, .keyMaterial, .signing].contains(error.code)
                ? .internalServerError : .unprocessableContent
            return (
                ProblemDetails(
                    status: status,
                    title: "EDCI document refused",
                    detail: error.message,
                    code: error.code.description,
                    requestID: requestID
                ), [:]
            )
        case is EDCIUnavailable:
            return (
                ProblemDetails(
                    status: .serviceUnavailable,
                    title: "EDCI not configured",
                    detail: "set edci.schema_dir to the directory of the EU's EDCI XSD set",
                    code: "edci_unavailable",
                    requestID: requestID
                ), [:]
            )
        case let error as LTIError:
            let status = ltiStatus(error.code)
            return (
                ProblemDetails(
                    status: status,
                    title: "LTI request refused",
                    detail: error.message,
                    code: error.code.description,
                    requestID: requestID
                ), [:]
            )
        case let error as DecodingError:
            if case .dataCorrupted(let context) = error, context.codingPath.isEmpty {
                return (
                    ProblemDetails(
                        status: .badRequest,
                        title: "Malformed JSON",
                        detail: "the body is not valid JSON",
                        code: "malformed_json",
                        requestID: requestID
                    ), [:]
                )
            }
            return (
                ProblemDetails(
                    status: .unprocessableContent,
                    title: "Validation failed",
                    detail: DecodingFailure.describe(error),
                    code: "validation",
                    field: DecodingFailure.field(of: error),
                    requestID: requestID
                ), [:]
            )
        case let error as StorageError where error.code == .unavailable:
            return (
                ProblemDetails(
                    status: .serviceUnavailable,
                    title: "Database unavailable",
                    detail: "the database cannot be reached",
                    code: "unavailable",
                    requestID: requestID
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
            return (
                ProblemDetails(status: status, title: status.reasonPhrase, detail: detail, code: slug(status.reasonPhrase), requestID: requestID), [:]
            )
        default:
            return (
                ProblemDetails(
                    status: .internalServerError,
                    title: "Internal error",
                    detail: "the server failed; quote the request id when reporting it",
                    code: "internal",
                    requestID: requestID
                ), [:]
            )
        }
    }

    private static func mapping(for code: BadgeCoreError.Code) -> (HTTPResponse.Status, String) {
        switch code {
        case .validation: (.unprocessableContent, "Validation failed")
        case .notFound: (.notFound, "Not found")
        case .conflict: (.conflict, "Conflict")
        case .frozen: (.conflict, "Metadata frozen")
        case .forbidden: (.forbidden, "Forbidden")
        default: (.internalServerError, "Internal error")
        }
    }

    private static func ltiStatus(_ code: LTIError.Code) -> HTTPResponse.Status {
        switch code {
        case .invalidRequest, .malformedToken, .missingClaim, .wrongMessageType, .wrongVersion, .missingResourceLink: .badRequest
        case .unknownPlatform, .ambiguousPlatform, .unknownDeployment: .forbidden
        case .keySetUnavailable, .tokenRequestFailed, .serviceRequestFailed, .invalidResponse: .badGateway
        case .invalidKey: .internalServerError
        default: .unauthorized
        }
    }

    private static func slug(_ phrase: String) -> String {
        phrase.lowercased().replacingOccurrences(of: " ", with: "_")
    }
}
