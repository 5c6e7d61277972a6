import BadgeCore
import BadgeStorage
import BadgeTesting
import Configuration
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LTI
import OpenBadges
import Testing

@testable import BadgeServer

@Suite("The route table")
struct RouteTableTests {
    @Test func everyRouteOfTheTableIsRegisteredAndDocumentedWithItsMethod() async throws {
        let router = try await TestRouter.make()
        let registered = Set(router.routes.map { "\($0.method.rawValue) /\($0.path.description.split(separator: "/").joined(separator: "/"))" })
        let json = try OpenAPIDocument.json(baseURL: "http://127.0.0.1:8080")
        let document = try #require(try JSONSerialization.jsonObject(with: json) as? [String: Any])
        let paths = try #require(document["paths"] as? [String: [String: [String: Any]]])
        for route in Route.all {
            // RouterPath and OpenAPI both write a parameter as {name}.
            let path = "/" + route.path.split(separator: "/").map { $0.hasPrefix(":") ? "{\($0.dropFirst())}" : String($0) }.joined(separator: "/")
            let isRegistered = registered.contains("\(route.method.rawValue) \(path)")
            #expect(isRegistered, "\(route.operationID) is not registered")
            let operation = paths[path]?[route.method.rawValue.lowercased()]
            #expect(operation?["operationId"] as? String == route.operationID, "\(route.operationID) is not documented at \(path)")
            #expect((operation?["security"] != nil) == route.needsAPIKey, "\(route.operationID) documents the wrong security")
        }
        #expect(router.routes.count == Route.all.count)
        #expect(Set(Route.all.map(\.operationID)).count == Route.all.count)
    }

    @Test func everyPublicURLIsServedByOnePublicRoute() throws {
        let urls = try PublicURLs(baseURL: "https://badges.example.edu")
        let id = UUID()
        var links = [
            urls.issuer(id), urls.revocationList(issuer: id), urls.badgeClass(id), urls.badgeClassImage(id), urls.assertion(id),
            urls.signedAssertion(id), urls.bakedImage(id), urls.key("issuer-key.2025"),
        ]
        links += EdubadgesExtension.allCases.flatMap { [urls.extensionContext($0), urls.extensionSchema($0)] }
        for link in links {
            let path = try #require(link.hasPrefix(urls.baseURL) ? String(link.dropFirst(urls.baseURL.count)) : nil)
            let serving = Route.all.filter { $0.method == .get && $0.matches(path) }
            #expect(serving.count == 1, "\(path) is served by \(serving.map(\.operationID))")
            #expect(serving.first?.audience == .public)
        }
    }

    @Test func linksBuiltFromTheTableAreTheRoutesOwnPaths() throws {
        let id = UUID().uuidString.lowercased()
        let edci = Route.publicAssertion.url(baseURL: "https://badges.example.edu", ["id": id + Route.edciSuffix])
        #expect(edci == "https://badges.example.edu/public/assertions/\(id).edci.xml")
        #expect(Route.ltiLaunch.url(baseURL: "https://badges.example.edu") == "https://badges.example.edu/lti/launch")
        #expect(Route.Catalog.badgeClasses.show.url(baseURL: "", ["id": id]) == "/api/v1/badge-classes/\(id)")
        #expect(Route.showPlatform.matches("/api/v1/platforms/\(id)"))
        #expect(!Route.showPlatform.matches("/api/v1/platforms"))
    }

    @Test func everyAdminRouteRefusesARequestWithoutAKey() async throws {
        try await withTestApp { client, _ in
            for route in Route.all where route.needsAPIKey {
                let values = Dictionary(uniqueKeysWithValues: route.pathParameterNames.map { ($0, UUID().uuidString.lowercased()) })
                let response = try await client.send(route.method, route.url(baseURL: "", values))
                #expect(response.status == .unauthorized, "\(route.operationID) answered \(response.status)")
            }
        }
    }

    @Test func everyOtherRouteIsServedWithoutAKey() async throws {
        try await withTestApp { client, _ in
            for route in [Route.health, .readiness, .metrics, .openAPI, .ltiJWKS] {
                let response = try await client.send(route.method, route.url(baseURL: ""))
                #expect(response.status == .ok, "\(route.operationID) answered \(response.status)")
            }
        }
    }
}
