import BadgeCore
import BadgeIssuing
import BadgeTesting
import Configuration
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOHTTP1
import Primitives
import Testing

/// 1EdTech's Open Badges 2.0 verifier (../shared/ob2), run against badged on 127.0.0.1.
@Suite("Open Badges 2.0 verifier conformance", .heavyLane)
struct OpenBadgesConformanceTests {
    @Test func hostedSignedRevokedAndTamperedAssertionsAreJudgedRight() async throws {
        try await withTestApp { _, fixture in
            try await LiveApp.run(databaseURL: fixture.databaseURL) { client in
                let base = client.baseURL
                let micro = try #require(fixture.tree.badgeClasses.first { $0.kind == .microCredential })
                let path = "/api/v1/badge-classes/\(micro.id.uuidString.lowercased())/assertions"
                var ids: [String] = []
                for email in ["ada@example.org", "grace@example.org"] {
                    let awarded = try await client.send(.POST, path, key: fixture.registrarKey, json: IssuingTests.awardBody(email))
                    ids.append(try #require(awarded.json["assertion_id"] as? String))
                }

                let hosted = try await OB2Verifier.verify("\(base)/public/assertions/\(ids[0])", recipient: "ada@example.org")
                #expect(hosted.status == 0, "\(hosted.output)")
                let jws = try await client.send(.GET, "/public/assertions/\(ids[0]).jws").text
                let signed = try await OB2Verifier.verify(jws, recipient: "ada@example.org")
                #expect(signed.status == 0, "\(signed.output)")

                let bakedFile = FileManager.default.temporaryDirectory.appending(path: "badged-\(UUID().uuidString).png")
                try await client.download("/public/assertions/\(ids[0])/image?format=png", to: bakedFile)
                defer { try? FileManager.default.removeItem(at: bakedFile) }
                let baked = try await OB2Verifier.verify(bakedFile.path)
                #expect(baked.status == 0, "\(baked.output)")

                var parts = jws.split(separator: ".").map(String.init)
                parts[1] = String(parts[1].dropLast()) + (parts[1].hasSuffix("A") ? "B" : "A")
                let tampered = try await OB2Verifier.verify(parts.joined(separator: "."))
                #expect(tampered.status == 1, "\(tampered.output)")

                _ = try await client.send(
                    .POST,
                    "/api/v1/assertions/\(ids[1])/revoke",
                    key: fixture.registrarKey,
                    json: #"{"reason": "Awarded in error"}"#
                )
                let revokedJWS = try await client.send(.GET, "/public/assertions/\(ids[1]).jws").text
                let revokedSigned = try await OB2Verifier.verify(revokedJWS)
                #expect(revokedSigned.status == 1)
                #expect(revokedSigned.output.contains("revoked"), "\(revokedSigned.output)")
                let revokedHosted = try await OB2Verifier.verify("\(base)/public/assertions/\(ids[1])")
                #expect(revokedHosted.status == 1, "\(revokedHosted.output)")
            }
        }
    }
}
