public import BadgeCore
public import Foundation
import SQLKit

/// Issuer signing keys in SQL: the public key in the clear (it is published), the private key
/// sealed by the caller. The newest unretired key is current; older keys stay published so that
/// every assertion they signed keeps verifying.
public struct SQLIssuerKeyStore: IssuerKeyStore {
    private let database: BadgeDatabase

    /// Creates a store on a migrated database.
    public init(database: BadgeDatabase) {
        self.database = database
    }

    /// Makes `key` the issuer's current key, retiring the previous one, in one transaction.
    public func install(_ key: StoredIssuerKey) async throws {
        try await database.transaction { db in try await Self.install(key, revokingPrevious: false, in: db) }
    }

    /// Installs `key` inside the caller's transaction, retiring the issuer's current key (and
    /// revoking it when `revokingPrevious`).
    /// - Returns: the id of the key it replaced, if there was one.
    @discardableResult
    static func install(_ key: StoredIssuerKey, revokingPrevious: Bool, in db: any SQLDatabase) async throws -> String? {
        let previous = try await db.select().column("id").from("issuer_keys")
            .where("issuer_id", .equal, key.issuerID.sqlText).where("retired_at", .is, SQLLiteral.null)
            .orderBy("created_at", .descending).orderBy("id", .descending).first()
            .map { try $0.decode(column: "id", as: String.self) }
        if revokingPrevious, let previous {
            try await db.update("issuer_keys").set("revoked_at", to: SQLBind(key.createdAt.unixSeconds))
                .where("id", .equal, previous).run()
        }
        try await db.update("issuer_keys").set("retired_at", to: SQLBind(key.createdAt.unixSeconds))
            .where("issuer_id", .equal, key.issuerID.sqlText).where("retired_at", .is, SQLLiteral.null).run()
        try await db.insert(into: "issuer_keys")
            .columns("id", "issuer_id", "public_pem", "sealed_private", "created_at", "retired_at", "certificate_chain")
            .values(
                SQLBind(key.id),
                SQLBind(key.issuerID.sqlText),
                SQLBind(key.publicKeyPEM),
                SQLBind(key.sealedPrivateKey),
                SQLBind(key.createdAt.unixSeconds),
                SQLBind(Int64?.none),
                SQLBind(key.certificateChainPEM)
            )
            .run()
        return previous
    }

    /// Every key of an issuer, oldest first.
    public func keys(issuerID: UUID) async throws -> [StoredIssuerKey] {
        try await database.read { db in
            try await db.select().columns(Self.columns).from("issuer_keys")
                .where("issuer_id", .equal, issuerID.sqlText).orderBy("created_at").orderBy("id").all().map(Self.key(from:))
        }
    }

    /// One key by id.
    public func key(id: String) async throws -> StoredIssuerKey? {
        try await database.session { db in
            try await db.select().columns(Self.columns).from("issuer_keys")
                .where("id", .equal, id).first().map(Self.key(from:))
        }
    }

    private static let columns = ["id", "issuer_id", "public_pem", "sealed_private", "created_at", "retired_at", "certificate_chain", "revoked_at"]

    private static func key(from row: any SQLRow) throws -> StoredIssuerKey {
        let id = try row.decode(column: "id", as: String.self)
        guard let issuerID = UUID(uuidString: try row.decode(column: "issuer_id", as: String.self)) else {
            throw StorageError(.corruptRecord, "issuer key \(id) has a malformed issuer id")
        }
        return StoredIssuerKey(
            id: id,
            issuerID: issuerID,
            publicKeyPEM: try row.decode(column: "public_pem", as: String.self),
            sealedPrivateKey: try row.decode(column: "sealed_private", as: String.self),
            createdAt: Date(unixSeconds: try row.decode(column: "created_at", as: Int64.self)),
            retiredAt: try row.decode(column: "retired_at", as: Int64?.self).map(Date.init(unixSeconds:)),
            certificateChainPEM: try row.decode(column: "certificate_chain", as: String?.self),
            revokedAt: try row.decode(column: "revoked_at", as: Int64?.self).map(Date.init(unixSeconds:))
        )
    }
}
