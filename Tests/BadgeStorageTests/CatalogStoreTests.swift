import BadgeCore
import BadgeStorage
import BadgeTesting
import Foundation
import SQLKit
import Testing

@Suite("Catalogue storage on SQLite and PostgreSQL")
struct CatalogStoreTests {
    @Test(arguments: TestDatabases.engines)
    func sampleTreeRoundTripsThroughTheDatabase(engine: BadgeDatabase.Engine) async throws {
        try await TestDatabases.with(engine) { database in
            let store = SQLCatalogStore(database: database)
            let tree = try SampleCatalog.tree()
            try await store.insert(tree, by: "test")

            let institution = try #require(try await store.find(Institution.self, id: tree.institution.id))
            #expect(institution == tree.institution)
            let micro = try #require(tree.badgeClasses.first { $0.kind == .microCredential })
            #expect(try await store.find(BadgeClass.self, id: micro.id) == micro)
            #expect(try await store.find(BadgeClass.self, id: UUID()) == nil)

            let page = try await store.list(
                BadgeClass.self,
                filter: CatalogFilter(institutionID: tree.institution.id),
                page: PageRequest(limit: 5)
            )
            #expect(page.items.count == 5)
            let cursor = try #require(page.nextCursor)
            let rest = try await store.list(
                BadgeClass.self,
                filter: CatalogFilter(institutionID: tree.institution.id),
                page: PageRequest(limit: 5, after: cursor)
            )
            #expect(rest.items.count == 2)
            #expect(rest.nextCursor == nil)
            #expect((page.items + rest.items).map(\.id) == tree.badgeClasses.map(\.id))
        }
    }

    @Test(arguments: TestDatabases.engines)
    func aFailingTreeLeavesNothingBehind(engine: BadgeDatabase.Engine) async throws {
        try await TestDatabases.with(engine) { database in
            let store = SQLCatalogStore(database: database)
            var tree = try SampleCatalog.tree()
            // The last badge class names an issuer that does not exist: the whole import must roll back.
            tree.badgeClasses[6].content.issuerID = UUID()
            await #expect(throws: BadgeCoreError.self) { try await store.insert(tree, by: "test") }
            let institutions = try await store.list(Institution.self, filter: CatalogFilter(), page: PageRequest())
            #expect(institutions.items.isEmpty)
            let audit = try await database.session { db in try await db.raw("SELECT COUNT(*) AS n FROM audit_log").first() }
            #expect(try audit?.decode(column: "n", as: Int.self) == 0)
        }
    }

    @Test(arguments: TestDatabases.engines)
    func duplicateInstitutionIdentifierIsAConflict(engine: BadgeDatabase.Engine) async throws {
        try await TestDatabases.with(engine) { database in
            let store = SQLCatalogStore(database: database)
            try await store.insert(try SampleCatalog.tree(), by: "test")
            let again = try SampleCatalog.tree(ids: UUIDv7Generator())
            let error = await #expect(throws: BadgeCoreError.self) { try await store.insert(again, by: "test") }
            #expect(error?.code == .conflict)
            #expect(error?.field == "identifier")
        }
    }

    @Test(arguments: TestDatabases.engines)
    func archivedParentsTakeNoChildren(engine: BadgeDatabase.Engine) async throws {
        try await TestDatabases.with(engine) { database in
            let store = SQLCatalogStore(database: database)
            let tree = try SampleCatalog.tree()
            try await store.insert(tree, by: "test")
            let issuer = tree.issuers[0]
            _ = try await store.update(Issuer.self, id: issuer.id, by: "test") { record, _ in
                var archived = record
                archived.archivedAt = FixedTimeSource().now()
                return archived
            }
            let newClass = Record(
                id: UUIDv7Generator().makeID(),
                institutionID: tree.institution.id,
                content: tree.badgeClasses[0].content,
                createdAt: FixedTimeSource().now()
            )
            let error = await #expect(throws: BadgeCoreError.self) { try await store.insert(newClass, by: "test") }
            #expect(error?.code == .conflict)
            #expect(error?.field == "issuer_id")
            let live = try await store.list(Issuer.self, filter: CatalogFilter(), page: PageRequest())
            #expect(live.items.map(\.id) == [tree.issuers[1].id])
            let all = try await store.list(Issuer.self, filter: CatalogFilter(includeArchived: true), page: PageRequest())
            #expect(all.items.count == 2)
        }
    }

    @Test(arguments: TestDatabases.engines)
    func updateSeesUnrevokedAssertionsAndRollsBackOnError(engine: BadgeDatabase.Engine) async throws {
        try await TestDatabases.with(engine) { database in
            let store = SQLCatalogStore(database: database)
            let tree = try SampleCatalog.tree()
            try await store.insert(tree, by: "test")
            let micro = try #require(tree.badgeClasses.first { $0.kind == .microCredential })
            try await database.session { db in
                try await db.insert(into: "assertions")
                    .columns("id", "badge_class_id", "recipient_hash", "body", "issued_at", "revoked_at")
                    .values(
                        SQLBind(UUID().uuidString.lowercased()),
                        SQLBind(micro.id.uuidString.lowercased()),
                        SQLBind("sha256$00"),
                        SQLBind("{}"),
                        SQLBind(Int64(0)),
                        SQLBind(Int64?.none)
                    )
                    .run()
            }
            let error = await #expect(throws: BadgeCoreError.self) {
                try await store.update(BadgeClass.self, id: micro.id, by: "test") { record, context in
                    var changed = record
                    changed.content.ects = 6
                    try record.content.checkUpdate(to: changed.content, hasUnrevokedAssertions: context.hasUnrevokedAssertions)
                    return changed
                }
            }
            #expect(error?.code == .frozen)
            #expect(try await store.find(BadgeClass.self, id: micro.id)?.ects == 5)

            let renamed = try await store.update(BadgeClass.self, id: micro.id, by: "test") { record, context in
                #expect(context.hasUnrevokedAssertions)
                var changed = record
                changed.content.name.en = "Energy Transition Modelling"
                return changed
            }
            #expect(try await store.find(BadgeClass.self, id: micro.id) == renamed)
        }
    }

    /// Reads reuse decoded contents only while the stored body is the same text: every change,
    /// and a change back, is seen on the next read, by id, by ids and in lists.
    @Test(arguments: TestDatabases.engines)
    func readsSeeEveryChangeOfARecordTheyDecodedBefore(engine: BadgeDatabase.Engine) async throws {
        try await TestDatabases.with(engine) { database in
            let store = SQLCatalogStore(database: database)
            let tree = try SampleCatalog.tree()
            try await store.insert(tree, by: "test")
            let micro = try #require(tree.badgeClasses.first { $0.kind == .microCredential })
            let original = try #require(try await store.find(BadgeClass.self, id: micro.id))
            #expect(try await store.find(BadgeClass.self, id: micro.id) == original)
            func rename(_ name: String) async throws -> Record<BadgeClass> {
                try await store.update(BadgeClass.self, id: micro.id, by: "test") { record, _ in
                    var changed = record
                    changed.content.name.en = name
                    return changed
                }
            }
            let renamed = try await rename("Energy Transition Modelling")
            #expect(try await store.find(BadgeClass.self, id: micro.id)?.content.name.en == "Energy Transition Modelling")
            #expect(try await store.find(BadgeClass.self, ids: [micro.id])[micro.id] == renamed)
            let filter = CatalogFilter(institutionID: tree.institution.id)
            let listed = try await store.list(BadgeClass.self, filter: filter, page: try PageRequest(limit: 200))
            #expect(listed.items.first { $0.id == micro.id }?.content.name.en == "Energy Transition Modelling")
            _ = try await rename(original.content.name.en ?? "")
            #expect(try await store.find(BadgeClass.self, id: micro.id)?.content == original.content)
        }
    }

    @Test(arguments: TestDatabases.engines)
    func apiKeysAreFoundByDigestAndRevocable(engine: BadgeDatabase.Engine) async throws {
        try await TestDatabases.with(engine) { database in
            let catalog = SQLCatalogStore(database: database)
            let keys = SQLAPIKeyStore(database: database)
            let tree = try SampleCatalog.tree()
            try await catalog.insert(tree, by: "test")
            let key = APIKey(
                id: UUID(),
                institutionID: tree.institution.id,
                role: .registrar,
                label: "registrar office",
                tokenHash: String(repeating: "ab", count: 32),
                createdAt: FixedTimeSource().now()
            )
            try await keys.insert(key)
            #expect(try await keys.findKey(tokenHash: key.tokenHash) == key)
            #expect(try await keys.findKey(tokenHash: String(repeating: "cd", count: 32)) == nil)
            #expect(try await keys.revokeKey(id: key.id, at: FixedTimeSource().now()))
            #expect(try await keys.findKey(tokenHash: key.tokenHash)?.revokedAt != nil)
            #expect(try await keys.revokeKey(id: UUID(), at: FixedTimeSource().now()) == false)
        }
    }
}
