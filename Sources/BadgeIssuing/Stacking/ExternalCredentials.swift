public import BadgeCore
public import Foundation
public import OpenBadges

/// External credentials on a recipient's record: an Open Badges 2.0 assertion from elsewhere,
/// added by the student or a registrar, counts toward stacking rules that allow external
/// credentials as the component of its BadgeClass id, once ``BadgeVerifier`` accepts it.
///
/// An assertion is added only when verification is valid and its recipient matches the given
/// recipient; tampered, invalid, revoked and expired ones, and ones issued to someone else, are
/// refused naming why. The identity is used only for that match and for the composite's hashed
/// recipient; the record is kept by recipient key.
public struct ExternalCredentials<Fetcher: DocumentFetcher>: Sendable {
    let store: any ExternalCredentialStore
    let stacker: Stacker
    let makeVerifier: @Sendable () -> BadgeVerifier<Fetcher>
    let ids: any IDGenerator
    let clock: any TimeSource

    /// Creates the use case.
    /// - Parameters:
    ///   - store: where external credentials are kept.
    ///   - stacker: runs stacking for the recipient after an add.
    ///   - makeVerifier: a verifier for one verification (its fetcher goes through the guarded
    ///     outbound client, with a fresh time budget).
    public init(
        store: any ExternalCredentialStore,
        stacker: Stacker,
        makeVerifier: @escaping @Sendable () -> BadgeVerifier<Fetcher>,
        ids: any IDGenerator,
        clock: any TimeSource
    ) {
        self.store = store
        self.stacker = stacker
        self.makeVerifier = makeVerifier
        self.ids = ids
        self.clock = clock
    }

    /// Verifies an OB 2.0 assertion, adds it to the recipient's record, and runs stacking for the
    /// composites containing its BadgeClass.
    /// - Parameters:
    ///   - recipient: whose record; the assertion's recipient must match it.
    ///   - source: a hosted assertion URL or a compact JWS (or a baked image or JSON).
    ///   - actor: who adds it, for the audit rows.
    /// - Returns: the stored credential and what stacking issued.
    /// - Throws: ``BadgeCoreError`` `.validation` (field `assertion`) naming why an assertion is
    ///   refused; `.conflict` when it is already on the record.
    public func add(
        recipient: Recipient,
        source: VerificationInput,
        actor: String
    ) async throws -> (credential: ExternalCredential, stacking: StackingOutcome) {
        try recipient.validate()
        let sourceText = try Self.sourceText(source)
        let report = await makeVerifier().verify(source, recipient: recipient.identity)
        let verified = try Self.accepted(report)
        let credential = ExternalCredential(
            id: ids.makeID(),
            recipientKey: recipient.key,
            componentID: verified.badgeClassID,
            assertionID: verified.assertionID,
            name: String(verified.name.prefix(ExternalCredential.maximumNameLength)),
            ects: verified.ects,
            issuedOn: verified.issuedOn,
            expires: verified.expires,
            issuerID: verified.issuerID,
            issuerName: verified.issuerName.isEmpty ? nil : String(verified.issuerName.prefix(ExternalCredential.maximumNameLength)),
            source: Self.keptSource(sourceText, verified: verified),
            verifiedAt: clock.now(),
            status: .valid
        )
        try await store.add(credential, actor: actor)
        let outcome = try await stacker.run(recipient: recipient, containing: credential.component, actor: Stacker.actor(causedBy: credential.id))
        return (credential, outcome)
    }

    /// The external credentials on the recipient's record, oldest first.
    public func list(recipient: Recipient) async throws -> [ExternalCredential] {
        try await store.credentials(recipientKey: recipient.key, limit: ExternalCredential.maximumPerRecipient)
    }

    /// Removes an external credential (of any kind) from the recipient's record and runs stacking
    /// for the composites containing its component: a held composite whose rule no longer holds
    /// is revoked or flagged per its rule, naming the removed credential.
    /// - Returns: what stacking revoked or flagged.
    /// - Throws: ``BadgeCoreError`` `.notFound` when the recipient has no credential `id`.
    @discardableResult
    public func remove(recipient: Recipient, id: UUID, actor: String) async throws -> StackingOutcome {
        try await remove(recipientKey: recipient.key, id: id, actor: actor)
    }

    /// Removes an external credential from the record of a recipient key (a signed-in student's),
    /// as ``remove(recipient:id:actor:)`` does.
    @discardableResult
    public func remove(recipientKey: String, id: UUID, actor: String) async throws -> StackingOutcome {
        guard let removed = try await store.remove(id: id, recipientKey: recipientKey, actor: actor) else {
            throw BadgeCoreError(.notFound, "the recipient has no such external credential", field: "id")
        }
        return try await stacker.run(recipientKey: recipientKey, removed: removed, actor: Stacker.actor(causedBy: removed.id))
    }

    /// What the report verified, when it may be added: valid and issued to the recipient.
    /// - Throws: ``BadgeCoreError`` `.validation` naming why not.
    public static func accepted(_ report: VerificationReport) throws(BadgeCoreError) -> VerifiedCredential {
        let failures = report.checks.filter { $0.status == .failed }
        switch report.result {
        case .revoked:
            throw .invalid("assertion", "the assertion was revoked by its issuer: \(report.check(.revocation)?.detail ?? "revoked")")
        case .expired:
            throw .invalid("assertion", "the assertion has expired: \(report.check(.expiry)?.detail ?? "expired")")
        case .invalid:
            if failures.map(\.name) == [.recipient] { throw .invalid("assertion", "the assertion was not issued to this recipient") }
            let first = failures.first.map { "\($0.name) failed: \($0.detail)" } ?? "a required check did not pass"
            throw .invalid("assertion", "the assertion does not verify (\(first))")
        case .valid:
            guard report.check(.recipient)?.status == .passed else {
                throw .invalid("assertion", "the assertion was not issued to this recipient")
            }
            guard let verified = report.credential else { throw .invalid("assertion", "the assertion names no BadgeClass or issuer") }
            return verified
        }
    }

    /// The source as kept: a hosted assertion URL; the JWS or JSON only when it publishes the
    /// recipient hashed (else it holds the identity in the clear); otherwise the assertion id.
    static func keptSource(_ text: String?, verified: VerifiedCredential) -> String {
        guard let text else { return verified.assertionID }
        let lower = text.lowercased()
        if lower.hasPrefix("https://") || lower.hasPrefix("http://") || verified.isRecipientHashed { return text }
        return verified.assertionID
    }

    /// The source as given: the URL or JWS text, or nil for bytes that are not text (a baked
    /// image), which is then kept by its assertion id.
    /// - Throws: ``BadgeCoreError`` `.validation` when it is larger than
    ///   ``ExternalCredential/maximumSourceLength``.
    static func sourceText(_ source: VerificationInput) throws(BadgeCoreError) -> String? {
        let text: String?
        switch source {
        case .text(let value): text = value.trimmingCharacters(in: .whitespacesAndNewlines)
        case .data(let data): text = String(data: data, encoding: .utf8)?.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        if let text, text.utf8.count > ExternalCredential.maximumSourceLength {
            throw .invalid("assertion", "the assertion is larger than \(ExternalCredential.maximumSourceLength) bytes")
        }
        return text
    }
}
