public import Foundation
public import LTI
import SQLKit

/// LTI platform registrations in SQL, each belonging to an institution. A registration looked
/// up by issuer and client id serves this registry's readers for a second (``RecentReads``):
/// changes through this registry apply at once, other daemons' within that second.
public struct SQLPlatformRegistry: PlatformRegistrationStore {
    private let database: BadgeDatabase
    private let recent = RecentReads<Registration>(capacity: 1_024)

    /// A registration as read: its platform and institution, or nothing registered.
    private struct Registration: Sendable {
        let platform: Platform?
        let institutionID: UUID?
    }

    /// Creates a registry on a migrated database.
    public init(database: BadgeDatabase) {
        self.database = database
    }

    /// Registers a platform for an institution, or replaces the registration with the same
    /// issuer and client id (re-registration keeps its id).
    public func register(_ platform: Platform, institutionID: UUID, id: UUID, at date: Date) async throws {
        defer { recent.clear() }
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

    /// Adds a registration unless one with the same issuer and client id exists.
    /// - Returns: false (and writes nothing) when the issuer and client id are already registered.
    public func insert(_ registration: PlatformRegistration) async throws -> Bool {
        defer { recent.clear() }
        return try await database.transaction { db in
            let existing = try await db.select().column("id").from("lti_platforms")
                .where("issuer", .equal, registration.platform.issuer).where("client_id", .equal, registration.platform.clientID)
                .for(.update).first()
            guard existing == nil else { return false }
            try await db.insert(into: "lti_platforms")
                .columns("id", "institution_id", "issuer", "client_id", "body", "created_at")
                .values(
                    SQLBind(registration.id.sqlText),
                    SQLBind(registration.institutionID.sqlText),
                    SQLBind(registration.platform.issuer),
                    SQLBind(registration.platform.clientID),
                    SQLBind(try RowCoding.encode(registration.platform)),
                    SQLBind(registration.createdAt.unixSeconds)
                )
                .run()
            return true
        }
    }

    /// One registration by id.
    public func registration(id: UUID) async throws -> PlatformRegistration? {
        try await database.session { db in
            try await db.select().columns("id", "institution_id", "body", "created_at").from("lti_platforms")
                .where("id", .equal, id.sqlText).first().map(Self.registration(from:))
        }
    }

    /// The registrations of one institution, or of all when `institutionID` is nil, by issuer and client id.
    public func registrations(institutionID: UUID?) async throws -> [PlatformRegistration] {
        try await database.session { db in
            var query = db.select().columns("id", "institution_id", "body", "created_at").from("lti_platforms")
            if let institutionID { query = query.where("institution_id", .equal, institutionID.sqlText) }
            return try await query.orderBy("issuer").orderBy("client_id").limit(1000).all().map(Self.registration(from:))
        }
    }

    /// Removes a registration; launches from it are refused from then on.
    /// - Returns: whether there was one.
    public func delete(id: UUID) async throws -> Bool {
        defer { recent.clear() }
        return try await database.transaction { db in
            let found = try await db.select().column("id").from("lti_platforms").where("id", .equal, id.sqlText).for(.update).first()
            guard found != nil else { return false }
            try await db.delete(from: "lti_platforms").where("id", .equal, id.sqlText).run()
            return true
        }
    }

    private static func registration(from row: any SQLRow) throws -> PlatformRegistration {
        let id = try row.decode(column: "id", as: String.self)
        guard let uuid = UUID(uuidString: id), let institution = UUID(uuidString: try row.decode(column: "institution_id", as: String.self)) else {
            throw StorageError(.corruptRecord, "the platform registration \(id) has a malformed id")
        }
        return PlatformRegistration(
            id: uuid,
            institutionID: institution,
            platform: try RowCoding.decode(Platform.self, from: try row.decode(column: "body", as: String.self), id: id),
            createdAt: Date(unixSeconds: try row.decode(column: "created_at", as: Int64.self))
        )
    }

    /// The institution a platform registration belongs to.
    public func institutionID(issuer: String, clientID: String) async throws -> UUID? {
        try await lookUp(issuer: issuer, clientID: clientID).institutionID
    }

    /// The registration's platform and institution, read in one statement unless read within
    /// the last second.
    private func lookUp(issuer: String, clientID: String) async throws -> Registration {
        let key = issuer + "\n" + clientID
        if let entry = recent.value(for: key) { return entry }
        let found = try await database.read { db in
            try await db.select().columns("institution_id", "body").from("lti_platforms")
                .where("issuer", .equal, issuer).where("client_id", .equal, clientID).first()
                .map { row in
                    (
                        try RowCoding.decode(Platform.self, from: try row.decode(column: "body", as: String.self), id: "platform"),
                        UUID(uuidString: try row.decode(column: "institution_id", as: String.self))
                    )
                }
        }
        let entry = Registration(platform: found?.0, institutionID: found?.1)
        recent.store([(key: key, value: entry)])
        return entry
    }

    /// Every registration, for `badged platform show`.
    public func allPlatforms() async throws -> [Platform] {
        try await database.session { db in
            try await db.select().column("body").from("lti_platforms").orderBy("issuer").orderBy("client_id").all()
                .map { try RowCoding.decode(Platform.self, from: try $0.decode(column: "body", as: String.self), id: "platform") }
        }
    }

    public func platform(issuer: String, clientID: String) async throws -> Platform? {
        try await lookUp(issuer: issuer, clientID: clientID).platform
    }

    public func platforms(issuer: String) async throws -> [Platform] {
        try await database.session { db in
            try await db.select().column("body").from("lti_platforms").where("issuer", .equal, issuer).orderBy("client_id").all()
                .map { try RowCoding.decode(Platform.self, from: try $0.decode(column: "body", as: String.self), id: "platform") }
        }
    }
}
