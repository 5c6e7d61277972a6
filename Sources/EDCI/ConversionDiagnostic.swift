/// A piece of information a conversion could not carry over: never dropped silently.
public struct ConversionDiagnostic: Hashable, Sendable, CustomStringConvertible {
    /// Where the information is: an element path such as
    /// `/europassCredential/credentialSubject/dateOfBirth` on import, or a badged field such as
    /// `badge_class.image_url` on export.
    public let path: String
    /// What was not carried over, and why.
    public let message: String

    /// Creates a diagnostic.
    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }

    public var description: String { "\(path): \(message)" }
}
