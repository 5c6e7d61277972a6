import BadgeCore
import BadgeIssuing
import BadgeStorage
import BadgeTesting
import Configuration
import Foundation
import HTTPTypes
import HummingbirdTesting
import Primitives
import Testing

@Suite("API keys and institution scoping")
struct AuthenticationTests {
    @Test(arguments: TestDatabases.engines)
    func registrarListsItsBadgeClassesPageByPage(engine: BadgeDatabase.Engine) async throws {
        try await withTestApp(engine) { client, fixture in
            let first = try await client.send(.get, "/api/v1/badge-classes?limit=4", key: fixture.registrarKey)
            #expect(first.status == .ok)
            let items = try #require(first.json["items"] as? [[String: Any]])
            #expect(items.count == 4)
            let cursor = try #require(first.json["next_cursor"] as? String)
            let second = try await client.send(.get, "/api/v1/badge-classes?limit=4&after=\(cursor)", key: fixture.registrarKey)
            let rest = try #require(second.json["items"] as? [[String: Any]])
            #expect(rest.count == 3)
            #expect(second.json["next_cursor"] is NSNull)
            let names = (items + rest).compactMap { ($0["name"] as? [String: String])?["en"] }
            #expect(names.contains("Energy Transition Modelling for Professionals"))
            #expect((items + rest).allSatisfy { $0["institution_id"] as? String == fixture.tree.institution.id.uuidString.lowercased() })
        }
    }

    @Test func requestsWithoutAValidKeyGet401ProblemDocuments() async throws {
        try await withTestApp { client, fixture in
            for key in [nil, "bdg_not-a-real-key", "Basic abc"] as [String?] {
                let response = try await client.send(.get, "/api/v1/badge-classes", key: key)
                #expect(response.status == .unauthorized)
                #expect(response.headers[.contentType] == "application/problem+json")
                #expect(response.headers[.wwwAuthenticate]?.hasPrefix("Bearer") == true)
                #expect(response.json["status"] as? Int == 401)
                #expect((response.json["detail"] as? String)?.isEmpty == false)
            }
        }
    }

    @Test func anotherInstitutionsKeyIsForbidden() async throws {
        try await withTestApp { client, fixture in
            let issuer = fixture.tree.issuers[0].id.uuidString.lowercased()
            let listing = try await client.send(.get, "/api/v1/badge-classes?issuer_id=\(issuer)", key: fixture.otherRegistrarKey)
            #expect(listing.status == .forbidden)
            #expect(listing.headers[.contentType] == "application/problem+json")
            let institution = fixture.tree.institution.id.uuidString.lowercased()
            let byInstitution = try await client.send(.get, "/api/v1/badge-classes?institution_id=\(institution)", key: fixture.otherRegistrarKey)
            #expect(byInstitution.status == .forbidden)
            let one = fixture.tree.badgeClasses[0].id.uuidString.lowercased()
            #expect(try await client.send(.get, "/api/v1/badge-classes/\(one)", key: fixture.otherRegistrarKey).status == .forbidden)
            let own = try await client.send(.get, "/api/v1/badge-classes", key: fixture.otherRegistrarKey)
            #expect((own.json["items"] as? [Any])?.isEmpty == true)
        }
    }

    @Test func rolesLimitWhatAKeyMayChange() async throws {
        try await withTestApp { client, fixture in
            let faculty = #"{"name": {"en": "Faculty of Law"}}"#
            #expect(try await client.send(.post, "/api/v1/faculties", key: fixture.registrarKey, json: faculty).status == .forbidden)
            #expect(try await client.send(.post, "/api/v1/faculties", key: fixture.adminKey, json: faculty).status == .created)
            let institution = """
                {"identifier": "nieuw.nl", "brin": "97NW", "name": {"nl": "Nieuw"}, "institution_type": "MBO"}
                """
            #expect(try await client.send(.post, "/api/v1/institutions", key: fixture.adminKey, json: institution).status == .forbidden)
            #expect(try await client.send(.post, "/api/v1/institutions", key: fixture.operatorKey, json: institution).status == .created)
            let all = try await client.send(.get, "/api/v1/institutions", key: fixture.operatorKey)
            #expect((all.json["items"] as? [Any])?.count == 3)
            let own = try await client.send(.get, "/api/v1/institutions", key: fixture.adminKey)
            #expect((own.json["items"] as? [Any])?.count == 1)
        }
    }
}
