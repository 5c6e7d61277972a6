public import HTTPTypes
public import Primitives

/// The one error type of the HTTP layer: authentication, request shape and configuration.
public struct BadgeServerError: ModuleError {
    /// What kind of failure this is; extensible without breaking callers (see ``ErrorCode``).
    public typealias Code = ErrorCode<BadgeServerError>

    /// What kind of failure this is.
    public let code: Code
    /// A reason safe to show to clients.
    public let message: String
    /// The offending field, query parameter or configuration key.
    public let field: String?
    /// The underlying error, if any.
    public let cause: (any Error)?
    /// Where the error was thrown.
    public let location: String

    /// Creates an error.
    public init(_ code: Code, _ message: String, field: String? = nil, cause: (any Error)? = nil, fileID: String = #fileID, line: Int = #line) {
        self.code = code
        self.message = message
        self.field = field
        self.cause = cause
        self.location = "\(fileID):\(line)"
    }

    /// An invalid configuration value.
    public static func configuration(_ key: String, _ problem: String, fileID: String = #fileID, line: Int = #line) -> Self {
        BadgeServerError(.configuration, "configuration key \(key) \(problem)", field: key, fileID: fileID, line: line)
    }
}

extension ErrorCode where Module == BadgeServerError {
    /// No valid API key came with the request.
    public static let unauthenticated = Self("unauthenticated")
    /// The request is malformed (bad JSON, a bad query parameter).
    public static let badRequest = Self("badRequest")
    /// A configuration value is invalid.
    public static let configuration = Self("configuration")
}
