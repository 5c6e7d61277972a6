import Foundation
public import HTTPTypes
import Hummingbird
import NIOCore

/// An RFC 9457 problem document, the body of every error response (`application/problem+json`).
public struct ProblemDetails: Codable, Sendable, Equatable {
    /// Always `about:blank`: the `code` member says which problem this is.
    public var type: String
    /// A short summary of the problem kind, such as "Validation failed".
    public var title: String
    /// The HTTP status.
    public var status: Int
    /// What went wrong in this request.
    public var detail: String
    /// badged's machine-readable problem code, such as `validation`.
    public var code: String
    /// The offending input field (JSON name or query parameter), for validation errors.
    public var field: String?
    /// The request's identifier, as logged.
    public var requestID: String?

    enum CodingKeys: String, CodingKey {
        case type, title, status, detail, code, field
        case requestID = "request_id"
    }

    /// Creates a problem document.
    public init(status: HTTPResponse.Status, title: String, detail: String, code: String, field: String? = nil, requestID: String? = nil) {
        self.type = "about:blank"
        self.title = title
        self.status = status.code
        self.detail = detail
        self.code = code
        self.field = field
        self.requestID = requestID
    }

    /// The problem as a response.
    func response(extraHeaders: HTTPFields = [:]) -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(self)) ?? Data("{\"title\":\"error\"}".utf8)
        var headers = extraHeaders
        headers[.contentType] = "application/problem+json"
        return Response(
            status: HTTPResponse.Status(code: status),
            headers: headers,
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: data))
        )
    }
}
