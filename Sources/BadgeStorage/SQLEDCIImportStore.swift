public import BadgeCore
public import Foundation
import SQLKit

/// Stored EDCI imports. An import and the badge class made from it are written in one
/// transaction with their audit rows, or not at all.
public struct SQLEDCIImportStore: EDCIImportStore {
    let database: BadgeDatabase

    /// Creates a store on a migrated database.
    public init(database: BadgeDatabase) {
        self.database = database
    }

    /// Stores an import and the badge class made from it.
    /// - Throws: ``BadgeCoreError`` `.conflict` when the institution imported this credential
    ///   before; `.validation` from the badge class; nothing is written then.
    public func store(_ entry: EDCIImportEntry, badgeClass: Record<BadgeClass>?, actor: String) async throws {
        try badgeClass?.content.validate()
        try await database.transaction { db in
            if let existing = try await db.select().column("id").from("edci_imports")
                .where("institution_id", .equal, entry.institutionID.sqlText).where("credential_id", .equal, entry.credentialID).first()
            {
                let id = try existing.decode(column: "id", as: String.self)
                throw BadgeCoreError(.conflict, "this credential was imported before, as \(id)", field: "credential_id")
            }
            if let badgeClass { try await SQLCatalogStore.insertRow(badgeClass, by: actor, audit: database.auditLog, in: db) }
            try await db.insert(into: "edci_imports")
                .columns(
                    "id",
                    "institution_id",
                    "badge_class_id",
                    "credential_id",
                    "learner_hash",
                    "signature_status",
                    "converted",
                    "original_xml",
                    "created_at"
                )
                .values(
                    SQLBind(entry.id.sqlText),
                    SQLBind(entry.institutionID.sqlText),
                    SQLBind(entry.badgeClassID?.sqlText),
                    SQLBind(entry.credentialID),
                    SQLBind(entry.learnerHash),
                    SQLBind(entry.signatureStatus),
                    SQLBind(entry.converted),
                    SQLBind(entry.originalXML),
                    SQLBind(entry.createdAt.unixSeconds)
                )
                .run()
            try await database.auditLog.append(
                action: "import-edci",
                kind: .badgeClass,
                id: entry.id,
                institutionID: entry.institutionID,
                actor: actor,
                in: db
            )
        }
    }

    /// A stored import, or nil.
    public func find(id: UUID) async throws -> EDCIImportEntry? {
        try await database.session { db in
            guard let row = try await db.select().columns("*").from("edci_imports").where("id", .equal, id.sqlText).first() else { return nil }
            guard let institutionID = UUID(uuidString: try row.decode(column: "institution_id", as: String.self)) else {
                throw StorageError(.corruptRecord, "EDCI import \(id.sqlText) has no valid institution id")
            }
            return EDCIImportEntry(
                id: id,
                institutionID: institutionID,
                badgeClassID: try row.decode(column: "badge_class_id", as: String?.self).flatMap(UUID.init(uuidString:)),
                credentialID: try row.decode(column: "credential_id", as: String.self),
                learnerHash: try row.decode(column: "learner_hash", as: String.self),
                signatureStatus: try row.decode(column: "signature_status", as: String.self),
                converted: try row.decode(column: "converted", as: String.self),
                originalXML: try row.decode(column: "original_xml", as: String.self),
                createdAt: Date(timeIntervalSince1970: TimeInterval(try row.decode(column: "created_at", as: Int64.self)))
            )
        }
    }
}
