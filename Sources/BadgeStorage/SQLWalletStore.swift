public import BadgeCore
public import Foundation
import SQLKit

/// Students' choices about their credentials in SQL: `assertions.private_at`, and
/// `wallet_shares` by the digest of each link's secret.
public struct SQLWalletStore: WalletStore {
    private let database: BadgeDatabase

    /// Creates a store on a migrated database.
    public init(database: BadgeDatabase) {
        self.database = database
    }

    public func isPrivate(assertionID: UUID) async throws -> Bool {
        try await database.read { db in
            let row = try await db.select().column("private_at").from("assertions").where("id", .equal, assertionID.sqlText).first()
            return try row?.decode(column: "private_at", as: Int64?.self) != nil
        }
    }

    public func privateAssertionIDs(recipientKey: String) async throws -> Set<UUID> {
        try await database.session { db in
            let rows = try await db.select().column("id").from("assertions")
                .where("recipient_hash", .equal, recipientKey).where("private_at", .isNot, SQLLiteral.null).all()
            return Set(try rows.compactMap { UUID(uuidString: try $0.decode(column: "id", as: String.self)) })
        }
    }

    public func setPrivate(_ isPrivate: Bool, assertionID: UUID, recipientKey: String, at date: Date) async throws -> Bool {
        try await database.session { db in
            let changed = try await db.update("assertions").set("private_at", to: SQLBind(isPrivate ? date.unixSeconds : nil))
                .where("id", .equal, assertionID.sqlText).where("recipient_hash", .equal, recipientKey)
                .returning("id").all()
            return !changed.isEmpty
        }
    }

    public func createShare(_ share: WalletShare, tokenHash: String) async throws {
        let ids = try RowCoding.encode(share.assertionIDs.map(\.sqlText))
        try await database.session { db in
            try await db.insert(into: "wallet_shares")
                .columns("id", "token_hash", "recipient_key", "assertion_ids", "created_at", "revoked_at")
                .values(
                    SQLBind(share.id.sqlText),
                    SQLBind(tokenHash),
                    SQLBind(share.recipientKey),
                    SQLBind(ids),
                    SQLBind(share.createdAt.unixSeconds),
                    SQLBind(share.revokedAt?.unixSeconds)
                )
                .run()
        }
    }

    public func shares(recipientKey: String) async throws -> [WalletShare] {
        try await database.session { db in
            try await db.select().columns("id", "recipient_key", "assertion_ids", "created_at", "revoked_at").from("wallet_shares")
                .where("recipient_key", .equal, recipientKey).where("revoked_at", .is, SQLLiteral.null)
                .orderBy("created_at", .descending).orderBy("id", .descending).limit(100).all()
                .map(Self.share(from:))
        }
    }

    public func revokeShare(id: UUID, recipientKey: String, at date: Date) async throws -> Bool {
        try await database.session { db in
            let revoked = try await db.update("wallet_shares").set("revoked_at", to: SQLBind(date.unixSeconds))
                .where("id", .equal, id.sqlText).where("recipient_key", .equal, recipientKey).where("revoked_at", .is, SQLLiteral.null)
                .returning("id").all()
            return !revoked.isEmpty
        }
    }

    public func share(tokenHash: String) async throws -> WalletShare? {
        try await database.session { db in
            try await db.select().columns("id", "recipient_key", "assertion_ids", "created_at", "revoked_at").from("wallet_shares")
                .where("token_hash", .equal, tokenHash).where("revoked_at", .is, SQLLiteral.null).first()
                .map(Self.share(from:))
        }
    }

    private static func share(from row: any SQLRow) throws -> WalletShare {
        let idText = try row.decode(column: "id", as: String.self)
        guard let id = UUID(uuidString: idText) else { throw StorageError(.corruptRecord, "wallet share \(idText) has a malformed id") }
        let ids = try RowCoding.decode([String].self, from: try row.decode(column: "assertion_ids", as: String.self), id: idText)
        return WalletShare(
            id: id,
            recipientKey: try row.decode(column: "recipient_key", as: String.self),
            assertionIDs: ids.compactMap(UUID.init(uuidString:)),
            createdAt: Date(unixSeconds: try row.decode(column: "created_at", as: Int64.self)),
            revokedAt: try row.decode(column: "revoked_at", as: Int64?.self).map(Date.init(unixSeconds:))
        )
    }
}
