import BadgeCore
public import EDCI
public import Foundation

/// The edubadges form of an imported EDCI credential, as `badged convert --to edubadges` prints
/// it and `POST /api/v1/imports/edci` returns it: the badge class draft, issuer, learner,
/// signature result and every diagnostic.
public struct EDCIPreview: Encodable, Sendable {
    struct Organization: Encodable, Sendable {
        let name: LocalizedText
        let identifiers: [String: String]
        let country: String?
        let homepage: String?
    }

    struct Learner: Encodable, Sendable {
        let id: String
        let fullName: String?
        let identifiers: [String: String]
        enum CodingKeys: String, CodingKey {
            case id, identifiers
            case fullName = "full_name"
        }
    }

    struct Signature: Encodable, Sendable {
        let status: String
        let reason: String
        let certificateTrusted: Bool
        /// Whether the signer's chain reaches a CA in `edci.trusted_ca_dir`, and why (nil until judged).
        var trust: EDCISignatureTrust.Status?
        var trustReason: String?
        enum CodingKeys: String, CodingKey {
            case status, reason, trust
            case certificateTrusted = "certificate_trusted"
            case trustReason = "trust_reason"
        }
    }

    struct Diagnostic: Encodable, Sendable {
        let path: String
        let message: String
    }

    let credentialID: String
    let issuedOn: Date
    let badgeClass: BadgeClass
    let components: [BadgeClass]
    let issuer: Organization
    let institution: Organization?
    let learner: Learner
    private(set) var signature: Signature
    let diagnostics: [Diagnostic]
    /// The verification the signature summary came from (its certificates are judged for trust).
    let verification: EDCISignatureVerification

    enum CodingKeys: String, CodingKey {
        case credentialID = "credential_id"
        case issuedOn = "issued_on"
        case badgeClass = "badge_class"
        case components, issuer, institution, learner, signature, diagnostics
    }

    /// Converts an EDCI document with the schema set in `schemaDirectory`.
    public init(xml: Data, schemaDirectory: URL) throws {
        try self.init(xml: xml, schema: try EDCISchema(directory: schemaDirectory, file: EDCISchema.presentationSchemaFile))
    }

    /// Converts an EDCI document with a compiled presentation schema (which accepts both roots).
    public init(xml: Data, schema: EDCISchema) throws {
        let imported = try EDCIImporter(schema: schema).importCredential(from: xml)
        // The issuer is not in badged yet: the draft stays unattached.
        credentialID = imported.credentialID
        issuedOn = imported.issuedOn
        badgeClass = imported.badgeClass.makeBadgeClass(issuerID: .unattached, kind: .regular)
        components = imported.badgeClass.parts.map { $0.makeBadgeClass(issuerID: .unattached, kind: .regular) }
        func organization(_ org: EDCIOrganization) -> Organization {
            Organization(
                name: org.name,
                identifiers: Dictionary(org.identifiers.map { ($0.scheme ?? "id", $0.value) }, uniquingKeysWith: { a, _ in a }),
                country: org.country,
                homepage: org.homepage
            )
        }
        issuer = organization(imported.issuer)
        institution = imported.institution.map(organization)
        learner = Learner(
            id: imported.learner.id,
            fullName: imported.learner.fullName,
            identifiers: Dictionary(imported.learner.identifiers.map { ($0.scheme ?? "id", $0.value) }, uniquingKeysWith: { a, _ in a })
        )
        signature = Signature(
            status: imported.signature.status.rawValue,
            reason: imported.signature.reason,
            certificateTrusted: imported.signature.certificateTrusted
        )
        verification = imported.signature
        diagnostics = imported.diagnostics.map { Diagnostic(path: $0.path, message: $0.message) }
    }

    /// Converts an EDCI document and judges its signer's chain against `trust`.
    public init(xml: Data, schema: EDCISchema, trust: EDCITrustStore) async throws {
        try self.init(xml: xml, schema: schema)
        let judged = await trust.evaluate(verification)
        signature.trust = judged.status
        signature.trustReason = judged.reason
    }

    /// Whether the signer's chain reaches a trusted CA, and why, once judged.
    public var trust: EDCISignatureTrust? {
        signature.trust.map { EDCISignatureTrust($0, signature.trustReason ?? "") }
    }

    /// The preview as pretty JSON.
    public func json() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return try encoder.encode(self)
    }
}
