// Re-exported: every module's error is a `ModuleError`, whose members callers must see.
@_exported public import Primitives

/// The one error type of the domain layer.
///
/// A ``Code`` says what went wrong; `field` names the offending input (as it is spelled in the
/// public JSON shape) when the error is a validation failure. Domain errors know nothing of HTTP:
/// the server maps codes to statuses.
public typealias BadgeCoreError = ModuleError<BadgeCoreErrors>

/// The domain of ``BadgeCoreError``s.
public enum BadgeCoreErrors: ErrorDomain {
    public static let name = "BadgeCoreError"
}

extension ModuleError where Domain == BadgeCoreErrors {
    /// A validation failure of one field.
    public static func invalid(_ field: String, _ message: String, fileID: String = #fileID, line: Int = #line) -> Self {
        Self(.validation, message, field: field, fileID: fileID, line: line)
    }
}

extension ErrorCode where Module == BadgeCoreErrors {
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
