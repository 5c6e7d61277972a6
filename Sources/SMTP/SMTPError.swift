// Re-exported: every module's error is a `ModuleError`, whose members callers must see.
@_exported public import Primitives

/// The one error type of the SMTP module.
public typealias SMTPError = ModuleError<SMTPErrors>

/// The domain of ``SMTPError``s.
public enum SMTPErrors: ErrorDomain {
    public static let name = "SMTPError"
}

extension ErrorCode where Module == SMTPErrors {
    /// An address, header or setting that cannot be used (such as CR or LF in an address).
    public static let invalidInput = Self("invalid_input")
    /// The relay could not be reached, or the connection broke.
    public static let connectionFailed = Self("connection_failed")
    /// The relay took longer than the configured time.
    public static let timeout = Self("timeout")
    /// The relay answered 4xx: try again later.
    public static let deferred = Self("deferred")
    /// The relay answered 5xx: the message will not be taken as it is.
    public static let rejected = Self("rejected")
    /// The relay's answer was malformed or too long, or lacked what was configured (STARTTLS, AUTH PLAIN).
    public static let protocolViolation = Self("protocol_violation")
}

extension ModuleError where Domain == SMTPErrors {
    /// Whether sending again later may succeed (everything but a permanent 5xx refusal and bad input).
    public var isTransient: Bool {
        code != .rejected && code != .invalidInput
    }
}
