public import Primitives
/// The one error type of the domain layer.
///
/// A ``Code`` says what went wrong; `field` names the offending input (as it is spelled in the
/// public JSON shape) when the error is a validation failure. Domain errors know nothing of HTTP:
/// the server maps codes to statuses.
public struct BadgeCoreError: ModuleError {
    /// What kind of failure this is; extensible without breaking callers (see ``ErrorCode``).
    public typealias Code = ErrorCode<BadgeCoreError>

    /// What kind of failure this is.
    public let code: Code
    /// A human-readable reason, safe to show to API clients.
    public let message: String
    /// The offending input field in the public JSON shape, such as `ects`.
    public let field: String?
    /// The underlying error, if any.
    public let cause: (any Error)?
    /// Where the error was thrown.
    public let location: String

    /// Creates an error.
    public init(
        _ code: Code,
        _ message: String,
        field: String? = nil,
        cause: (any Error)? = nil,
        fileID: String = #fileID,
        line: Int = #line
    ) {
        self.code = code
        self.message = message
        self.field = field
        self.cause = cause
        self.location = "\(fileID):\(line)"
    }

    /// A validation failure of one field.
    public static func invalid(_ field: String, _ message: String, fileID: String = #fileID, line: Int = #line) -> Self {
        BadgeCoreError(.validation, message, field: field, fileID: fileID, line: line)
    }

    public var description: String {
        "BadgeCoreError(\(code)\(field.map { ", field: \($0)" } ?? ""): \(message))"
    }
}

extension ErrorCode where Module == BadgeCoreError {
    /// Input breaks a rule of the domain model.
    public static let validation = Self("validation")
    /// A referenced entity does not exist (or is not visible to the caller).
    public static let notFound = Self("notFound")
    /// The request collides with existing state (a duplicate identifier, an archived parent).
    public static let conflict = Self("conflict")
    /// The change touches values that may no longer change (issued badge class metadata).
    public static let frozen = Self("frozen")
    /// The caller's role does not allow the action.
    public static let forbidden = Self("forbidden")
}
