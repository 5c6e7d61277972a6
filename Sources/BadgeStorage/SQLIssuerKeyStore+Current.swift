import BadgeCore
import Foundation
import SQLKit

extension SQLIssuerKeyStore {
    /// Fails unless each key names an issuer key that is still current (unretired) and belongs
    /// to that issuer, inside the caller's transaction and before it writes anything.
    ///
    /// Awards sign before their transaction (RSA is the cost of issuing, and awards run
    /// concurrently), so a rotation can commit between an award's signing and its commit; the
    /// rotation's re-signing job may then already have passed the award's assertion. This check
    /// closes that gap without a lock held while signing. On PostgreSQL the keys are read
    /// `FOR SHARE`, which conflicts with the rotation's update of the key row: either the award
    /// locks first and the rotation (and so its job, which starts after it) waits for the award's
    /// commit, or the rotation updates first and this read waits for it, then sees the key
    /// retired. On SQLite a write transaction begins IMMEDIATE and holds the one write lock, so
    /// no rotation commits in between. The SQL is the same on both engines (SQLite omits the
    /// locking clause).
    /// - Throws: ``BadgeCoreError`` `.signingKeyRetired` naming no key material.
    static func requireCurrent(_ keys: [(keyID: String, issuerID: UUID)], in db: any SQLDatabase) async throws {
        if let (keyID, issuerID) = try await notCurrent(keys, in: db).first {
            throw BadgeCoreError(
                .signingKeyRetired,
                "issuer \(issuerID.sqlText)'s signing key \(keyID) was rotated while the award was signed; sign it again with the current key"
            )
        }
    }

    /// The keys that are not their issuer's current key, read and locked as
    /// ``requireCurrent(_:in:)`` reads them.
    static func notCurrent(_ keys: [(keyID: String, issuerID: UUID)], in db: any SQLDatabase) async throws -> [(keyID: String, issuerID: UUID)] {
        guard !keys.isEmpty else { return [] }
        var expected: [String: UUID] = [:]
        for key in keys { expected[key.keyID] = key.issuerID }
        // Sorted, so that concurrent awards lock several issuers' keys in one order.
        let current = try await db.select().columns("id", "issuer_id").from("issuer_keys")
            .where("id", .in, SQLBind.group(expected.keys.sorted()))
            .where("retired_at", .is, SQLLiteral.null)
            .orderBy("id").for(.share).all()
        var found: [String: String] = [:]
        for row in current { found[try row.decode(column: "id", as: String.self)] = try row.decode(column: "issuer_id", as: String.self) }
        return expected.filter { found[$0.key] != $0.value.sqlText }.map { ($0.key, $0.value) }.sorted { $0.keyID < $1.keyID }
    }
}
