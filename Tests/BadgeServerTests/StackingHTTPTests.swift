import BadgeCore
import BadgeTesting
import Configuration
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

/// Stacking end to end over HTTP: the sample minor's badge class and rule set by API, unit awards
/// by API, the minor issued by the daemon's outbox with the units as evidence and as EDCI
/// `hasPart`, progress a student understands, and a revoked unit revoking the minor.
@Suite("Stacking over HTTP", .heavyLane)
struct StackingHTTPTests {
    static let units = [
        "Introduction to Data Science", "Data Ethics and Policy", "Statistics for Climate Data", "Machine Learning Fundamentals",
        "Geospatial Analysis",
    ]

    /// The sample minor's badge class, created through the API; returns its id.
    static func createMinor(_ client: some TestClientProtocol, _ fixture: TestFixture) async throws -> String {
        let unit = try #require(fixture.tree.badgeClasses.first { $0.name.en == units[0] })
        var body = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: SamplePaths.sample("api/minor-data-science.json"))) as? [String: Any]
        )
        body["issuer_id"] = unit.issuerID.uuidString.lowercased()
        let created = try await client.send(
            .post,
            "/api/v1/badge-classes",
            key: fixture.registrarKey,
            json: String(decoding: try JSONSerialization.data(withJSONObject: body), as: UTF8.self)
        )
        #expect(created.status == .created, "\(created.text)")
        return try #require(created.json["id"] as? String)
    }

    /// The sample rule with its badge class names replaced by ids, and `policy` on losing a unit.
    static func sampleRule(_ fixture: TestFixture, policy: String) throws -> String {
        var text = String(decoding: try Data(contentsOf: SamplePaths.sample("stacking/minor-data-science.json")), as: UTF8.self)
        for badgeClass in fixture.tree.badgeClasses {
            text = text.replacingOccurrences(of: "\"\(badgeClass.name.en ?? "-")\"", with: "\"\(badgeClass.id.uuidString.lowercased())\"")
        }
        let entries = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]])
        var rule = try #require(entries.first?["rule"] as? [String: Any])
        rule["on_component_lost"] = policy
        return String(decoding: try JSONSerialization.data(withJSONObject: rule), as: UTF8.self)
    }

    static func award(_ name: String, to email: String, _ client: some TestClientProtocol, _ fixture: TestFixture) async throws -> String {
        let unit = try #require(fixture.tree.badgeClasses.first { $0.name.en == name })
        let awarded = try await client.send(
            .post,
            "/api/v1/badge-classes/\(unit.id.uuidString.lowercased())/assertions",
            key: fixture.registrarKey,
            json: #"{"recipient": {"type": "email", "identity": "\#(email)"}}"#
        )
        return try #require(awarded.json["assertion_id"] as? String, "\(awarded.text)")
    }

    static func progress(_ client: some TestClientProtocol, _ fixture: TestFixture, minor: String) async throws -> [String: Any] {
        let response = try await client.send(
            .get,
            "/api/v1/recipients/email:ada@example.org/progress?badge_class_id=\(minor)",
            key: fixture.registrarKey
        )
        #expect(response.status == .ok, "\(response.text)")
        return try #require((response.json["items"] as? [[String: Any]])?.first)
    }

    @Test func unitAwardsIssueTheMinorWhichARevokedUnitRevokes() async throws {
        let configuration: [AbsoluteConfigKey: ConfigValue] = [
            "edci.schema_dir": .init(.string(SamplePaths.shared.appending(path: "edci/xsd").path), isSecret: false)
        ]
        try await withTestApp(configuration: configuration) { client, fixture in
            let minor = try await Self.createMinor(client, fixture)
            let path = "/api/v1/badge-classes/\(minor)/stacking-rule"
            let set = try await client.send(.put, path, key: fixture.registrarKey, json: try Self.sampleRule(fixture, policy: "revoke"))
            #expect(set.status == .ok, "\(set.text)")
            #expect(set.json["badge_class_id"] as? String == minor)
            #expect(try await client.send(.get, path, key: fixture.registrarKey).json["all_of"] != nil)

            var units: [String: String] = [:]
            for name in Self.units.dropLast() { units[name] = try await Self.award(name, to: "ada@example.org", client, fixture) }
            let partway = try await Self.progress(client, fixture, minor: minor)
            #expect(partway["satisfied"] as? Bool == false)
            #expect(partway["held"] as? Bool == false)
            #expect((partway["explanation"] as? String)?.hasPrefix("24 of 30 EC; still needed:") == true, "\(partway)")

            units[Self.units[4]] = try await Self.award(Self.units[4], to: "ada@example.org", client, fixture)
            // The daemon's outbox runs stacking after the award.
            var done: [String: Any] = [:]
            for _ in 0..<50 {
                done = try await Self.progress(client, fixture, minor: minor)
                if done["held"] as? Bool == true { break }
                try await Task.sleep(for: .milliseconds(100))
            }
            #expect(done["satisfied"] as? Bool == true)
            let minorURL = try #require(done["held_assertion"] as? String, "\(done)")
            let minorID = String(try #require(minorURL.split(separator: "/").last))
            let document = try await client.send(.get, "/public/assertions/\(minorID)")
            let evidence = document.json["evidence"] as? [[String: Any]] ?? []
            #expect(evidence.count == 5)
            #expect(Set(evidence.compactMap { ($0["id"] as? String)?.split(separator: "/").last.map(String.init) }) == Set(units.values))
            #expect((document.json["narrative"] as? String)?.contains("together 30 EC") == true)

            let edci = try await client.send(.get, "/public/assertions/\(minorID).edci.xml")
            #expect(edci.status == .ok, "\(edci.text.prefix(300))")
            #expect(edci.text.components(separatedBy: "<hasPart>").count - 1 >= 1)
            for name in Self.units { #expect(edci.text.contains(name), "\(name) is a part") }

            // A second run of the same awards issues nothing more.
            _ = try await Self.award(Self.units[4], to: "ada@example.org", client, fixture)
            let revoked = try await client.send(
                .post,
                "/api/v1/assertions/\(try #require(units["Data Ethics and Policy"]))/revoke",
                key: fixture.registrarKey,
                json: #"{"reason": "awarded in error"}"#
            )
            #expect(revoked.status == .ok, "\(revoked.text)")
            var after: [String: Any] = [:]
            for _ in 0..<50 {
                after = try await client.send(.get, "/public/assertions/\(minorID)").json
                if after["revoked"] as? Bool == true { break }
                try await Task.sleep(for: .milliseconds(100))
            }
            #expect(after["revoked"] as? Bool == true, "\(after)")
            #expect((after["revocationReason"] as? String)?.contains("Data Ethics and Policy") == true)
        }
    }

    @Test func aFlaggedMinorIsListedAndRevokedOnReview() async throws {
        try await withTestApp { client, fixture in
            let minor = try await Self.createMinor(client, fixture)
            let set = try await client.send(
                .put,
                "/api/v1/badge-classes/\(minor)/stacking-rule",
                key: fixture.registrarKey,
                json: try Self.sampleRule(fixture, policy: "flag")
            )
            #expect(set.status == .ok, "\(set.text)")
            var units: [String: String] = [:]
            for name in Self.units { units[name] = try await Self.award(name, to: "ada@example.org", client, fixture) }
            var minorURL: String?
            for _ in 0..<50 where minorURL == nil {
                minorURL = try await Self.progress(client, fixture, minor: minor)["held_assertion"] as? String
                if minorURL == nil { try await Task.sleep(for: .milliseconds(100)) }
            }
            let minorID = String(try #require(minorURL?.split(separator: "/").last))
            let unit = try #require(units["Geospatial Analysis"])
            _ = try await client.send(.post, "/api/v1/assertions/\(unit)/revoke", key: fixture.registrarKey, json: #"{"reason": "awarded in error"}"#)
            var flags: [[String: Any]] = []
            for _ in 0..<50 where flags.isEmpty {
                flags = try await client.send(.get, "/api/v1/stacking-flags", key: fixture.registrarKey).json["items"] as? [[String: Any]] ?? []
                if flags.isEmpty { try await Task.sleep(for: .milliseconds(100)) }
            }
            #expect(flags.count == 1)
            #expect(flags.first?["assertion_id"] as? String == minorID)
            #expect((flags.first?["component_assertion_url"] as? String)?.hasSuffix(unit) == true)
            #expect(try await client.send(.get, "/public/assertions/\(minorID)").json["revoked"] == nil, "flagged, not revoked")
            #expect(try await client.send(.get, "/api/v1/stacking-flags", key: fixture.instructorKey).status == .forbidden)

            let path = "/api/v1/stacking-flags/\(minorID)/review"
            #expect(try await client.send(.post, path, key: fixture.registrarKey, json: #"{"decision": "maybe"}"#).status == .unprocessableContent)
            let reviewed = try await client.send(.post, path, key: fixture.registrarKey, json: #"{"decision": "revoke", "comment": "checked"}"#)
            #expect(reviewed.status == .ok, "\(reviewed.text)")
            let document = try await client.send(.get, "/public/assertions/\(minorID)").json
            #expect(document["revoked"] as? Bool == true)
            #expect((document["revocationReason"] as? String)?.contains("Geospatial Analysis") == true, "\(document)")
            #expect((try await client.send(.get, "/api/v1/stacking-flags", key: fixture.registrarKey).json["items"] as? [Any])?.isEmpty == true)
            #expect(try await client.send(.post, path, key: fixture.registrarKey, json: #"{"decision": "keep"}"#).status == .notFound)
        }
    }

    @Test func badRulesAndCallersAreRefusedNamingTheProblem() async throws {
        try await withTestApp { client, fixture in
            let minor = try await Self.createMinor(client, fixture)
            let path = "/api/v1/badge-classes/\(minor)/stacking-rule"
            let unknown = try await client.send(
                .put,
                path,
                key: fixture.registrarKey,
                json: #"{"all_of": [{"badge_class": "\#(UUID().uuidString.lowercased())"}]}"#
            )
            #expect(unknown.status == .unprocessableContent, "\(unknown.text)")
            #expect((unknown.json["field"] as? String)?.hasPrefix("rule.all_of[0]") == true, "\(unknown.text)")
            let unreachable = try await client.send(
                .put,
                path,
                key: fixture.registrarKey,
                json: try Self.sampleRule(fixture, policy: "flag").replacingOccurrences(of: "\"min_ects\":18", with: "\"min_ects\":40")
            )
            #expect(unreachable.status == .unprocessableContent, "\(unreachable.text)")
            #expect((unreachable.json["field"] as? String)?.contains("min_ects") == true, "\(unreachable.text)")
            let instructor = try await client.send(.put, path, key: fixture.instructorKey, json: try Self.sampleRule(fixture, policy: "flag"))
            #expect(instructor.status == .forbidden)
            let other = try await client.send(.put, path, key: fixture.otherRegistrarKey, json: try Self.sampleRule(fixture, policy: "flag"))
            #expect([.forbidden, .notFound].contains(other.status))
            #expect(try await client.send(.get, path, key: fixture.registrarKey).status == .notFound, "nothing was stored")
            let noRecipient = try await client.send(.get, "/api/v1/recipients/nobody/progress", key: fixture.registrarKey)
            #expect(noRecipient.status == .unprocessableContent || noRecipient.status == .badRequest)
        }
    }
}
