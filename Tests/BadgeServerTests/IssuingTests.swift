import BadgeCore
import BadgeIssuing
import BadgeStorage
import BadgeTesting
import Configuration
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import OpenBadges
import Primitives
import Testing

@Suite("Awarding, public documents and revocation", .heavyLane)
struct IssuingTests {
    static func awardBody(_ email: String) -> String {
        #"{"recipient": {"type": "email", "identity": "\#(email)"}, "narrative": "Passed with distinction.", "evidence": [{"url": "https://lms.example.org/grade/42"}]}"#
    }

    /// Awards the sample micro-credential to `email` through the API and returns the assertion id.
    static func awardMicroCredential(_ client: some TestClientProtocol, _ fixture: TestFixture, to email: String) async throws -> String {
        let micro = try #require(fixture.tree.badgeClasses.first { $0.kind == .microCredential })
        let awarded = try await client.send(
            .post,
            "/api/v1/badge-classes/\(micro.id.uuidString.lowercased())/assertions",
            key: fixture.registrarKey,
            json: awardBody(email)
        )
        return try #require(awarded.json["assertion_id"] as? String)
    }

    @Test(arguments: TestDatabases.engines)
    func awardingIsIdempotentPerRecipientAndBatchesReportEachItem(engine: BadgeDatabase.Engine) async throws {
        try await withTestApp(engine) { client, fixture in
            let micro = try #require(fixture.tree.badgeClasses.first { $0.kind == .microCredential })
            let path = "/api/v1/badge-classes/\(micro.id.uuidString.lowercased())/assertions"
            let first = try await client.send(.post, path, key: fixture.registrarKey, json: Self.awardBody("Ada@Example.org"))
            #expect(first.status == .created)
            let id = try #require(first.json["assertion_id"] as? String)
            #expect(first.json["jws_url"] as? String != nil)
            let again = try await client.send(.post, path, key: fixture.registrarKey, json: Self.awardBody("ada@example.org "))
            #expect(again.status == .ok)
            #expect(again.json["status"] as? String == "existing")
            #expect(again.json["assertion_id"] as? String == id)

            let batch =
                #"{"awards": [\#(Self.awardBody("ada@example.org")), \#(Self.awardBody("grace@example.org")), \#(Self.awardBody("not-an-email"))]}"#
            let result = try await client.send(.post, path, key: fixture.registrarKey, json: batch)
            #expect(result.status == .ok)
            #expect(result.json["created"] as? Int == 1)
            #expect(result.json["existing"] as? Int == 1)
            #expect(result.json["failed"] as? Int == 1)
            let failed = try #require((result.json["results"] as? [[String: Any]])?.last)
            #expect(failed["field"] as? String == "awards[2].recipient.identity")

            #expect(try await client.send(.post, path, key: fixture.instructorKey, json: Self.awardBody("x@example.org")).status == .forbidden)
            #expect(try await client.send(.post, path, key: fixture.otherRegistrarKey, json: Self.awardBody("x@example.org")).status == .forbidden)

            // The class now has credentials in the world: its ECTS can no longer change.
            let frozen = try await client.send(
                .patch,
                "/api/v1/badge-classes/\(micro.id.uuidString.lowercased())",
                key: fixture.registrarKey,
                json: #"{"ects": 6}"#
            )
            #expect(frozen.status == .conflict)
            #expect(frozen.json["field"] as? String == "ects")
        }
    }

    @Test func publicDocumentsNeverRevealThePlainRecipient() async throws {
        try await withTestApp { client, fixture in
            let micro = try #require(fixture.tree.badgeClasses.first { $0.kind == .microCredential })
            let awarded = try await client.send(
                .post,
                "/api/v1/badge-classes/\(micro.id.uuidString.lowercased())/assertions",
                key: fixture.registrarKey,
                json: Self.awardBody("ada@example.org")
            )
            let id = try #require(awarded.json["assertion_id"] as? String)
            let hosted = try await client.send(.get, "/public/assertions/\(id)")
            #expect(hosted.status == .ok)
            #expect(hosted.headers[.contentType] == "application/ld+json")
            #expect(!hosted.text.lowercased().contains("ada@example.org"))
            let recipient = try #require(hosted.json["recipient"] as? [String: Any])
            #expect(recipient["hashed"] as? Bool == true)
            #expect((recipient["identity"] as? String)?.hasPrefix("sha256$") == true)
            let jws = try await client.send(.get, "/public/assertions/\(id).jws")
            #expect(jws.text.split(separator: ".").count == 3)
            #expect(!jws.text.contains("ada"))
            let page = try await client.execute(uri: "/public/assertions/\(id)", method: .get, headers: [.accept: "text/html,application/xhtml+xml"])
            #expect(page.headers[.contentType]?.hasPrefix("text/html") == true)
            #expect(page.text.contains("Energy Transition Modelling for Professionals"))
            #expect(!page.text.lowercased().contains("ada@example.org"))
            let svg = try await client.send(.get, "/public/assertions/\(id)/image")
            #expect(svg.headers[.contentType] == "image/svg+xml")
            #expect(try SVGBaker().extract(from: svg.text)?.verify == jws.text)
            let png = try await client.send(.get, "/public/assertions/\(id)/image?format=png")
            #expect(png.headers[.contentType] == "image/png")
            #expect(try PNGBaker().extract(from: Data(png.body.readableBytesView)) == jws.text)
            let admin = try await client.send(.get, "/api/v1/assertions/\(id)", key: fixture.registrarKey)
            #expect(!admin.text.lowercased().contains("ada@example.org"))

            let revoked = try await client.send(
                .post,
                "/api/v1/assertions/\(id)/revoke",
                key: fixture.registrarKey,
                json: #"{"reason": "Awarded in error"}"#
            )
            #expect(revoked.status == .ok)
            let after = try await client.send(.get, "/public/assertions/\(id)")
            #expect(after.json["revoked"] as? Bool == true)
            let issuerID = fixture.tree.issuers[0].id.uuidString.lowercased()
            let list = try await client.send(.get, "/public/issuers/\(issuerID)/revocations")
            #expect(list.text.contains(id))
            #expect(
                try await client.send(.post, "/api/v1/assertions/\(id)/revoke", key: fixture.registrarKey, json: "{}").status == .unprocessableContent
            )
        }
    }
}
