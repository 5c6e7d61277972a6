/// Why an assertion was revoked: published in the issuer's RevocationList and on the hosted
/// assertion, so it is bounded and never blank. One rule for every way of revoking (API, CLI,
/// bulk, stacking).
public struct RevocationReason: Hashable, Sendable, CustomStringConvertible {
    /// The longest reason accepted.
    public static let maximumLength = 500

    /// The reason as given.
    public let text: String

    /// Checks a reason.
    /// - Throws: ``BadgeCoreError`` `.validation` naming `reason` when it is blank or longer than
    ///   ``maximumLength`` characters.
    public init(_ text: String) throws(BadgeCoreError) {
        guard !text.allSatisfy(\.isWhitespace), text.count <= Self.maximumLength else {
            throw .invalid("reason", "revoking needs a reason of 1 to \(Self.maximumLength) characters")
        }
        self.text = text
    }

    public var description: String { text }
}
