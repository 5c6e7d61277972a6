import BadgeCore
import BadgeIssuing
import BadgeServer
import BadgeTesting
import Configuration
import Foundation
import LTITesting
import NIOHTTP1
import OpenBadges
import Primitives
import Testing

/// `badged verify` against badged itself on 127.0.0.1: the verification engine with the real
/// HTTP fetcher, and the command as a process.
@Suite("badged verify against a live daemon", .serialized, .heavyLane)
struct VerifyCommandTests {
    /// Awards the sample micro-credential to each address; returns the live app's base URL and the assertion ids.
    private static func award(_ emails: [String], on client: LiveApp, _ fixture: TestFixture) async throws -> [String] {
        let micro = try #require(fixture.tree.badgeClasses.first { $0.kind == .microCredential })
        var ids: [String] = []
        for email in emails {
            let path = "/api/v1/badge-classes/\(micro.id.uuidString.lowercased())/assertions"
            let awarded = try await client.send(.POST, path, key: fixture.registrarKey, json: IssuingTests.awardBody(email))
            ids.append(try #require(awarded.json["assertion_id"] as? String))
        }
        return ids
    }

    private static func verify(_ input: VerificationInput, recipient: String? = nil) async throws -> VerificationReport {
        try await HTTPDocumentFetcher.withFetcher(policy: TestPlatform.outboundPolicy) { fetcher in
            await BadgeVerifier(fetcher: fetcher, clock: SystemTimeSource()).verify(input, recipient: recipient)
        }
    }

    @Test func hostedSignedAndBakedAssertionsOfTheDaemonAreValid() async throws {
        try await withTestApp { _, fixture in
            try await LiveApp.run(databaseURL: fixture.databaseURL) { client in
                let id = try #require(try await Self.award(["ada@example.org"], on: client, fixture).first)
                let hosted = try await Self.verify(.text("\(client.baseURL)/public/assertions/\(id)"), recipient: "ada@example.org")
                #expect(hosted.result == .valid, "\(hosted.lines)")
                #expect(hosted.method == .hosted)
                #expect(hosted.check(.origin)?.status == .passed)
                #expect(hosted.check(.recipient)?.status == .passed)

                let jws = try await client.send(.GET, "/public/assertions/\(id).jws").text
                let signed = try await Self.verify(.text(jws), recipient: "grace@example.org")
                #expect(signed.result == .invalid, "the recipient does not match")
                #expect(signed.checks.filter { $0.status == .failed }.map(\.name) == [.recipient])
                let signedOK = try await Self.verify(.text(jws))
                #expect(signedOK.result == .valid, "\(signedOK.lines)")
                #expect(signedOK.check(.keyOwner)?.status == .passed)

                let jwsURL = try await Self.verify(.text("\(client.baseURL)/public/assertions/\(id).jws"))
                #expect(jwsURL.result == .valid, "\(jwsURL.lines.joined(separator: "\n"))")
                #expect(jwsURL.method == .signed)

                for format in ["png", "svg"] {
                    let file = FileManager.default.temporaryDirectory.appending(path: "badged-verify-\(UUID().uuidString).\(format)")
                    defer { try? FileManager.default.removeItem(at: file) }
                    try await client.download("/public/assertions/\(id)/image?format=\(format)", to: file)
                    let baked = try await Self.verify(.data(try Data(contentsOf: file)), recipient: "Ada@Example.org")
                    #expect(baked.result == .valid, "\(format): \(baked.lines)")
                    #expect(baked.check(.input)?.detail == "a baked \(format.uppercased()) holding a compact JWS")
                }
            }
        }
    }

    @Test func revokedAssertionsAreReportedRevoked() async throws {
        try await withTestApp { _, fixture in
            try await LiveApp.run(databaseURL: fixture.databaseURL) { client in
                let id = try #require(try await Self.award(["grace@example.org"], on: client, fixture).first)
                let revoke = try await client.send(
                    .POST,
                    "/api/v1/assertions/\(id)/revoke",
                    key: fixture.registrarKey,
                    json: #"{"reason": "Awarded in error"}"#
                )
                #expect(revoke.status == 200)
                let jws = try await client.send(.GET, "/public/assertions/\(id).jws").text
                let signed = try await Self.verify(.text(jws))
                #expect(signed.result == .revoked, "\(signed.lines)")
                #expect(signed.check(.revocation)?.detail.contains("RevocationList lists it, reason: Awarded in error") == true)
                let hosted = try await Self.verify(.text("\(client.baseURL)/public/assertions/\(id)"))
                #expect(hosted.result == .revoked, "\(hosted.lines)")
                #expect(hosted.check(.revocation)?.detail.contains("marked revoked") == true)
            }
        }
    }

    @Test func assertionsSignedWithAnOlderKeyStayValidAfterRotation() async throws {
        try await withTestApp { _, fixture in
            try await LiveApp.run(databaseURL: fixture.databaseURL) { client in
                let micro = try #require(fixture.tree.badgeClasses.first { $0.kind == .microCredential })
                let id = try #require(try await Self.award(["ada@example.org"], on: client, fixture).first)
                let jws = try await client.send(.GET, "/public/assertions/\(id).jws").text
                let before = try await Self.verify(.text(jws))
                #expect(before.check(.keyOwner)?.detail.hasSuffix("(1 key)") == true, "\(before.lines)")

                let reader = ConfigReader(provider: InMemoryProvider(values: ["db.url": .init(.string(fixture.databaseURL), isSecret: true)]))
                let admin = try await AdminSession.open(reader: reader, logger: TestDatabases.logger)
                let newKey = try await admin.administration.rotateIssuerKey(issuerID: micro.issuerID)
                try await admin.close()

                let after = try await Self.verify(.text(jws))
                #expect(after.result == .valid, "\(after.lines)")
                #expect(after.check(.keyOwner)?.detail.contains("older key of the issuer") == true, "\(after.lines)")
                #expect(after.check(.keyOwner)?.detail.contains("/public/keys/\(newKey)") == true, "\(after.lines)")
                #expect(after.check(.key)?.detail.contains("/public/keys/\(newKey)") == false)
            }
        }
    }

    @Test func theCommandPrintsEachCheckAndExitsByResult() async throws {
        let badged = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appending(path: "badged")
        try #require(FileManager.default.isExecutableFile(atPath: badged.path), "build badged first: \(badged.path)")
        try await withTestApp { _, fixture in
            try await LiveApp.run(databaseURL: fixture.databaseURL) { client in
                let ids = try await Self.award(["ada@example.org", "grace@example.org"], on: client, fixture)
                let file = FileManager.default.temporaryDirectory.appending(path: "badged-verify-\(UUID().uuidString).png")
                defer { try? FileManager.default.removeItem(at: file) }
                try await client.download("/public/assertions/\(ids[0])/image?format=png", to: file)

                let baked = try await CommandProcess.run(
                    badged,
                    ["verify", file.path, "--recipient", "ada@example.org", "--allow-private", "127.0.0.1"]
                )
                #expect(baked.status == 0, "\(baked.output)")
                let lines = baked.output.split(separator: "\n").map(String.init)
                #expect(lines.count == VerificationReport.Name.all.count + 1)
                #expect(lines.first == "PASS  input        a baked PNG holding a compact JWS")
                #expect(lines.contains { $0.hasPrefix("PASS  recipient") })
                #expect(lines.last == "result: valid")
                #expect(!baked.output.contains("ada@"))

                _ = try await client.send(.POST, "/api/v1/assertions/\(ids[1])/revoke", key: fixture.registrarKey, json: #"{"reason": "Error"}"#)
                let revoked = try await CommandProcess.run(
                    badged,
                    ["verify", "\(client.baseURL)/public/assertions/\(ids[1])", "--json", "--allow-private", "127.0.0.1"]
                )
                #expect(revoked.status == 2, "\(revoked.output)")
                let report = try JSONValue.decode(Data(revoked.output.utf8))
                #expect(report["result"] == "revoked")
                #expect(report["method"] == "hosted")

                let jws = try await client.send(.GET, "/public/assertions/\(ids[0]).jws").text
                var parts = jws.split(separator: ".").map(String.init)
                let payload = try #require(Data(base64Encoded: parts[1] + String(repeating: "=", count: (4 - parts[1].count % 4) % 4)))
                let altered = String(decoding: payload, as: UTF8.self).replacingOccurrences(of: "Passed with distinction.", with: "Passed cum laude.")
                parts[1] = Data(altered.utf8).base64EncodedString().replacingOccurrences(of: "+", with: "-")
                    .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
                let piped = try await CommandProcess.run(badged, ["verify", "-", "--allow-private", "127.0.0.1"], input: jws + "\n")
                #expect(piped.status == 0, "\(piped.output)")
                #expect(piped.output.hasPrefix("PASS  input        a compact JWS\n"))

                let tampered = try await CommandProcess.run(badged, ["verify", parts.joined(separator: "."), "--allow-private", "127.0.0.1"])
                #expect(tampered.status == 1, "\(tampered.output)")
                #expect(tampered.output.contains("FAIL  signature"))
            }
        }
    }
}
