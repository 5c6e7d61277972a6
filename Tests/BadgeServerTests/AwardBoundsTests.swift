import BadgeCore
import BadgeIssuing
import BadgeStorage
import BadgeTesting
import Foundation
import HTTPTypes
import HummingbirdTesting
import OpenBadges
import Primitives
import Testing

/// Hostile award content is refused at write time with a 422 naming the field, and nothing is
/// stored; whatever is stored can be baked and served.
@Suite("Award content bounds")
struct AwardBoundsTests {
    private static func award(evidence: String, extra: String = "") -> String {
        #"{"recipient": {"type": "email", "identity": "ada@example.org"}, "evidence": \#(evidence)\#(extra)}"#
    }

    @Test(arguments: TestDatabases.engines)
    func oversizedAwardsAreRefusedNamingTheFieldAndNothingIsStored(engine: BadgeDatabase.Engine) async throws {
        try await withTestApp(engine) { client, fixture in
            let micro = try #require(fixture.tree.badgeClasses.first { $0.kind == .microCredential })
            let path = "/api/v1/badge-classes/\(micro.id.uuidString.lowercased())/assertions"
            let long = String(repeating: "x", count: 200_000)
            let manyItems = "[" + Array(repeating: #"{"url": "https://lms.example.org/e"}"#, count: 51).joined(separator: ",") + "]"
            let cases: [(body: String, field: String)] = [
                (Self.award(evidence: #"[{"narrative": "\#(long)"}]"#), "evidence[0].narrative"),
                (Self.award(evidence: manyItems), "evidence"),
                (Self.award(evidence: "[]", extra: #", "grade": "\#(String(repeating: "9", count: 101))""#), "grade"),
                (
                    Self.award(
                        evidence: "["
                            + Array(repeating: #"{"narrative": "\#(String(repeating: "n", count: 9_000))"}"#, count: 4).joined(separator: ",") + "]"
                    ), "evidence"
                ),
            ]
            for (body, field) in cases {
                let response = try await client.send(.post, path, key: fixture.registrarKey, json: body)
                #expect(response.status == .unprocessableContent)
                #expect(response.json["field"] as? String == field)
            }
            let listed = try await client.send(.post, path, key: fixture.registrarKey, json: Self.award(evidence: "[]"))
            #expect(listed.status == .created)
            let id = try #require(listed.json["assertion_id"] as? String)
            for suffix in ["", ".jws", "/image", "/image?format=png"] {
                let served = try await client.send(.get, "/public/assertions/\(id)\(suffix)")
                #expect(served.status == .ok, "\(suffix)")
            }
        }
    }

    @Test func theLargestAllowedAssertionStillBakes() throws {
        let evidence = (0..<3).map { _ in Assertion.Evidence(narrative: String(repeating: "é", count: 10_000)) }
        var assertion = Assertion(
            id: UUID(),
            badgeClassID: UUID(),
            issuerID: UUID(),
            recipient: HashedRecipient(type: .email, identity: "sha256$" + String(repeating: "a", count: 64), salt: "s"),
            issuedOn: Date(timeIntervalSince1970: 1_800_000_000),
            evidence: evidence,
            narrative: String(repeating: "é", count: 1_900),
            grade: "8.5"
        )
        try assertion.validate()
        // As a JWS (base64url of the JSON) it still fits the PNG baker's payload limit.
        let jwsLike = "eyJhbGciOiJSUzI1NiJ9." + Base64URL.encode(Array(try JSONEncoder().encode(assertion))) + ".sig"
        #expect(try PNGBaker().bake(DefaultBadgeImage.png(), payload: jwsLike).count > jwsLike.utf8.count)
        assertion.evidence.append(.init(narrative: String(repeating: "x", count: 200)))
        #expect(throws: BadgeCoreError.self) { try assertion.validate() }
    }
}
