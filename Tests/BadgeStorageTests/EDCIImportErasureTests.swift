import BadgeCore
import BadgeStorage
import BadgeTesting
import Foundation
import Testing

@Suite("EDCI import erasure in SQL")
struct EDCIImportErasureTests {
    @Test(arguments: TestDatabases.engines)
    func aLearnersImportsAreDeletedAndOthersStay(engine: BadgeDatabase.Engine) async throws {
        try await TestDatabases.with(engine) { database in
            let tree = try SampleCatalog.tree()
            try await SQLCatalogStore(database: database).insert(tree, by: "test")
            let store = SQLEDCIImportStore(database: database)
            func entry(_ credential: String, learner: String) -> EDCIImportEntry {
                EDCIImportEntry(
                    id: UUID(),
                    institutionID: tree.institution.id,
                    badgeClassID: nil,
                    credentialID: credential,
                    learnerHash: learner,
                    signatureStatus: "unsigned",
                    converted: "{}",
                    originalXML: "<x/>",
                    createdAt: Date(timeIntervalSince1970: 1_800_000_000)
                )
            }
            let ada = entry("urn:credential:1", learner: "hash-ada")
            let grace = entry("urn:credential:2", learner: "hash-grace")
            try await store.store(ada, badgeClass: nil, actor: "test")
            try await store.store(grace, badgeClass: nil, actor: "test")
            #expect(try await store.erase(learnerHashes: ["hash-ada"], institutionID: UUID(), actor: "test") == 0)
            #expect(try await store.erase(learnerHashes: ["hash-ada"], institutionID: tree.institution.id, actor: "test") == 1)
            #expect(try await store.find(id: ada.id) == nil)
            #expect(try await store.find(id: grace.id) != nil)
        }
    }
}
