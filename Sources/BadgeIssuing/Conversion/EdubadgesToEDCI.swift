import BadgeCore
public import EDCI
public import Foundation
import OpenBadges

/// Converts an edubadges Open Badges 2.0 assertion file to a Europass EDCI credential, offline:
/// read (``EdubadgesReader``), export, sign when a key and certificate are given, and validate
/// against the EU schema. Every field that could not be carried is listed, from either step.
public struct EdubadgesToEDCI: Sendable {
    /// The converted credential.
    public struct Result: Sendable {
        /// The EDCI XML (UTF-8, indented).
        public let xml: Data
        /// What could not be carried, with the path it was found at.
        public let diagnostics: [ConversionDiagnostic]
    }

    private let schema: EDCISchema
    private let signer: EDCISigner?

    /// Creates a converter.
    /// - Parameters:
    ///   - schema: the compiled EU credential schema every output must validate against.
    ///   - signer: signs the output (enveloped XML signature) when given.
    public init(schema: EDCISchema, signer: EDCISigner?) {
        self.schema = schema
        self.signer = signer
    }

    /// Converts one assertion document.
    /// - Throws: ``OpenBadgesError`` for an unreadable document (naming the field),
    ///   ``EDCIError`` when the export fails, signing fails or the output does not validate.
    public func convert(_ json: Data) throws -> Result {
        let credential = try EdubadgesReader().read(json)
        let input = EDCICredentialInput(
            institution: credential.institution,
            issuer: credential.issuer,
            learner: .openBadgesRecipient(credential.recipient),
            achievement: .init(
                badgeClass: credential.badgeClass,
                badgeClassID: credential.badgeClassID,
                assertionID: credential.assertionID,
                issuedOn: credential.issuedOn
            ),
            expires: credential.expires
        )
        let export = try EDCIExporter().export(input)
        try signer?.sign(export.document)
        try schema.validate(export.document)
        let read = credential.diagnostics.map { ConversionDiagnostic(path: $0.path, message: $0.message) }
        return Result(xml: export.xmlData(), diagnostics: read + export.diagnostics)
    }
}

extension EDCICredentialInput.Learner {
    /// The learner of an Open Badges assertion: its recipient as published (hashed unless the
    /// issuer published it plain), so the EDCI credential reveals no more than the badge.
    static func openBadgesRecipient(_ recipient: HashedRecipient) -> Self {
        Self(identifier: recipient.identity, identifierScheme: "Open Badges hashed recipient (\(recipient.type.rawValue))")
    }
}
