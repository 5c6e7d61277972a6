import BadgeCore
public import Foundation

/// Turns an awarded badge (``EDCICredentialInput``) into a Europass EDCI 1.2 credential that
/// validates against `genericschema_1.2.xsd`.
///
/// The output is deterministic: the same input gives the same bytes (dates come from the
/// input, record ids are numbered in document order, nothing random or clock-based is added).
/// Anything badged knows but EDCI has no place for is returned as a ``ConversionDiagnostic``.
public struct EDCIExporter: Sendable {
    /// Creates an exporter.
    public init() {}

    /// Builds the credential document.
    /// - Parameter input: the badge, its issuer hierarchy and the learner.
    /// - Returns: the document (unsigned, with an empty place for the signature left to
    ///   ``EDCISigner``) and the diagnostics for what it could not carry.
    /// - Throws: ``EDCIError`` `invalidInput` when a required value is missing (an empty
    ///   assertion id or learner identifier, a badge class with no name).
    public func export(_ input: EDCICredentialInput) throws(EDCIError) -> EDCIExport {
        var builder = EDCICredentialBuilder(input: input)
        let tree = try builder.build()
        // The tree carries its own indentation, so what is signed is what is serialized.
        return EDCIExport(document: try tree.makeDocument(), diagnostics: builder.diagnostics)
    }
}

/// The result of ``EDCIExporter/export(_:)``.
public struct EDCIExport {
    /// The credential; sign it with ``EDCISigner/sign(_:)`` before publishing.
    public let document: LibXMLDocument
    /// What could not be carried into EDCI.
    public let diagnostics: [ConversionDiagnostic]

    /// The document's bytes (UTF-8, indented).
    public func xmlData() -> Data {
        document.serialized()
    }
}
