import BadgeCore
import BadgeIssuing
import BadgeStorage
import BadgeTesting
import Configuration
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Primitives
import Testing

@Suite("Stored EDCI imports")
struct EDCIImportStoreTests {
    static func post(_ client: some TestClientProtocol, _ query: String, key: String, body: Data) async throws -> TestResponse {
        try await client.execute(
            uri: "/api/v1/imports/edci\(query)",
            method: .post,
            headers: [.authorization: "Bearer \(key)", .contentType: "application/xml"],
            body: ByteBuffer(bytes: body)
        )
    }

    @Test(arguments: TestDatabases.engines)
    func anImportIsStoredOnRequestWithItsOriginalXMLAndOnlyOnce(engine: BadgeDatabase.Engine) async throws {
        try await withTestApp(engine, configuration: EDCIEndpointTests.configuration) { client, fixture in
            let sample = try Data(contentsOf: SamplePaths.shared.appending(path: "edci/samples/EDC_SampleDegree_AA.xml"))
            let issuerID = fixture.tree.issuers[0].id.uuidString.lowercased()
            let classes = try await AwardBatchTests.count("SELECT COUNT(*) AS n FROM badge_classes", databaseURL: fixture.databaseURL)

            // A preview stores nothing.
            let preview = try await Self.post(client, "", key: fixture.registrarKey, body: sample)
            #expect(preview.status == .ok)
            #expect(try await AwardBatchTests.count("SELECT COUNT(*) AS n FROM edci_imports", databaseURL: fixture.databaseURL) == 0)

            // The EU sample carries no signature: it is stored only when asked for, and says so.
            let refused = try await Self.post(client, "?store=true&issuer_id=\(issuerID)", key: fixture.registrarKey, body: sample)
            #expect(refused.status == .unprocessableContent)
            #expect(refused.json["field"] as? String == "allow_unsigned")
            let stored = try await Self.post(client, "?store=true&allow_unsigned=true&issuer_id=\(issuerID)", key: fixture.registrarKey, body: sample)
            #expect(stored.status == .created)
            let importID = try #require(stored.json["id"] as? String)
            let badgeClassID = try #require(stored.json["badge_class_id"] as? String)
            let badgeClass = try await client.send(.get, "/api/v1/badge-classes/\(badgeClassID)", key: fixture.registrarKey)
            #expect(badgeClass.status == .ok)
            #expect(badgeClass.json["badge_class_type"] as? String == "extra_curricular")
            #expect(badgeClass.json["issuer_id"] as? String == issuerID)

            let shown = try await client.send(.get, "/api/v1/imports/edci/\(importID)", key: fixture.registrarKey)
            #expect(shown.status == .ok)
            #expect(shown.json["original_xml"] as? String == String(decoding: sample, as: UTF8.self))
            let converted = try #require(shown.json["converted"] as? [String: Any])
            #expect(((converted["diagnostics"] as? [[String: Any]])?.count ?? 0) > 0)
            #expect(try await client.send(.get, "/api/v1/imports/edci/\(importID)", key: fixture.otherRegistrarKey).status == .forbidden)

            // The same credential again, a missing issuer, another institution's key, hostile XML:
            // each is refused and nothing more is written.
            #expect(
                try await Self.post(client, "?store=true&allow_unsigned=true&issuer_id=\(issuerID)", key: fixture.registrarKey, body: sample).status
                    == .conflict
            )
            let noIssuer = try await Self.post(client, "?store=true", key: fixture.registrarKey, body: sample)
            #expect(noIssuer.status == .unprocessableContent)
            #expect(noIssuer.json["field"] as? String == "issuer_id")
            #expect(
                try await Self.post(client, "?store=true&issuer_id=\(issuerID)", key: fixture.otherRegistrarKey, body: sample).status == .forbidden
            )
            let laughs = #"<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]><lolz>&lol2;</lolz>"#
            #expect(
                try await Self.post(client, "?store=true&issuer_id=\(issuerID)", key: fixture.registrarKey, body: Data(laughs.utf8)).status
                    == .unprocessableContent
            )
            #expect(try await AwardBatchTests.count("SELECT COUNT(*) AS n FROM edci_imports", databaseURL: fixture.databaseURL) == 1)
            #expect(try await AwardBatchTests.count("SELECT COUNT(*) AS n FROM badge_classes", databaseURL: fixture.databaseURL) == classes + 1)
        }
    }

    @Test(arguments: TestDatabases.engines)
    func aSignedImportIsStoredAndATamperedOneIsRefusedWithNothingWritten(engine: BadgeDatabase.Engine) async throws {
        try await withTestApp(engine, configuration: EDCIEndpointTests.configuration) { client, fixture in
            let id = try await IssuingTests.awardMicroCredential(client, fixture, to: "ada@example.org")
            let signed = try await client.send(.get, "/public/assertions/\(id).edci.xml").text
            let title = try #require(signed.range(of: "Energy Transition"))
            let tampered = signed.replacingCharacters(in: title.lowerBound..<signed.index(after: title.lowerBound), with: "e")
            let issuerID = fixture.tree.issuers[0].id.uuidString.lowercased()
            let classes = try await AwardBatchTests.count("SELECT COUNT(*) AS n FROM badge_classes", databaseURL: fixture.databaseURL)

            for query in ["?store=true&issuer_id=\(issuerID)", "?store=true&allow_unsigned=true&issuer_id=\(issuerID)"] {
                let refused = try await Self.post(client, query, key: fixture.registrarKey, body: Data(tampered.utf8))
                #expect(refused.status == .unprocessableContent)
                #expect(refused.json["field"] as? String == "signature")
            }
            #expect(try await AwardBatchTests.count("SELECT COUNT(*) AS n FROM edci_imports", databaseURL: fixture.databaseURL) == 0)
            #expect(try await AwardBatchTests.count("SELECT COUNT(*) AS n FROM badge_classes", databaseURL: fixture.databaseURL) == classes)

            let stored = try await Self.post(client, "?store=true&issuer_id=\(issuerID)", key: fixture.registrarKey, body: Data(signed.utf8))
            #expect(stored.status == .created)
            #expect(stored.json["signature_status"] as? String == "valid")
        }
    }
}
