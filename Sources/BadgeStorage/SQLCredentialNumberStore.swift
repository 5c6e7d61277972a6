public import BadgeCore
public import Foundation
import SQLKit

/// Credential numbers in SQL (`credential_numbers`, one row per numbered assertion).
public struct SQLCredentialNumberStore: CredentialNumberStore {
    let database: BadgeDatabase

    /// Creates a store on a migrated database.
    public init(database: BadgeDatabase) {
        self.database = database
    }

    public func numbers(for assertionIDs: [UUID]) async throws -> [UUID: CredentialNumber] {
        guard !assertionIDs.isEmpty else { return [:] }
        var found: [UUID: CredentialNumber] = [:]
        for start in stride(from: 0, to: assertionIDs.count, by: 500) {
            let chunk = Array(assertionIDs[start..<min(start + 500, assertionIDs.count)])
            let held = try await database.session { db in try await CredentialNumbering.existing(chunk, in: db) }
            found.merge(held) { first, _ in first }
            let missing = chunk.filter { held[$0] == nil }
            guard !missing.isEmpty else { continue }
            // Assertions stored before numbers existed are numbered on first use.
            let assigned = try await database.transaction { [numbering = database.credentialNumbering] db in
                try await numbering.assign(missing, in: db)
            }
            found.merge(assigned) { first, _ in first }
        }
        return found
    }

    public func assertionID(numbered number: CredentialNumber) async throws -> UUID? {
        try await database.session { db in
            try await db.select().column("assertion_id").from("credential_numbers").where("number", .equal, SQLBind(number.description)).first()
                .flatMap { UUID(uuidString: try $0.decode(column: "assertion_id", as: String.self)) }
        }
    }
}
