public import Foundation

/// The storage port for external credentials on recipients' records, by recipient key: at most
/// one per recipient and assertion id, at most ``ExternalCredential/maximumPerRecipient`` per
/// recipient. Adds and removals are audited in their own transaction.
public protocol ExternalCredentialStore: Sendable {
    /// Adds a credential, with an audit row `external_credential.add` naming its component.
    /// - Parameter actor: who adds it, for the audit row.
    /// - Throws: ``BadgeCoreError`` `.conflict` when the recipient already has that assertion or
    ///   holds ``ExternalCredential/maximumPerRecipient`` credentials.
    func add(_ credential: ExternalCredential, actor: String) async throws
    /// The recipient's credentials, oldest verification first.
    /// - Parameter limit: the most returned.
    func credentials(recipientKey: String, limit: Int) async throws -> [ExternalCredential]
    /// Removes one of the recipient's credentials, with an audit row `external_credential.remove`.
    /// - Returns: the removed credential, or nil when the recipient has no credential with that id.
    func remove(id: UUID, recipientKey: String, actor: String) async throws -> ExternalCredential?
    /// Records what a later verification found, with an audit row `external_credential.status`
    /// when the status changed.
    /// - Returns: whether the stored status changed (false when it was already `status`, or the
    ///   recipient has no credential with that id).
    func updateStatus(id: UUID, recipientKey: String, status: ExternalCredential.Status, actor: String) async throws -> Bool
    /// Removes every credential of the recipient (erasure), one audit row
    /// `external_credential.erase` each, naming no one.
    /// - Returns: how many were removed.
    func erase(recipientKey: String, actor: String) async throws -> Int
}
