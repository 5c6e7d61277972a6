public import BadgeCore
import EDCI
public import Foundation

/// Stored EDCI imports as external credentials on a recipient's record. A registrar adds an
/// import of their institution whose signature verified and whose learner is the recipient; it
/// then counts toward stacking rules that allow external credentials as the component
/// ``StackingRule/Component/external(_:)`` of its achievement's specification id (the
/// achievement's own id when it has no specification), carrying the specification's ECTS credit
/// points. It is kept in the same ``ExternalCredentialStore`` as OB 2.0 assertions, so listing,
/// removal and erasure treat both alike.
///
/// The learner is the recipient when the digest the import keeps of the learner's subject id is
/// the digest of the recipient's identity (as given or normalised; for an e-mail recipient also
/// `mailto:` and the address, as badged's own export writes it), when an e-mail recipient's
/// address is the learner's `contactPoint/mailBox`, or when the recipient's identity is one of
/// the learner's identifiers. The stored XML is read again for this, so its signature is checked
/// again too; nothing about the learner is kept on the record.
public struct EDCIExternalCredentials: Sendable {
    let store: any ExternalCredentialStore
    let imports: any EDCIImportStore
    let schemas: EDCISchemaLoader
    let stacker: Stacker
    let ids: any IDGenerator
    let clock: any TimeSource

    /// Creates the use case.
    /// - Parameters:
    ///   - store: where external credentials are kept (the OB 2.0 ones' store).
    ///   - imports: the stored EDCI imports.
    ///   - schemas: the EU schema set, to read an import's stored XML again.
    ///   - stacker: runs stacking for the recipient after an add.
    public init(
        store: any ExternalCredentialStore,
        imports: any EDCIImportStore,
        schemas: EDCISchemaLoader,
        stacker: Stacker,
        ids: any IDGenerator,
        clock: any TimeSource
    ) {
        self.store = store
        self.imports = imports
        self.schemas = schemas
        self.stacker = stacker
        self.ids = ids
        self.clock = clock
    }

    /// Adds a stored EDCI import to the recipient's record and runs stacking for the composites
    /// containing its component.
    /// - Parameters:
    ///   - recipient: whose record; the import's learner must be this recipient.
    ///   - importID: the stored import's id (`POST /api/v1/imports/edci?store=true`).
    ///   - principal: the caller, who must be allowed to read the import's institution.
    /// - Returns: the stored credential and what stacking issued.
    /// - Throws: ``BadgeCoreError`` `.notFound` without such an import, `.forbidden` for another
    ///   institution's; `.validation` naming `edci_import_id` for an unsigned or invalid
    ///   signature, an expired credential or one without an achievement, and naming `recipient`
    ///   when the learner is someone else; `.conflict` when it is already on the record.
    public func add(
        recipient: Recipient,
        importID: UUID,
        by principal: Principal
    ) async throws -> (credential: ExternalCredential, stacking: StackingOutcome) {
        try recipient.validate()
        guard let entry = try await imports.find(id: importID) else {
            throw BadgeCoreError(.notFound, "no stored EDCI import with that id", field: "edci_import_id")
        }
        guard principal.canRead(institution: entry.institutionID) else {
            throw BadgeCoreError(.forbidden, "that import belongs to another institution")
        }
        try Self.requireVerified(entry.signatureStatus, reason: nil)
        let imported = try EDCIImporter(schema: try await schemas.presentationSchema()).importCredential(from: Data(entry.originalXML.utf8))
        try Self.requireVerified(imported.signature.status.rawValue, reason: imported.signature.reason)
        guard Self.isLearner(imported.learner, digest: entry.learnerHash, of: recipient) else {
            throw BadgeCoreError.invalid(
                "recipient",
                "the import's learner is not this recipient: neither the learner's id, e-mail address nor identifiers match the recipient's identity"
            )
        }
        let now = clock.now()
        if let validUntil = imported.validUntil, validUntil <= now {
            throw BadgeCoreError.invalid("edci_import_id", "the credential expired at \(validUntil.formatted(.iso8601))")
        }
        guard let component = Self.componentID(of: imported.badgeClass) else {
            throw BadgeCoreError.invalid(
                "edci_import_id",
                "the credential names no learning achievement with an id or specification, so no stacking rule can name it"
            )
        }
        guard let issuer = [imported.issuer.homepage, imported.issuer.id].compactMap({ $0 }).first(where: { !$0.isEmpty }) else {
            throw BadgeCoreError.invalid("edci_import_id", "the credential names no issuing organisation")
        }
        let name = imported.badgeClass.name.preferred("en")
        let credential = ExternalCredential(
            id: ids.makeID(),
            recipientKey: recipient.key,
            kind: .edci,
            componentID: component,
            assertionID: entry.credentialID,
            name: String((name.isEmpty ? entry.credentialID : name).prefix(ExternalCredential.maximumNameLength)),
            ects: imported.badgeClass.ects,
            issuedOn: imported.issuedOn,
            expires: imported.validUntil,
            issuerID: issuer,
            source: ExternalCredential.edciSource(importID: entry.id),
            verifiedAt: now,
            status: .valid
        )
        try await store.add(credential, actor: "key:\(principal.keyID)")
        let outcome = try await stacker.run(recipient: recipient, containing: credential.component, actor: Stacker.actor(causedBy: credential.id))
        return (credential, outcome)
    }

    /// Throws unless a signature status is `valid`.
    /// - Throws: ``BadgeCoreError`` `.validation` naming `edci_import_id` and why.
    static func requireVerified(_ status: String, reason: String?) throws(BadgeCoreError) {
        switch status {
        case EDCISignatureVerification.Status.valid.rawValue:
            return
        case EDCISignatureVerification.Status.unsigned.rawValue:
            throw .invalid("edci_import_id", "the import is not signed; only an import whose signature verified counts toward stacking")
        default:
            let why = reason.map { " (\($0))" } ?? ""
            throw .invalid("edci_import_id", "the import's signature does not verify\(why); it cannot count toward stacking")
        }
    }

    /// The component id of an imported achievement: its specification's id, else its own id.
    static func componentID(of achievement: EDCIBadgeClassDraft) -> String? {
        [achievement.specificationID, achievement.achievementID].compactMap { $0?.trimmingCharacters(in: .whitespaces) }.first { !$0.isEmpty }
    }

    /// Whether the learner is the recipient (see the type's documentation).
    /// - Parameter digest: the digest the import keeps of the learner's subject id.
    static func isLearner(_ learner: EDCILearner, digest: String, of recipient: Recipient) -> Bool {
        let identity = recipient.normalizedIdentity
        var forms: Set<String> = [recipient.identity, identity]
        if recipient.type == .email { forms.insert("mailto:" + identity) }
        if forms.contains(where: { EDCIImports.learnerHash(of: $0) == digest }) { return true }
        if recipient.type == .email, let email = learner.email, email.trimmingCharacters(in: .whitespaces).lowercased() == identity {
            return true
        }
        return learner.identifiers.contains { $0.value.trimmingCharacters(in: .whitespaces) == identity }
    }
}
