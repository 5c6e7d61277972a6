public import BadgeCore
public import Foundation
import SQLKit

/// The LTI tool's signing keys in SQL, sealed by the caller. The newest unretired key signs;
/// retired keys stay listed so that platforms holding them keep verifying until they refetch.
public struct SQLToolKeyStore: ToolKeyStore {
    private let database: BadgeDatabase

    /// Creates a store on a migrated database.
    public init(database: BadgeDatabase) {
        self.database = database
    }

    /// Every key, oldest first.
    public func keys() async throws -> [StoredToolKey] {
        try await database.session { db in
            try await db.select().columns("id", "sealed_private", "created_at", "retired_at").from("lti_tool_keys")
                .orderBy("created_at").orderBy("id").all()
                .map { row in
                    StoredToolKey(
                        id: try row.decode(column: "id", as: String.self),
                        sealedPrivateKey: try row.decode(column: "sealed_private", as: String.self),
                        createdAt: Date(unixSeconds: try row.decode(column: "created_at", as: Int64.self)),
                        retiredAt: try row.decode(column: "retired_at", as: Int64?.self).map(Date.init(unixSeconds:))
                    )
                }
        }
    }

    /// Makes a new key current and retires the previous one, in one transaction.
    public func install(id: String, sealedPrivateKey: String, at date: Date) async throws {
        try await database.transaction { db in
            try await db.update("lti_tool_keys").set("retired_at", to: SQLBind(date.unixSeconds))
                .where("retired_at", .is, SQLLiteral.null).run()
            try await db.insert(into: "lti_tool_keys").columns("id", "sealed_private", "created_at", "retired_at")
                .values(SQLBind(id), SQLBind(sealedPrivateKey), SQLBind(date.unixSeconds), SQLBind(Int64?.none)).run()
        }
    }
}
