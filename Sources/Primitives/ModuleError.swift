/// The errors of one module (an empty enum per module names them), so that ``ModuleError``
/// is one shape for every module while their codes stay apart.
public protocol ErrorDomain: Sendable {
    /// The name the module's errors print under, such as `BadgeCoreError`.
    static var name: String { get }
}

/// The one error shape every module shares: an ``ErrorCode``, a message that is safe to show
/// (never tokens, keys or recipient identities), the offending field, the underlying error and
/// where it was thrown. A module declares `typealias XError = ModuleError<XErrors>` and its
/// codes; domain errors know nothing of HTTP (BadgeServer maps each domain once).
public struct ModuleError<Domain: ErrorDomain>: Error, Sendable, CustomStringConvertible {
    /// What kind of failure this is; extensible without breaking callers.
    public typealias Code = ErrorCode<Domain>

    /// What kind of failure this is.
    public let code: Code
    /// A human-readable reason, safe to show to clients.
    public let message: String
    /// The offending input field (as spelled in the public JSON shape), query parameter or
    /// configuration key, when there is one.
    public let field: String?
    /// The underlying error, if any.
    public let cause: (any Error)?
    /// Where the error was thrown, as `fileID:line`.
    public let location: String

    /// Creates an error.
    public init(_ code: Code, _ message: String, field: String? = nil, cause: (any Error)? = nil, fileID: String = #fileID, line: Int = #line) {
        self.code = code
        self.message = message
        self.field = field
        self.cause = cause
        self.location = "\(fileID):\(line)"
    }

    public var description: String {
        "\(Domain.name)(\(code)\(field.map { ", field: \($0)" } ?? "")): \(message)"
    }
}
