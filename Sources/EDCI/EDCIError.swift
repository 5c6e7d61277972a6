public import Primitives
/// The one error type of the EDCI module.
///
/// A ``Code`` says what went wrong; `message` names the problem in words an operator can act on
/// (for XML problems it includes the line and libxml2's own message). Conversion losses are not
/// errors: they are reported as ``ConversionDiagnostic`` values.
public struct EDCIError: ModuleError {
    /// What kind of failure this is; extensible without breaking callers (see ``ErrorCode``).
    public typealias Code = ErrorCode<EDCIError>

    /// What kind of failure this is.
    public let code: Code
    /// A human-readable reason; it never contains key material.
    public let message: String
    /// Every schema violation, with line numbers, when ``code`` is ``Code/schemaInvalid``.
    public let validationErrors: [XMLIssue]
    /// The underlying error, if any.
    public let cause: (any Error)?
    /// Where the error was thrown.
    public let location: String

    /// Creates an error.
    public init(
        _ code: Code,
        _ message: String,
        validationErrors: [XMLIssue] = [],
        cause: (any Error)? = nil,
        fileID: String = #fileID,
        line: Int = #line
    ) {
        self.code = code
        self.message = message
        self.validationErrors = validationErrors
        self.cause = cause
        self.location = "\(fileID):\(line)"
    }
}

extension ErrorCode where Module == EDCIError {
    /// The input is larger than the configured limit.
    public static let tooLarge = Self("tooLarge")
    /// The input is not well-formed XML.
    public static let malformed = Self("malformed")
    /// The input uses a construct badged refuses: a DOCTYPE with entity declarations or an external DTD.
    public static let forbiddenConstruct = Self("forbiddenConstruct")
    /// The XSD set could not be found or compiled.
    public static let schemaUnavailable = Self("schemaUnavailable")
    /// The document does not validate against the EDCI schema.
    public static let schemaInvalid = Self("schemaInvalid")
    /// The document validates but is not something this module can read (another root element).
    public static let unsupportedDocument = Self("unsupportedDocument")
    /// The badged values given to the exporter cannot form a credential.
    public static let invalidInput = Self("invalidInput")
    /// A PEM key or certificate could not be loaded.
    public static let keyMaterial = Self("keyMaterial")
    /// libxmlsec1 failed to create or check a signature structure.
    public static let signing = Self("signing")
    /// libxml2 or libxmlsec1 failed in a way that is not the input's fault (out of memory, init failure).
    public static let internalFailure = Self("internalFailure")
}
