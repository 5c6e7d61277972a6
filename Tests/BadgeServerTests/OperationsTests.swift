import BadgeCore
import BadgeIssuing
import BadgeStorage
import BadgeTesting
import Configuration
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LTI
import Primitives
import Testing

@testable import BadgeServer

@Suite("Health, metrics, OpenAPI and restarts")
struct OperationsTests {
    @Test func healthReadinessAndMetricsAnswer() async throws {
        try await withTestApp { client, _ in
            let health = try await client.send(.get, "/healthz")
            #expect(health.status == .ok)
            #expect(health.json["status"] as? String == "ok")
            let ready = try await client.send(.get, "/readyz")
            #expect(ready.status == .ok)
            #expect(ready.json["database"] as? String == "sqlite")
            let metrics = try await client.send(.get, "/metrics")
            #expect(metrics.headers[.contentType]?.hasPrefix("text/plain; version=0.0.4") == true)
            #expect(metrics.text.contains("badged_info{version=\"\(BadgedVersion.current)\"} 1"))
            #expect(metrics.text.contains("badged_database_ready{engine=\"sqlite\"} 1"))
        }
    }

    @Test func openAPIDocumentDescribesExactlyTheRouterRoutes() async throws {
        let router = try await TestRouter.make()

        let routed = Set(
            router.routes.map { route in
                let path = route.path.description.split(separator: "/").map { $0.hasPrefix(":") ? "{\($0.dropFirst())}" : String($0) }
                return "\(route.method.rawValue.lowercased()) /\(path.joined(separator: "/"))"
            }
        )
        let json = try OpenAPIDocument.json(baseURL: "http://127.0.0.1:8080")
        let document = try #require(try JSONSerialization.jsonObject(with: json) as? [String: Any])
        let paths = try #require(document["paths"] as? [String: [String: Any]])
        let described = Set(paths.flatMap { path, operations in operations.keys.map { "\($0) \(path)" } })
        #expect(routed == described)
        #expect(document["openapi"] as? String == "3.1.0")
    }

    @Test func openAPIIsServedAsJSON() async throws {
        try await withTestApp { client, _ in
            let response = try await client.send(.get, "/openapi.json")
            #expect(response.status == .ok)
            #expect((response.json["paths"] as? [String: Any])?["/api/v1/badge-classes/{id}"] != nil)
        }
    }

    @Test(arguments: TestDatabases.engines)
    func dataSurvivesARestart(engine: BadgeDatabase.Engine) async throws {
        try await withTestApp(engine) { client, fixture in
            let issuer = """
                {"faculty_id": "\(fixture.tree.faculties[0].id.uuidString.lowercased())", "name": {"en": "Honours College"},
                 "url": "https://www.universiteit-harderwijk.nl/honours", "email": "honours@universiteit-harderwijk.nl"}
                """
            let created = try await client.send(.post, "/api/v1/issuers", key: fixture.adminKey, json: issuer)
            let id = try #require(created.json["id"] as? String)
            let key = fixture.adminKey
            let after = try await runTestApp(databaseURL: fixture.databaseURL) { second in
                try await second.send(.get, "/api/v1/issuers/\(id)", key: key)
            }
            #expect(after.status == .ok)
            #expect((after.json["name"] as? [String: String])?["en"] == "Honours College")
        }
    }
}
