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

@Suite("Badge class admin API")
struct BadgeClassAPITests {
    private func microCredential(issuer: UUID, ects: Double) -> String {
        """
        {"issuer_id": "\(issuer.uuidString.lowercased())", "badge_class_type": "micro_credential",
         "name": {"en": "Circular Design", "nl": "Circulair ontwerpen"}, "description": {"en": "A professional course."},
         "criteria": {"narrative": {"en": "Pass the design review."}}, "language": "en_EN", "ects": \(ects), "eqf": 6,
         "learning_outcome": "Designs products for reuse.", "study_load": 112, "participation": "online",
         "assessment_type": "portfolio",
         "quality_assurance": {"name": "NVAO", "url": "https://www.nvao.net", "description": "Accredited programme."}}
        """
    }

    @Test(arguments: TestDatabases.engines)
    func aTwoECMicroCredentialIsRefusedNamingTheECTSField(engine: BadgeDatabase.Engine) async throws {
        try await withTestApp(engine) { client, fixture in
            let response = try await client.send(
                .post,
                "/api/v1/badge-classes",
                key: fixture.registrarKey,
                json: microCredential(issuer: fixture.tree.issuers[0].id, ects: 2)
            )
            #expect(response.status == .unprocessableContent)
            #expect(response.headers[.contentType] == "application/problem+json")
            #expect(response.json["field"] as? String == "ects")
            #expect(response.json["code"] as? String == "validation")
            let list = try await client.send(.get, "/api/v1/badge-classes?limit=200", key: fixture.registrarKey)
            #expect((list.json["items"] as? [Any])?.count == 7)
        }
    }

    @Test(arguments: TestDatabases.engines)
    func createShowPatchAndArchiveABadgeClass(engine: BadgeDatabase.Engine) async throws {
        try await withTestApp(engine) { client, fixture in
            let created = try await client.send(
                .post,
                "/api/v1/badge-classes",
                key: fixture.registrarKey,
                json: microCredential(issuer: fixture.tree.issuers[0].id, ects: 4.5)
            )
            #expect(created.status == .created)
            let id = try #require(created.json["id"] as? String)
            #expect(created.headers[.location] == "/api/v1/badge-classes/\(id)")
            #expect(created.json["ects"] as? Double == 4.5)

            let patched = try await client.send(
                .patch,
                "/api/v1/badge-classes/\(id)",
                key: fixture.registrarKey,
                json: #"{"name": {"en": "Circular Design Basics"}, "tags": ["circular"]}"#
            )
            #expect(patched.status == .ok)
            // JSON Merge Patch merges objects: the Dutch name stays.
            #expect((patched.json["name"] as? [String: String]) == ["en": "Circular Design Basics", "nl": "Circulair ontwerpen"])
            #expect(patched.json["tags"] as? [String] == ["circular"])

            let badPatch = try await client.send(.patch, "/api/v1/badge-classes/\(id)", key: fixture.registrarKey, json: #"{"study_load": 20}"#)
            #expect(badPatch.status == .unprocessableContent)
            #expect(badPatch.json["field"] as? String == "study_load")
            let shown = try await client.send(.get, "/api/v1/badge-classes/\(id)", key: fixture.instructorKey)
            #expect(shown.json["study_load"] as? Int == 112)

            #expect(try await client.send(.post, "/api/v1/badge-classes/\(id)/archive", key: fixture.instructorKey).status == .forbidden)
            let archived = try await client.send(.post, "/api/v1/badge-classes/\(id)/archive", key: fixture.registrarKey)
            #expect(archived.json["archived_at"] is String)
            let live = try await client.send(.get, "/api/v1/badge-classes?limit=200", key: fixture.registrarKey)
            #expect((live.json["items"] as? [[String: Any]])?.contains { $0["id"] as? String == id } == false)
            let all = try await client.send(.get, "/api/v1/badge-classes?limit=200&include_archived=true", key: fixture.registrarKey)
            #expect((all.json["items"] as? [[String: Any]])?.contains { $0["id"] as? String == id } == true)
        }
    }

    @Test func badInputGetsAReasonedClientError() async throws {
        try await withTestApp(configuration: ["http.max_body_size": 4096]) { client, fixture in
            let key = fixture.registrarKey
            let malformed = try await client.send(.post, "/api/v1/badge-classes", key: key, json: "{not json")
            #expect(malformed.status == .badRequest)
            let mistyped = try await client.send(.post, "/api/v1/badge-classes", key: key, json: #"{"issuer_id": 5}"#)
            #expect(mistyped.status == .unprocessableContent)
            #expect(mistyped.json["field"] as? String == "issuer_id")
            let missing = try await client.send(
                .post,
                "/api/v1/badge-classes",
                key: key,
                json: microCredential(issuer: UUID(), ects: 5)
            )
            #expect(missing.status == .unprocessableContent)
            #expect(missing.json["field"] as? String == "issuer_id")
            let huge = try await client.send(
                .post,
                "/api/v1/badge-classes",
                key: key,
                json: #"{"tags": ["\#(String(repeating: "x", count: 8000))"]}"#
            )
            #expect(huge.status == .contentTooLarge)
            #expect(huge.headers[.contentType] == "application/problem+json")
            let serverField = try await client.send(.post, "/api/v1/badge-classes", key: key, json: #"{"id": "x"}"#)
            #expect(serverField.json["field"] as? String == "id")
            #expect(try await client.send(.get, "/api/v1/badge-classes/\(UUID())", key: key).status == .notFound)
            #expect(try await client.send(.get, "/api/v1/badge-classes?limit=0", key: key).status == .unprocessableContent)
            #expect(try await client.send(.get, "/api/v1/badge-classes?after=zzz", key: key).status == .badRequest)
            let unknown = try await client.send(.get, "/api/v1/nothing-here", key: key)
            #expect(unknown.status == .notFound)
            #expect(unknown.headers[.contentType] == "application/problem+json")
        }
    }
}
