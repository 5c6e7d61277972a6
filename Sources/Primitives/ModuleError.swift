/// The shape every module's one error type has: a ``ErrorCode``, a message that is safe to show
/// (never tokens, keys or recipient identities), the underlying error and where it was thrown.
///
/// A conforming struct declares its stored properties and initialiser; the description comes
/// from here. Domain errors know nothing of HTTP: BadgeServer maps them.
public protocol ModuleError: Error, Sendable, CustomStringConvertible {
    /// What kind of failure this is.
    var code: ErrorCode<Self> { get }
    /// A human-readable reason.
    var message: String { get }
    /// The underlying error, if any.
    var cause: (any Error)? { get }
    /// Where the error was thrown, as `fileID:line`.
    var location: String { get }
}

extension ModuleError {
    public var description: String { "\(Self.self)(\(code)): \(message)" }
}
