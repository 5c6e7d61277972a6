public import BadgeCore
import BadgeIssuing
import BadgeStorage
public import Foundation
import OpenBadges
import SQLKit

extension IssuingWorld {
    /// This world with a keyring that reads issuer keys through `store` (a wrapper of
    /// ``issuerKeys`` that pauses or counts reads); everything else is shared.
    public func readingKeys(through store: any IssuerKeyStore) throws -> IssuingWorld {
        var world = self
        world.keyring = IssuerKeyring(store: store, encryption: try KeyEncryption(secret: Self.keyEncryptionSecret), ids: ids, clock: clock)
        return world
    }

    /// How many `award` audit rows name the assertion.
    public func awardAuditRows(of assertionID: UUID) async throws -> Int {
        guard let database else {
            guard let memory = assertions as? InMemoryAssertionStore else { throw TestSetupError("no in-memory assertion store") }
            return await memory.audit.filter { $0.action == "award" && $0.id == assertionID }.count
        }
        return try await database.session { db in
            try await db.raw(
                "SELECT COUNT(*) AS n FROM audit_log WHERE action = 'award' AND entity_id = \(bind: assertionID.uuidString.lowercased())"
            )
            .first()?.decode(column: "n", as: Int.self) ?? 0
        }
    }
}
