import BadgeCore
import BadgeStorage
import BadgeTesting
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

/// A stored EDCI import as an external credential over the router: the EU's master's degree
/// sample, signed and stored with `store=true`, added to its learner's record, completes a
/// composite whose rule allows external credentials (a local unit and 120 EC of the degree's
/// qualification); an unsigned import and another learner's are refused with 422; deleting the
/// credential flags the composite, naming the removed credential.
@Suite("EDCI imports as external credentials over HTTP")
struct EDCIExternalCredentialHTTPTests {
    static let learner = "sample.email@sample.email.com"
    static let qualification = "urn:epass:qualification:6"

    static func storeImport(_ client: some TestClientProtocol, _ fixture: TestFixture, _ xml: Data, unsigned: Bool = false) async throws -> String {
        let issuerID = fixture.tree.issuers[0].id.uuidString.lowercased()
        let query = "?store=true&issuer_id=\(issuerID)" + (unsigned ? "&allow_unsigned=true" : "")
        let stored = try await EDCIImportStoreTests.post(client, query, key: fixture.registrarKey, body: xml)
        #expect(stored.status == .created, "\(stored.text)")
        return try #require(stored.json["id"] as? String, "\(stored.text)")
    }

    static func addImport(
        _ client: some TestClientProtocol,
        _ fixture: TestFixture,
        _ importID: String,
        to recipient: String
    ) async throws -> TestResponse {
        try await client.send(
            .post,
            "/api/v1/recipients/\(recipient)/external-credentials",
            key: fixture.registrarKey,
            json: #"{"edci_import_id": "\#(importID)"}"#
        )
    }

    @Test(arguments: TestDatabases.engines)
    func aSignedImportCompletesACompositeAndItsRemovalFlagsIt(engine: BadgeDatabase.Engine) async throws {
        try await withTestApp(engine, configuration: EDCIEndpointTests.configuration) { client, fixture in
            let signedID = try await Self.storeImport(
                client,
                fixture,
                try EDCISamples.signed("EDC_SampleDegree_AA.xml", institution: fixture.tree.institution.content)
            )
            let unsignedID = try await Self.storeImport(client, fixture, try EDCISamples.sample("EDC_SampleACT_AA.xml"), unsigned: true)

            // The composite: the sample minor's badge class, renamed, with a rule allowing external credentials.
            let composite = try await StackingHTTPTests.createMinor(client, fixture)
            let unit = try #require(fixture.tree.badgeClasses.first { $0.name.en == "Introduction to Data Science" })
            let rule: [String: Any] = [
                "all_of": [["badge_class": unit.id.uuidString.lowercased()], ["min_ects": 120, "of": [["external": Self.qualification]]]],
                "allow_external": true,
                "on_component_lost": "flag",
            ]
            let set = try await client.send(
                .put,
                "/api/v1/badge-classes/\(composite)/stacking-rule",
                key: fixture.registrarKey,
                json: String(decoding: try JSONSerialization.data(withJSONObject: rule), as: UTF8.self)
            )
            #expect(set.status == .ok, "\(set.text)")
            _ = try await StackingHTTPTests.award("Introduction to Data Science", to: Self.learner, client, fixture)

            // Unsigned, and another learner's: refused naming why, and nothing is on the records.
            let unsigned = try await Self.addImport(client, fixture, unsignedID, to: "email:\(Self.learner)")
            #expect(unsigned.status == .unprocessableContent, "\(unsigned.text)")
            #expect(unsigned.json["field"] as? String == "edci_import_id")
            #expect(unsigned.text.contains("not signed"), "\(unsigned.text)")
            let otherLearner = try await Self.addImport(client, fixture, signedID, to: "email:ada@example.org")
            #expect(otherLearner.status == .unprocessableContent, "\(otherLearner.text)")
            #expect(otherLearner.json["field"] as? String == "recipient")
            #expect(otherLearner.text.contains("not this recipient"), "\(otherLearner.text)")
            let notAnID = try await Self.addImport(client, fixture, "nope", to: "email:\(Self.learner)")
            #expect(notAnID.status == .unprocessableContent)
            let listed = try await client.send(.get, "/api/v1/recipients/email:\(Self.learner)/external-credentials", key: fixture.registrarKey)
            #expect((listed.json["items"] as? [Any])?.isEmpty == true, "\(listed.text)")

            // The signed degree of the learner counts: the composite is issued at once.
            let added = try await Self.addImport(client, fixture, signedID, to: "email:\(Self.learner)")
            #expect(added.status == .created, "\(added.text)")
            #expect(added.json["kind"] as? String == "edci")
            #expect(added.json["component"] as? String == Self.qualification)
            #expect(added.json["ects"] as? Double == 120)
            #expect(added.json["source"] as? String == "edci-import:\(signedID.lowercased())")
            let credentialID = try #require(added.json["id"] as? String)
            // Issued by this request's stacking run, or, when the daemon's outbox delivered the
            // unit's `assertion.stored` at the same moment, by that run: once either way.
            let progress = try await client.send(
                .get,
                "/api/v1/recipients/email:\(Self.learner)/progress?badge_class_id=\(composite)",
                key: fixture.registrarKey
            )
            let item = (progress.json["items"] as? [[String: Any]])?.first
            let held = try #require(item?["held_assertion"] as? String, "\(progress.text)")
            let compositeID = try #require(held.split(separator: "/").last.map(String.init))
            if let issued = (added.json["issued_composites"] as? [String])?.first {
                #expect(issued.hasSuffix(compositeID), "\(added.text)")
            }
            let document = try await client.send(.get, "/public/assertions/\(compositeID)")
            let evidence = document.json["evidence"] as? [[String: Any]] ?? []
            #expect(evidence.contains { $0["name"] as? String == "Master of Science in Civil Engineering" }, "\(document.text)")
            #expect(try await Self.addImport(client, fixture, signedID, to: "email:\(Self.learner)").status == .conflict)

            // Deleting it breaks the rule: the composite is flagged, naming the removed credential.
            let path = "/api/v1/recipients/email:\(Self.learner)/external-credentials/\(credentialID)"
            #expect(try await client.send(.delete, path, key: fixture.registrarKey).status == .noContent)
            let flags = try await client.send(.get, "/api/v1/stacking-flags", key: fixture.registrarKey).json["items"] as? [[String: Any]] ?? []
            #expect(flags.count == 1)
            #expect(flags.first?["assertion_id"] as? String == compositeID)
            #expect(flags.first?["component"] as? String == Self.qualification)
            #expect(flags.first?["external_credential_id"] as? String == credentialID)
            #expect(flags.first?["component_assertion_url"] == nil, "not an assertion of this badged")
            #expect(try await client.send(.get, "/public/assertions/\(compositeID)").json["revoked"] == nil, "flagged, not revoked")
            #expect(try await client.send(.delete, path, key: fixture.registrarKey).status == .notFound)
        }
    }
}
