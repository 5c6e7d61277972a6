public import HTTPTypes
public import Hummingbird

/// An error that knows its problem document: each module's error type gets one small mapping
/// (a file beside this one), instead of one switch that knows every module.
///
/// Conforming errors are also Hummingbird `HTTPResponseError`s, so they render the same when
/// thrown outside ``ProblemMiddleware``; the middleware adds the request id and logs 5xx answers.
public protocol ProblemConvertible: HTTPResponseError {
    /// The problem document, without the request id.
    var problem: ProblemDetails { get }
    /// Headers the answer carries besides the content type (such as `WWW-Authenticate`).
    var problemHeaders: HTTPFields { get }
}

extension ProblemConvertible {
    public var status: HTTPResponse.Status { HTTPResponse.Status(code: problem.status) }

    public var problemHeaders: HTTPFields { [:] }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        problem.response(extraHeaders: problemHeaders)
    }
}

extension ProblemDetails {
    /// The opaque answer for failures that are the server's own: nothing about the cause leaks.
    public static var `internal`: ProblemDetails {
        ProblemDetails(
            status: .internalServerError,
            title: "Internal error",
            detail: "the server failed; quote the request id when reporting it",
            code: "internal"
        )
    }
}
