public import HTTPTypes

/// The one error type of the HTTP layer: authentication, request shape and configuration.
public struct BadgeServerError: Error, Sendable, CustomStringConvertible {
    /// What kind of failure this is.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Value: String, Sendable {
            case unauthenticated
            case badRequest
            case configuration
        }
        private let value: Value
        private init(_ value: Value) { self.value = value }

        /// No valid API key came with the request.
        public static let unauthenticated = Code(.unauthenticated)
        /// The request is malformed (bad JSON, a bad query parameter).
        public static let badRequest = Code(.badRequest)
        /// A configuration value is invalid.
        public static let configuration = Code(.configuration)

        public var description: String { value.rawValue }
    }

    /// What kind of failure this is.
    public let code: Code
    /// A reason safe to show to clients.
    public let message: String
    /// The offending field, query parameter or configuration key.
    public let field: String?
    /// Where the error was thrown.
    public let location: String

    /// Creates an error.
    public init(_ code: Code, _ message: String, field: String? = nil, fileID: String = #fileID, line: Int = #line) {
        self.code = code
        self.message = message
        self.field = field
        self.location = "\(fileID):\(line)"
    }

    /// An invalid configuration value.
    public static func configuration(_ key: String, _ problem: String, fileID: String = #fileID, line: Int = #line) -> Self {
        BadgeServerError(.configuration, "configuration key \(key) \(problem)", field: key, fileID: fileID, line: line)
    }

    public var description: String { "BadgeServerError(\(code)): \(message)" }
}
