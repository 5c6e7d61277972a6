import BadgeCore
import CLibXML2
public import Foundation

/// Reads a Europass EDCI 1.2 credential (or a presentation wrapping one) into edubadges form.
///
/// The document is parsed safely, validated against the schema first (so legacy 1.0
/// documents are refused with the schema problem, never half-imported), its signature is
/// verified when present, and every element or attribute that has no place in the edubadges
/// model is reported as a ``ConversionDiagnostic``.
public struct EDCIImporter: Sendable {
    static let presentationNamespace = "http://data.europa.eu/snb/vp"
    static let credNamespace = "http://data.europa.eu/europass/model/credentials/w3c#"

    private let schema: EDCISchema
    private let verifier: EDCISignatureVerifier
    private let limits: LibXMLDocument.Limits

    /// Creates an importer.
    /// - Parameters:
    ///   - schema: load ``EDCISchema/presentationSchemaFile`` to accept presentations as well
    ///     as bare credentials; ``EDCISchema/credentialSchemaFile`` accepts credentials only.
    ///   - verifier: checks signatures; by default without a trusted certificate.
    ///   - limits: input bounds; 5 MiB by default.
    public init(schema: EDCISchema, verifier: EDCISignatureVerifier = EDCISignatureVerifier(), limits: LibXMLDocument.Limits = .default) {
        self.schema = schema
        self.verifier = verifier
        self.limits = limits
    }

    /// Imports a credential.
    /// - Throws: ``EDCIError`` `tooLarge`, `malformed`, `forbiddenConstruct` (unsafe XML),
    ///   `schemaInvalid` (with every violation and its line) or `unsupportedDocument`.
    public func importCredential(from data: Data) throws(EDCIError) -> EDCIImport {
        let document = try LibXMLDocument(parsing: data, limits: limits)
        try schema.validate(document)
        guard let root = xmlDocGetRootElement(document.pointer) else {
            throw EDCIError(.unsupportedDocument, "The document has no root element")
        }
        let reader = ImportReader(root: root)
        let credential: xmlNodePtr
        switch (XMLNodes.name(root), XMLNodes.namespace(root)) {
        case ("europassCredential", XMLSecKeys.eupNamespace?):
            credential = root
        case ("verifiablePresentation", Self.presentationNamespace?):
            guard let inner = reader.child(root, "europassCredential") else {
                throw EDCIError(.unsupportedDocument, "The presentation holds no europassCredential")
            }
            reader.use(root)
            credential = inner
        default:
            throw EDCIError(.unsupportedDocument, "The root element \(XMLNodes.name(root)) is not an EDCI credential or presentation")
        }
        let signature = try verifier.verify(document)
        if signature.status != .unsigned, let proof = XMLSecKeys.proof(in: root) {
            reader.useSubtree(proof)  // reported through `signature`
        }
        var result = try EDCICredentialTranslator(reader: reader, credential: credential).translate(signature: signature)
        if let proof = XMLSecKeys.proof(in: credential), XMLNodes.elements(proof).isEmpty { reader.use(proof) }
        result.diagnostics = reader.diagnostics(from: root)
        return result
    }
}
