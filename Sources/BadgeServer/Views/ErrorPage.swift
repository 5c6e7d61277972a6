import Foundation
import HTTPTypes
import Hummingbird

/// The page a browser gets when a request fails: the status, what went wrong and the request id
/// to quote, the same facts as the `application/problem+json` document API clients get.
struct ErrorPage: PageModel {
    static let template = "error"

    /// The HTTP status code.
    let status: Int
    /// The problem's summary, such as "Not found".
    let title: String
    /// What went wrong in this request.
    let detail: String
    /// The request's identifier, as logged.
    let requestID: String?
}

extension ErrorPage {
    /// The page for a problem document.
    init(problem: ProblemDetails) {
        self.init(status: problem.status, title: problem.title, detail: problem.detail, requestID: problem.requestID)
    }
}

extension PageRenderer {
    /// The problem as an HTML error page with its status, or nil if the page cannot be rendered
    /// (the caller then answers with the problem document).
    /// - Parameters:
    ///   - problem: the problem to show.
    ///   - headers: headers the problem's response carries, such as `WWW-Authenticate`.
    func errorResponse(for problem: ProblemDetails, headers: HTTPFields = [:]) -> Response? {
        try? response(ErrorPage(problem: problem), status: HTTPResponse.Status(code: problem.status), headers: headers)
    }
}
