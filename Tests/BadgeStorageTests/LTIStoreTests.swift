import BadgeCore
import BadgeStorage
import BadgeTesting
import Foundation
import LTI
import Testing

@Suite("LTI platforms in SQL")
struct LTIStoreTests {
    let now = Date(timeIntervalSince1970: 1_795_000_000)

    @Test(arguments: TestDatabases.engines)
    func platformsAreRegisteredPerInstitutionAndReplacedOnReRegistration(engine: BadgeDatabase.Engine) async throws {
        try await TestDatabases.with(engine) { database in
            let tree = try SampleCatalog.tree()
            try await SQLCatalogStore(database: database).insert(tree, by: "test")
            let registry = SQLPlatformRegistry(database: database)
            let moodle = Platform.moodle(siteURL: try #require(URL(string: "https://moodle.example")), clientID: "m1", deploymentIDs: ["3"])
            let canvas = Platform.canvas(clientID: "10000000000001", deploymentIDs: ["17:8865aa05"])
            try await registry.register(moodle, institutionID: tree.institution.id, id: UUID(), at: now)
            try await registry.register(canvas, institutionID: tree.institution.id, id: UUID(), at: now)
            #expect(try await registry.platform(issuer: moodle.issuer, clientID: "m1") == moodle)
            #expect(try await registry.resolve(issuer: canvas.issuer, clientID: nil) == canvas)
            var updated = moodle
            updated.deploymentIDs.insert("4")
            try await registry.register(updated, institutionID: tree.institution.id, id: UUID(), at: now)
            #expect(try await registry.platforms(issuer: moodle.issuer) == [updated])
            #expect(try await registry.allPlatforms().count == 2)
            #expect(try await registry.institutionID(issuer: canvas.issuer, clientID: canvas.clientID) == tree.institution.id)
        }
    }

    @Test(arguments: TestDatabases.engines)
    func courseLinksShowAtOnceHereAndWithinASecondOnAnotherDaemon(engine: BadgeDatabase.Engine) async throws {
        try await TestDatabases.with(engine) { database in
            let tree = try SampleCatalog.tree()
            try await SQLCatalogStore(database: database).insert(tree, by: "test")
            let (first, second) = (tree.badgeClasses[0].id, tree.badgeClasses[1].id)
            func link(_ badgeClassID: UUID, context: String = "course-1") -> CourseLink {
                CourseLink(issuer: "https://moodle.example", clientID: "m1", deploymentID: "3", contextID: context, badgeClassID: badgeClassID)
            }
            let here = SQLDeepLinkStore(database: database)
            let otherDaemon = SQLDeepLinkStore(database: database)
            #expect(try await here.linkedBadgeClasses(issuer: "https://moodle.example", contextID: "course-1") == [])
            // This daemon's own link shows at once, though the empty list was just read.
            try await here.recordLink(link(first), id: UUID(), at: now)
            #expect(try await here.linkedBadgeClasses(issuer: "https://moodle.example", contextID: "course-1") == [first])
            // Another course and another issuer are read for themselves.
            try await here.recordLink(link(second, context: "course-2"), id: UUID(), at: now)
            #expect(try await here.linkedBadgeClasses(issuer: "https://moodle.example", contextID: "course-2") == [second])
            #expect(try await here.linkedBadgeClasses(issuer: "https://canvas.example", contextID: "course-1") == [])
            // Another daemon's link: served from the second-old read at first, then seen.
            try await otherDaemon.recordLink(link(second), id: UUID(), at: now.addingTimeInterval(1))
            #expect(try await otherDaemon.linkedBadgeClasses(issuer: "https://moodle.example", contextID: "course-1") == [first, second])
            try await Task.sleep(for: .milliseconds(1_100))
            #expect(try await here.linkedBadgeClasses(issuer: "https://moodle.example", contextID: "course-1") == [first, second])
        }
    }
}
