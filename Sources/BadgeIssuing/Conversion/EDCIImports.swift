public import BadgeCore
public import Foundation

/// Imports Europass EDCI credentials: a preview in edubadges form (diagnostics and signature
/// result included), and on request a stored import — the original XML, the converted form and
/// an extra-curricular badge class under an issuer, in one transaction. The learner's identifier
/// is kept only as a digest.
public struct EDCIImports: Sendable {
    /// A stored import as the API answers it.
    public struct Stored: Encodable, Sendable {
        public let id: UUID
        public let badgeClassID: UUID
        public let credentialID: String
        public let signatureStatus: String
        /// Whether the signer's chain reaches a CA in `edci.trusted_ca_dir`, and why.
        public let signatureTrust: EDCISignatureTrust.Status?
        public let signatureTrustReason: String?
        public let preview: EDCIPreview

        enum CodingKeys: String, CodingKey {
            case id, preview
            case badgeClassID = "badge_class_id"
            case credentialID = "credential_id"
            case signatureStatus = "signature_status"
            case signatureTrust = "signature_trust"
            case signatureTrustReason = "signature_trust_reason"
        }
    }

    let catalog: any CatalogStore
    let imports: any EDCIImportStore
    let schemas: EDCISchemaLoader
    let trust: EDCITrustStore
    let ids: any IDGenerator
    let clock: any TimeSource

    /// Creates the import use case.
    /// - Parameter trust: judges whether a signer's chain reaches a CA of `edci.trusted_ca_dir`.
    public init(
        catalog: any CatalogStore,
        imports: any EDCIImportStore,
        schemas: EDCISchemaLoader,
        trust: EDCITrustStore,
        ids: any IDGenerator,
        clock: any TimeSource
    ) {
        self.catalog = catalog
        self.imports = imports
        self.schemas = schemas
        self.trust = trust
        self.ids = ids
        self.clock = clock
    }

    /// The edubadges form of an EDCI document, with the signer's trust judged.
    public func preview(_ xml: Data) async throws -> EDCIPreview {
        try await EDCIPreview(xml: xml, schema: try await schemas.presentationSchema(), trust: trust)
    }

    /// Previews and stores an import under an issuer. The caller's right to write the issuer's
    /// badge classes is checked before the document is parsed; a document whose signature is
    /// present and does not verify is refused, and an unsigned one is stored only on request.
    /// - Parameters:
    ///   - allowUnsigned: store a document that carries no signature (the import then says
    ///     `signature_status: unsigned`).
    ///   - principal: the caller, who must be allowed to write badge classes of the issuer's institution.
    /// - Throws: ``BadgeCoreError`` `.notFound` for a missing issuer, `.forbidden`, `.validation`
    ///   naming `signature` (invalid) or `allow_unsigned` (unsigned, not asked for), `.conflict`
    ///   when the institution imported the credential before; nothing is written then.
    public func store(_ xml: Data, issuerID: UUID, allowUnsigned: Bool, by principal: Principal) async throws -> Stored {
        guard let issuer = try await catalog.find(Issuer.self, id: issuerID), !issuer.isArchived else {
            throw BadgeCoreError(.notFound, "no live issuer with that id", field: "issuer_id")
        }
        try principal.requireWrite(.badgeClass, institution: issuer.institutionID)
        let preview = try await preview(xml)
        switch preview.signature.status {
        case "valid":
            break
        case "unsigned":
            guard allowUnsigned else {
                throw BadgeCoreError.invalid("allow_unsigned", "the credential is not signed; send allow_unsigned=true to store it unsigned")
            }
        default:
            throw BadgeCoreError.invalid("signature", "the credential's signature does not verify (\(preview.signature.reason)); nothing was stored")
        }
        let now = clock.now()
        let badgeClass = Record(
            id: ids.makeID(),
            institutionID: issuer.institutionID,
            content: Self.badgeClass(from: preview, issuerID: issuerID),
            createdAt: now
        )
        let entry = EDCIImportEntry(
            id: ids.makeID(),
            institutionID: issuer.institutionID,
            badgeClassID: badgeClass.id,
            credentialID: preview.credentialID,
            learnerHash: Self.learnerHash(of: preview.learner.id),
            signatureStatus: preview.signature.status,
            converted: String(decoding: try preview.json(), as: UTF8.self),
            originalXML: String(decoding: xml, as: UTF8.self),
            createdAt: now
        )
        try await imports.store(entry, badgeClass: badgeClass, actor: "key:\(principal.keyID)")
        return Stored(
            id: entry.id,
            badgeClassID: badgeClass.id,
            credentialID: entry.credentialID,
            signatureStatus: entry.signatureStatus,
            signatureTrust: preview.trust?.status,
            signatureTrustReason: preview.trust?.reason,
            preview: preview
        )
    }

    /// A stored import the caller may read.
    /// - Throws: ``BadgeCoreError`` `.notFound`, `.forbidden` for another institution's import.
    public func find(id: UUID, by principal: Principal) async throws -> EDCIImportEntry {
        guard let entry = try await imports.find(id: id) else { throw BadgeCoreError(.notFound, "no EDCI import with that id") }
        guard principal.canRead(institution: entry.institutionID) else {
            throw BadgeCoreError(.forbidden, "that import belongs to another institution")
        }
        return entry
    }

    /// The digest under which an import keeps its learner's identifier (never the identifier).
    static func learnerHash(of identifier: String) -> String {
        Digest.sha256Hex("edci-learner:\(identifier)")
    }

    /// The imported achievement as an extra-curricular badge class of the issuer (the kind with
    /// no required programme metadata); empty descriptions and criteria get neutral text.
    static func badgeClass(from preview: EDCIPreview, issuerID: UUID) -> BadgeClass {
        var badgeClass = preview.badgeClass
        badgeClass.issuerID = issuerID
        badgeClass.kind = .extraCurricular
        if badgeClass.description.isEmpty { badgeClass.description = badgeClass.name }
        if badgeClass.criteria.narrative == nil, badgeClass.criteria.url == nil {
            badgeClass.criteria.narrative = LocalizedText(en: "Awarded as the Europass credential \(preview.credentialID).")
        }
        return badgeClass
    }
}
