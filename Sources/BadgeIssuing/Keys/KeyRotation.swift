public import BadgeCore
public import Foundation
import OpenBadges

/// Issuer key rotation with re-signing: the new key becomes current and a job re-signs the
/// issuer's signed, unrevoked assertions with it in the background (``AssertionResigner``), so
/// that the issuer profile can publish one key (1EdTech's verifier accepts no more) and every
/// hosted `.jws` still verifies. Earlier keys stay published at their own URLs for copies signed
/// before; a rotation for compromise revokes the previous key instead.
public struct KeyRotation: Sendable {
    let keyring: IssuerKeyring
    let jobs: any ResigningJobStore
    let catalog: any CatalogStore

    /// Creates the use case.
    public init(keyring: IssuerKeyring, jobs: any ResigningJobStore, catalog: any CatalogStore) {
        self.keyring = keyring
        self.jobs = jobs
        self.catalog = catalog
    }

    /// Makes a new current key for an issuer and starts re-signing with it.
    /// - Parameters:
    ///   - reason: `.compromise` also revokes the previous key: it is no longer published, and
    ///     copies it signed stop verifying.
    ///   - actor: who rotated, for the audit row.
    /// - Returns: the new key's id and the re-signing job.
    /// - Throws: ``BadgeCoreError`` `.notFound` for an unknown issuer.
    public func rotate(issuerID: UUID, reason: ResigningJob.Reason, actor: String) async throws -> (keyID: String, job: ResigningJob) {
        try await rotate(issuerID: issuerID, reason: reason, actor: actor) { try keyring.makeKey(issuerID: issuerID) }
    }

    /// Makes an imported RSA private key (PEM) the issuer's current key, with its X.509
    /// certificate chain when given, and starts re-signing with it, as ``rotate(issuerID:reason:actor:)``.
    /// - Throws: ``BadgeCoreError`` `.validation` on `pem` or `chain`; `.notFound` for an unknown issuer.
    public func importKey(privateKeyPEM: String, chainPEM: String?, issuerID: UUID, actor: String) async throws -> (keyID: String, job: ResigningJob)
    {
        try await rotate(issuerID: issuerID, reason: .routine, actor: actor) {
            try keyring.makeImportedKey(privateKeyPEM: privateKeyPEM, chainPEM: chainPEM, issuerID: issuerID)
        }
    }

    private func rotate(
        issuerID: UUID,
        reason: ResigningJob.Reason,
        actor: String,
        make: () throws -> (key: SigningKey, stored: StoredIssuerKey)
    ) async throws -> (keyID: String, job: ResigningJob) {
        guard let issuer = try await catalog.find(Issuer.self, id: issuerID) else {
            throw BadgeCoreError(.notFound, "no issuer \(issuerID.uuidString.lowercased())")
        }
        let made = try make()
        let job = try await jobs.rotate(
            to: made.stored,
            reason: reason,
            jobID: keyring.ids.makeID(),
            institutionID: issuer.institutionID,
            actor: actor
        )
        await keyring.remember(made.key)
        return (made.key.id, job)
    }

    /// The issuer's rotations and their re-signing progress, newest first.
    public func jobs(issuerID: UUID) async throws -> [ResigningJob] {
        try await jobs.jobs(issuerID: issuerID)
    }
}
