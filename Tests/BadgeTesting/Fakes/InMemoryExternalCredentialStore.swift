public import BadgeCore
public import Foundation

/// External credentials in memory, with the SQL store's rules: validated, one per recipient key
/// and assertion id, bounded per recipient, every add and removal audited.
public actor InMemoryExternalCredentialStore: ExternalCredentialStore {
    private var stored: [ExternalCredential] = []
    /// The audit trail: action, entity id, actor and detail, in order.
    public private(set) var audit: [(action: String, id: UUID, actor: String, detail: String?)] = []

    /// Creates an empty store.
    public init() {}

    public func add(_ credential: ExternalCredential, actor: String) async throws {
        try credential.validate()
        let held = stored.filter { $0.recipientKey == credential.recipientKey }
        guard !held.contains(where: { $0.assertionID == credential.assertionID }) else {
            throw BadgeCoreError(.conflict, "this assertion is already on the recipient's record", field: "assertion")
        }
        guard held.count < ExternalCredential.maximumPerRecipient else {
            throw BadgeCoreError(.conflict, "the recipient already holds the most external credentials", field: "recipient")
        }
        stored.append(credential)
        audit.append(("external_credential.add", credential.id, actor, credential.componentID))
    }

    public func credentials(recipientKey: String, limit: Int) async throws -> [ExternalCredential] {
        Array(
            stored.filter { $0.recipientKey == recipientKey }.sorted { ($0.verifiedAt, $0.id.uuidString) < ($1.verifiedAt, $1.id.uuidString) }.prefix(
                max(limit, 1)
            )
        )
    }

    public func remove(id: UUID, recipientKey: String, actor: String) async throws -> ExternalCredential? {
        guard let index = stored.firstIndex(where: { $0.id == id && $0.recipientKey == recipientKey }) else { return nil }
        let removed = stored.remove(at: index)
        audit.append(("external_credential.remove", id, actor, removed.componentID))
        return removed
    }

    public func updateStatus(id: UUID, recipientKey: String, status: ExternalCredential.Status, actor: String) async throws -> Bool {
        guard let index = stored.firstIndex(where: { $0.id == id && $0.recipientKey == recipientKey }), stored[index].status != status else {
            return false
        }
        stored[index].status = status
        audit.append(("external_credential.status", id, actor, status.rawValue))
        return true
    }

    public func erase(recipientKey: String, actor: String) async throws -> Int {
        let removed = stored.filter { $0.recipientKey == recipientKey }
        stored.removeAll { $0.recipientKey == recipientKey }
        for credential in removed { audit.append(("external_credential.erase", credential.id, actor, nil)) }
        return removed.count
    }
}
