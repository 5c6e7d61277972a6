public import HTTPTypes
public import Hummingbird
public import Primitives

/// How one module's errors become problem documents: each module's error domain conforms once,
/// in a file beside this one, and every ``ModuleError`` of that domain is then a
/// ``ProblemConvertible`` (and a Hummingbird `HTTPResponseError`).
public protocol ProblemMapping: ErrorDomain {
    /// The problem document of an error, without the request id.
    static func problem(for error: ModuleError<Self>) -> ProblemDetails
    /// Headers the answer carries besides the content type.
    static func headers(for error: ModuleError<Self>) -> HTTPFields
}

extension ProblemMapping {
    public static func headers(for error: ModuleError<Self>) -> HTTPFields { [:] }
}

extension ModuleError: ResponseGenerator, HTTPResponseError, ProblemConvertible where Domain: ProblemMapping {
    public var problem: ProblemDetails { Domain.problem(for: self) }
    public var problemHeaders: HTTPFields { Domain.headers(for: self) }
}
