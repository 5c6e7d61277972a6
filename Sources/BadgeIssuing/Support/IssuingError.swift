public import Primitives

/// The one error type of the application layer: what a use case refuses that is not a rule of
/// the domain (those are ``BadgeCoreError``s) — configuration it cannot work with, and features
/// that are not set up.
public struct IssuingError: ModuleError {
    /// What kind of failure this is; extensible without breaking callers (see ``ErrorCode``).
    public typealias Code = ErrorCode<IssuingError>

    /// What kind of failure this is.
    public let code: Code
    /// A reason safe to show to clients and operators.
    public let message: String
    /// The offending configuration key or field.
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

    /// EDCI is not set up: `edci.schema_dir` names no schema set.
    public static var edciUnavailable: Self {
        IssuingError(.edciUnavailable, "set edci.schema_dir to the directory of the EU's EDCI XSD set", field: "edci.schema_dir")
    }

    /// An invalid configuration value.
    public static func configuration(_ key: String, _ problem: String, fileID: String = #fileID, line: Int = #line) -> Self {
        IssuingError(.configuration, "configuration key \(key) \(problem)", field: key, fileID: fileID, line: line)
    }
}

extension ErrorCode where Module == IssuingError {
    /// A configuration value is invalid or missing for what was asked.
    public static let configuration = Self("configuration")
    /// EDCI needs `edci.schema_dir`, which is not set.
    public static let edciUnavailable = Self("edci_unavailable")
}
