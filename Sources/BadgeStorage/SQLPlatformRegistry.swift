public import Foundation
public import LTI
import SQLKit

/// LTI platform registrations in SQL, each belonging to an institution.
public struct SQLPlatformRegistry: PlatformRegistry {
    private let database: BadgeDatabase

    /// Creates a registry on a migrated database.
    public init(database: BadgeDatabase) {
        self.database = database
    }

    /// Registers a platform for an institution, or replaces the registration with the same
    /// issuer and client id (re-registration keeps its id).
    public func register(_ platform: Platform, institutionID: UUID, id: UUID, at date: Date) async throws {
        try await database.transaction { db in
            let body = try RowCoding.encode(platform)
            let existing = try await db.select().column("id").from("lti_platforms")
                .where("issuer", .equal, platform.issuer).where("client_id", .equal, platform.clientID).first()
            if existing != nil {
                try await db.update("lti_platforms").set("body", to: SQLBind(body))
                    .set("institution_id", to: SQLBind(institutionID.sqlText))
                    .where("issuer", .equal, platform.issuer).where("client_id", .equal, platform.clientID).run()
            } else {
                try await db.insert(into: "lti_platforms")
                    .columns("id", "institution_id", "issuer", "client_id", "body", "created_at")
                    .values(
                        SQLBind(id.sqlText),
                        SQLBind(institutionID.sqlText),
                        SQLBind(platform.issuer),
                        SQLBind(platform.clientID),
                        SQLBind(body),
                        SQLBind(date.unixSeconds)
                    )
                    .run()
            }
        }
    }

    /// The institution a platform registration belongs to.
    public func institutionID(issuer: String, clientID: String) async throws -> UUID? {
        try await database.session { db in
            try await db.select().column("institution_id").from("lti_platforms")
                .where("issuer", .equal, issuer).where("client_id", .equal, clientID).first()
                .flatMap { UUID(uuidString: try $0.decode(column: "institution_id", as: String.self)) }
        }
    }

    /// Every registration, for `badged platform show`.
    public func allPlatforms() async throws -> [Platform] {
        try await database.session { db in
            try await db.select().column("body").from("lti_platforms").orderBy("issuer").orderBy("client_id").all()
                .map { try RowCoding.decode(Platform.self, from: try $0.decode(column: "body", as: String.self), id: "platform") }
        }
    }

    public func platform(issuer: String, clientID: String) async throws -> Platform? {
        try await database.session { db in
            try await db.select().column("body").from("lti_platforms")
                .where("issuer", .equal, issuer).where("client_id", .equal, clientID).first()
                .map { try RowCoding.decode(Platform.self, from: try $0.decode(column: "body", as: String.self), id: "platform") }
        }
    }

    public func platforms(issuer: String) async throws -> [Platform] {
        try await database.session { db in
            try await db.select().column("body").from("lti_platforms").where("issuer", .equal, issuer).orderBy("client_id").all()
                .map { try RowCoding.decode(Platform.self, from: try $0.decode(column: "body", as: String.self), id: "platform") }
        }
    }
}
