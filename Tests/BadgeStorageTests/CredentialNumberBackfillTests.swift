import BadgeCore
import BadgeStorage
import BadgeTesting
import Foundation
import SQLKit
import Testing

/// Assertions stored before migration 14 have no number: the first request for it numbers
/// them, and several daemons asking at once agree on one number.
@Suite("Credential numbers for older assertions on SQLite and PostgreSQL")
struct CredentialNumberBackfillTests {
    @Test(arguments: TestDatabases.engines)
    func anUnnumberedAssertionIsNumberedOnceOnFirstUse(engine: BadgeDatabase.Engine) async throws {
        try await TestDatabases.with(engine) { database in
            let tree = try SampleCatalog.tree()
            try await SQLCatalogStore(database: database).insert(tree, by: "test")
            let micro = try #require(tree.badgeClasses.first { $0.kind == .microCredential })
            let assertion = Assertion(
                id: UUID(),
                badgeClassID: micro.id,
                issuerID: micro.issuerID,
                recipient: HashedRecipient(type: .email, identity: "sha256$" + String(repeating: "a", count: 64), salt: "s"),
                issuedOn: Date(timeIntervalSince1970: 1_700_000_000)
            )
            let item = NewAssertion(assertion: assertion, recipientKey: "key-1", jws: nil, institutionID: micro.institutionID, actor: "test")
            _ = try await SQLAssertionStore(database: database).store([item])
            // As if stored before numbers existed.
            try await database.session { db in try await db.delete(from: "credential_numbers").run() }
            let stores = (0..<4).map { _ in SQLCredentialNumberStore(database: database) }
            let answers = try await withThrowingTaskGroup(of: CredentialNumber?.self) { group in
                for store in stores { group.addTask { try await store.numbers(for: [assertion.id])[assertion.id] } }
                var answers: [CredentialNumber?] = []
                for try await answer in group { answers.append(answer) }
                return answers
            }
            let number = try #require(answers.first ?? nil)
            #expect(answers.allSatisfy { $0 == number })
            #expect(number.prefix == "UH")
            #expect(try await stores[0].assertionID(numbered: number) == assertion.id)
            let rows = try await database.session { db in try await db.select().column("number").from("credential_numbers").all() }
            #expect(rows.count == 1)
        }
    }
}
