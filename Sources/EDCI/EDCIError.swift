// Re-exported: every module's error is a `ModuleError`, whose members callers must see.
@_exported public import Primitives

/// The one error type of the EDCI module.
///
/// A ``Code`` says what went wrong; `message` names the problem in words an operator can act on
/// (for XML problems it includes the line and libxml2's own message). Conversion losses are not
/// errors: they are reported as ``ConversionDiagnostic`` values.
public typealias EDCIError = ModuleError<EDCIErrors>

/// The domain of ``EDCIError``s.
public enum EDCIErrors: ErrorDomain {
    public static let name = "EDCIError"
}

extension ErrorCode where Module == EDCIErrors {
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

/// Every schema violation of a document, with line numbers: the cause of an ``EDCIError`` whose
/// code is `schemaInvalid` (or `schemaUnavailable` when the schema set itself is broken).
public struct SchemaViolations: Error, Sendable {
    /// The violations in document order.
    public let issues: [XMLIssue]
}

extension ModuleError where Domain == EDCIErrors {
    /// Creates an error that lists schema violations.
    public init(_ code: Code, _ message: String, validationErrors: [XMLIssue], fileID: String = #fileID, line: Int = #line) {
        self.init(code, message, cause: SchemaViolations(issues: validationErrors), fileID: fileID, line: line)
    }

    /// Every schema violation, with line numbers, when ``code`` is `schemaInvalid`.
    public var validationErrors: [XMLIssue] {
        (cause as? SchemaViolations)?.issues ?? []
    }
}
