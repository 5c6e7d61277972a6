import BadgeCore
import BadgeStorage
import BadgeTesting
import Foundation
import SQLKit
import Testing

/// Migration 24 fills `expires_at` (and a missing `issuer_id`) of assertions stored before it
/// from their documents, so stacking's column reads see what the documents say.
@Suite("Held assertions of older rows on SQLite and PostgreSQL")
struct HeldAssertionMigrationTests {
    @Test(arguments: TestDatabases.engines)
    func olderAssertionsGetTheirExpiryAndIssuerFromTheirDocuments(engine: BadgeDatabase.Engine) async throws {
        try await TestDatabases.with(engine) { database in
            let tree = try SampleCatalog.tree()
            try await SQLCatalogStore(database: database).insert(tree, by: "test")
            let micro = try #require(tree.badgeClasses.first { $0.kind == .microCredential })
            let store = SQLAssertionStore(database: database)
            let issued = Date(timeIntervalSince1970: 1_700_000_000.75)
            let expiries: [Date?] = [Date(timeIntervalSince1970: 1_800_000_123.5), nil]
            var assertions: [Assertion] = []
            for (index, expires) in expiries.enumerated() {
                let assertion = Assertion(
                    id: UUID(),
                    badgeClassID: micro.id,
                    issuerID: micro.issuerID,
                    recipient: HashedRecipient(type: .email, identity: "sha256$" + String(repeating: "a", count: 64), salt: "s\(index)"),
                    issuedOn: issued,
                    expires: expires
                )
                assertions.append(assertion)
                _ = try await store.store([NewAssertion(assertion: assertion, recipientKey: "key-\(index)", jws: nil, institutionID: micro.institutionID, actor: "test")])
            }
            let written = try await store.heldAssertions(recipientKeys: ["key-0", "key-1"], limit: 10)
            #expect(written["key-0"]?.first?.expires == Date(timeIntervalSince1970: 1_800_000_123))
            #expect(written["key-1"]?.first?.expires == nil)

            // As the rows were before migration 24: no expiry column, no issuer column value.
            try await database.session { db in
                for statement in [
                    "UPDATE assertions SET issuer_id = NULL",
                    "DROP INDEX assertions_by_recipient",
                    "CREATE INDEX assertions_by_recipient ON assertions (recipient_hash, issued_at)",
                    "ALTER TABLE assertions DROP COLUMN expires_at",
                    "DELETE FROM schema_migrations WHERE version = 24",
                ] {
                    try await db.raw(SQLQueryString(statement)).run()
                }
            }
            #expect(try await Migrator(logger: TestDatabases.logger).migrate(database) == [24])

            let held = try await store.heldAssertions(recipientKeys: ["key-0", "key-1"], limit: 10)
            #expect(held == written)
            for (index, assertion) in assertions.enumerated() {
                let row = try #require(held["key-\(index)"]?.first)
                #expect(row.id == assertion.id)
                #expect(row.issuerID == micro.issuerID)
                #expect(row.issuedOn == Date(timeIntervalSince1970: 1_700_000_000))
                #expect(row.expires == expiries[index].map { Date(timeIntervalSince1970: $0.timeIntervalSince1970.rounded(.down)) })
            }
        }
    }
}
