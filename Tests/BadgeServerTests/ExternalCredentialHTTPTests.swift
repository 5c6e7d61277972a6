import BadgeCore
import BadgeStorage
import BadgeTesting
import Foundation
import NIOHTTP1
import Testing

/// External credentials end to end: a second badged on loopback issues signed OB 2.0 assertions
/// to ada; on the first, a composite allowing external credentials needs a local unit and one
/// of the second's BadgeClasses. A revoked and a tampered assertion are refused with 422 and do
/// not count; a valid one, added over the API, issues the composite.
@Suite("External credentials over HTTP", .heavyLane)
struct ExternalCredentialHTTPTests {
    static let ada = "ada@example.org"

    /// Awards a sample badge class on `app` to ada; returns the assertion id.
    static func award(_ name: String, on app: LiveApp, _ fixture: TestFixture) async throws -> String {
        let unit = try #require(fixture.tree.badgeClasses.first { $0.name.en == name })
        let awarded = try await app.send(
            .POST,
            "/api/v1/badge-classes/\(unit.id.uuidString.lowercased())/assertions",
            key: fixture.registrarKey,
            json: #"{"recipient": {"type": "email", "identity": "\#(ada)"}}"#
        )
        return try #require(awarded.json["assertion_id"] as? String, "\(awarded.text)")
    }

    /// A composite badge class on `app` (the sample minor's, renamed); returns its id.
    static func createComposite(on app: LiveApp, _ fixture: TestFixture) async throws -> String {
        let unit = try #require(fixture.tree.badgeClasses.first)
        var body = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: SamplePaths.sample("api/minor-data-science.json"))) as? [String: Any]
        )
        body["issuer_id"] = unit.issuerID.uuidString.lowercased()
        body["name"] = ["en": "Data Science with External Ethics", "nl": "Data Science met externe ethiek"]
        let created = try await app.send(
            .POST,
            "/api/v1/badge-classes",
            key: fixture.registrarKey,
            json: String(decoding: try JSONSerialization.data(withJSONObject: body), as: UTF8.self)
        )
        return try #require(created.json["id"] as? String, "\(created.text)")
    }

    static func addExternal(_ field: String, _ value: String, on app: LiveApp, key: String) async throws -> LiveApp.Reply {
        let body = String(decoding: try JSONSerialization.data(withJSONObject: [field: value]), as: UTF8.self)
        return try await app.send(.POST, "/api/v1/recipients/email:\(ada)/external-credentials", key: key, json: body)
    }

    @Test func anExternalAssertionFromASecondBadgedCountsAndARevokedOrTamperedOneDoesNot() async throws {
        try await withSeededDatabase(.sqlite) { remoteFixture in
            try await LiveApp.run(databaseURL: remoteFixture.databaseURL) { remote in
                // The second badged: one assertion to be revoked, one to be tampered with and then added as it is.
                let revokedID = try await Self.award("Geospatial Analysis", on: remote, remoteFixture)
                let validID = try await Self.award("Data Ethics and Policy", on: remote, remoteFixture)
                let revoke = try await remote.send(
                    .POST,
                    "/api/v1/assertions/\(revokedID)/revoke",
                    key: remoteFixture.registrarKey,
                    json: #"{"reason": "Awarded in error"}"#
                )
                #expect(revoke.status == 200, "\(revoke.text)")
                let revokedClass = try #require(try await remote.send(.GET, "/public/assertions/\(revokedID)").json["badge"] as? String)
                let validClass = try #require(try await remote.send(.GET, "/public/assertions/\(validID)").json["badge"] as? String)
                let revokedJWS = try await remote.send(.GET, "/public/assertions/\(revokedID).jws").text
                let jws = try await remote.send(.GET, "/public/assertions/\(validID).jws").text

                try await withLiveTestApp { app, fixture in
                    let unit = try #require(fixture.tree.badgeClasses.first { $0.name.en == "Introduction to Data Science" })
                    let composite = try await Self.createComposite(on: app, fixture)
                    let rule: [String: Any] = [
                        "all_of": [
                            ["badge_class": unit.id.uuidString.lowercased()],
                            ["at_least": 1, "of": [["external": revokedClass], ["external": validClass]]],
                        ],
                        "allow_external": true,
                    ]
                    let set = try await app.send(
                        .PUT,
                        "/api/v1/badge-classes/\(composite)/stacking-rule",
                        key: fixture.registrarKey,
                        json: String(decoding: try JSONSerialization.data(withJSONObject: rule), as: UTF8.self)
                    )
                    #expect(set.status == 200, "\(set.text)")
                    _ = try await Self.award("Introduction to Data Science", on: app, fixture)

                    // Revoked on the second badged: refused, signed or hosted.
                    let revoked = try await Self.addExternal("jws", revokedJWS, on: app, key: fixture.registrarKey)
                    #expect(revoked.status == 422, "\(revoked.text)")
                    #expect(revoked.text.contains("revoked"), "\(revoked.text)")
                    let revokedHosted = try await Self.addExternal(
                        "url",
                        "\(remote.baseURL)/public/assertions/\(revokedID)",
                        on: app,
                        key: fixture.registrarKey
                    )
                    #expect(revokedHosted.status == 422, "\(revokedHosted.text)")

                    // One payload character changed: the signature no longer verifies.
                    var parts = jws.split(separator: ".").map(String.init)
                    let middle = parts[1].index(parts[1].startIndex, offsetBy: parts[1].count / 2)
                    parts[1].replaceSubrange(middle...middle, with: parts[1][middle] == "A" ? "B" : "A")
                    let tampered = try await Self.addExternal("jws", parts.joined(separator: "."), on: app, key: fixture.registrarKey)
                    #expect(tampered.status == 422, "\(tampered.text)")

                    let instructor = try await Self.addExternal("jws", jws, on: app, key: fixture.instructorKey)
                    #expect(instructor.status == 403, "\(instructor.text)")

                    let listed = try await app.send(.GET, "/api/v1/recipients/email:\(Self.ada)/external-credentials", key: fixture.registrarKey)
                    #expect((listed.json["items"] as? [Any])?.isEmpty == true, "\(listed.text)")
                    let before = try await app.send(
                        .GET,
                        "/api/v1/recipients/email:\(Self.ada)/progress?badge_class_id=\(composite)",
                        key: fixture.registrarKey
                    )
                    #expect((before.json["items"] as? [[String: Any]])?.first?["held"] as? Bool == false, "\(before.text)")

                    // The untouched assertion counts and issues the composite.
                    let added = try await Self.addExternal("jws", jws, on: app, key: fixture.registrarKey)
                    #expect(added.status == 201, "\(added.text)")
                    #expect(added.json["component"] as? String == validClass)
                    #expect(added.json["name"] as? String == "Data-ethiek en beleid", "the OB 2.0 BadgeClass name (Dutch first)")
                    #expect(added.json["status"] as? String == "valid")
                    // Issued by this request's stacking run, or, when the daemon's outbox delivered the
                    // unit's `assertion.stored` at the same moment, by that run: once either way.
                    let progress = try await app.send(
                        .GET,
                        "/api/v1/recipients/email:\(Self.ada)/progress?badge_class_id=\(composite)",
                        key: fixture.registrarKey
                    )
                    let held = try #require((progress.json["items"] as? [[String: Any]])?.first?["held_assertion"] as? String, "\(progress.text)")
                    let compositeID = try #require(held.split(separator: "/").last.map(String.init))
                    if let issued = (added.json["issued_composites"] as? [String])?.first {
                        #expect(issued.hasSuffix(compositeID), "\(added.text)")
                    }
                    let document = try await app.send(.GET, "/public/assertions/\(compositeID)")
                    let evidence = document.json["evidence"] as? [[String: Any]] ?? []
                    #expect(evidence.contains { $0["name"] as? String == "Data-ethiek en beleid" }, "\(document.text)")

                    let after = try await app.send(
                        .GET,
                        "/api/v1/recipients/email:\(Self.ada)/progress?badge_class_id=\(composite)",
                        key: fixture.registrarKey
                    )
                    #expect((after.json["items"] as? [[String: Any]])?.first?["held"] as? Bool == true, "\(after.text)")
                    let again = try await Self.addExternal("jws", jws, on: app, key: fixture.registrarKey)
                    #expect(again.status == 409, "\(again.text)")
                    let all = try await app.send(.GET, "/api/v1/recipients/email:\(Self.ada)/external-credentials", key: fixture.registrarKey)
                    #expect((all.json["items"] as? [Any])?.count == 1, "\(all.text)")
                }
            }
        }
    }
}
