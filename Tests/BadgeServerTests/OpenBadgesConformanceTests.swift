import BadgeCore
import BadgeIssuing
import BadgeServer
import BadgeStorage
import BadgeTesting
import Configuration
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOHTTP1
import OpenBadges
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

    /// After a key rotation the issuer profile lists only the new key (the verifier rejects a list),
    /// so a badge issued before verifies once the re-signing job has signed it anew; one issued
    /// after is signed with the new key from the start. The copy signed before the rotation is
    /// rejected by this verifier (its key is no longer in `publicKey`) and accepted by `badged verify`.
    @Test func badgesIssuedBeforeAReSigningRotationAndAfterItPass() async throws {
        try await withSeededDatabase(.sqlite) { fixture in
            let port = try FreePort.make()
            let micro = try #require(fixture.tree.badgeClasses.first { $0.kind == .microCredential })
            let (before, oldCopy) = try await LiveApp.run(
                databaseURL: fixture.databaseURL,
                configuration: KeyResigningTests.configuration,
                port: port
            ) { client in
                let id = try #require(try await KeyResigningTests.award(["ada@example.org"], on: client, fixture).first)
                return (id, try await client.send(.GET, "/public/assertions/\(id).jws").text)
            }
            let admin = try await KeyResigningTests.admin(fixture, port: port)
            _ = try await admin.administration.rotateIssuerKey(issuerID: micro.issuerID)
            let job = try await KeyResigningTests.drain(admin, issuerID: micro.issuerID)
            try await admin.close()
            #expect(job.resigned == 1)

            try await LiveApp.run(databaseURL: fixture.databaseURL, configuration: KeyResigningTests.configuration, port: port) { client in
                let after = try #require(try await KeyResigningTests.award(["grace@example.org"], on: client, fixture).first)
                for (id, email) in [(before, "ada@example.org"), (after, "grace@example.org")] {
                    let jws = try await client.send(.GET, "/public/assertions/\(id).jws").text
                    let signed = try await OB2Verifier.verify(jws, recipient: email)
                    #expect(signed.status == 0, "\(signed.output)")
                    let bakedFile = FileManager.default.temporaryDirectory.appending(path: "badged-\(UUID().uuidString).png")
                    defer { try? FileManager.default.removeItem(at: bakedFile) }
                    try await client.download("/public/assertions/\(id)/image?format=png", to: bakedFile)
                    let baked = try await OB2Verifier.verify(bakedFile.path, recipient: email)
                    #expect(baked.status == 0, "\(baked.output)")
                }
                let stale = try await OB2Verifier.verify(oldCopy)
                #expect(stale.status == 1, "\(stale.output)")
                #expect(stale.output.contains("VERIFY_KEY_OWNERSHIP"), "\(stale.output)")
                let ours = try await KeyResigningTests.verify(.text(oldCopy))
                #expect(ours.result == .valid, "\(ours.lines)")
            }
        }
    }
}
