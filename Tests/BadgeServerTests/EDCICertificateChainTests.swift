import BadgeCore
import BadgeIssuing
import BadgeServer
import BadgeStorage
import BadgeTesting
import Configuration
import EDCI
import Foundation
import HTTPTypes
import HummingbirdTesting
import Primitives
import Testing

/// An issuer whose key was imported with a real certificate chain (root CA → intermediate →
/// seal, made with `openssl`): its EDCI exports carry the chain, `xmlsec1` verifies them
/// against the root alone, and imports say whether the signer reaches a CA in
/// `edci.trusted_ca_dir`.
@Suite("EDCI with an imported certificate chain", .heavyLane)
struct EDCICertificateChainTests {
    static func configuration(trustDirectory: URL) -> [AbsoluteConfigKey: ConfigValue] {
        EDCIEndpointTests.configuration.merging(
            [
                "signing.key_encryption_key": .init(.string(KeyRotationTests.kek), isSecret: true),
                "edci.trusted_ca_dir": .init(.string(trustDirectory.path), isSecret: false),
            ],
            uniquingKeysWith: { $1 }
        )
    }

    /// badged with its clock at the real now (the certificates are made for it), on the seeded database.
    private func withApp(trustDirectory: URL, _ body: @Sendable (any TestClientProtocol, TestFixture) async throws -> Void) async throws {
        try await withSeededDatabase(.sqlite) { fixture in
            try await runTestApp(
                databaseURL: fixture.databaseURL,
                configuration: Self.configuration(trustDirectory: trustDirectory),
                clock: FixedTimeSource(Date())
            ) { client in try await body(client, fixture) }
        }
    }

    private func importChain(_ pki: TestPKI, issuerID: UUID, fixture: TestFixture) async throws {
        let values: [AbsoluteConfigKey: ConfigValue] = [
            "db.url": .init(.string(fixture.databaseURL), isSecret: true),
            "signing.key_encryption_key": .init(.string(KeyRotationTests.kek), isSecret: true),
        ]
        let admin = try await AdminSession.open(reader: ConfigReader(provider: InMemoryProvider(values: values)), logger: TestDatabases.logger)
        _ = try await admin.administration.importIssuerKey(issuerID: issuerID, privateKeyPEM: try pki.leafKeyPEM, chainPEM: try pki.chainPEM)
        try await admin.close()
    }

    @Test func anExportSignedWithTheChainVerifiesAgainstTheRootAndImportsAsTrusted() async throws {
        let pki = try await TestPKI.make()
        defer { pki.remove() }
        let trust = try pki.trustDirectory([pki.rootFile])
        try await withApp(trustDirectory: trust) { client, fixture in
            let micro = try #require(fixture.tree.badgeClasses.first { $0.kind == .microCredential })
            try await importChain(pki, issuerID: micro.issuerID, fixture: fixture)
            let id = try await IssuingTests.awardMicroCredential(client, fixture, to: "ada@example.org")
            let served = try await client.send(.get, "/public/assertions/\(id).edci.xml").text
            // KeyInfo carries the seal and the intermediate, not the root.
            #expect(served.components(separatedBy: "<X509Certificate>").count == 3)
            let file = pki.directory.appending(path: "export.xml")
            try Data(served.utf8).write(to: file)

            // xmlsec1 with certificate checks on: it trusts the root and nothing else.
            let trusted = try await ChildProcess.run("/usr/bin/xmlsec1", ["--verify", "--trusted-pem", pki.rootFile.path, file.path])
            #expect(trusted.status == 0, "\(trusted.errors)")
            let other = try await ChildProcess.run("/usr/bin/xmlsec1", ["--verify", "--trusted-pem", pki.otherRootFile.path, file.path])
            #expect(other.status != 0)

            // A preview and a stored import both report the trust.
            let preview = try await EDCIImportStoreTests.post(client, "", key: fixture.registrarKey, body: Data(served.utf8))
            let signature = try #require(preview.json["signature"] as? [String: Any])
            #expect(signature["status"] as? String == "valid")
            #expect(signature["trust"] as? String == "trusted")
            #expect((signature["trust_reason"] as? String)?.contains("badged Test Root CA") == true)
            let issuerID = micro.issuerID.uuidString.lowercased()
            let stored = try await EDCIImportStoreTests.post(
                client,
                "?store=true&issuer_id=\(issuerID)",
                key: fixture.registrarKey,
                body: Data(served.utf8)
            )
            #expect(stored.status == .created)
            #expect(stored.json["signature_status"] as? String == "valid")
            #expect(stored.json["signature_trust"] as? String == "trusted")
        }
    }

    @Test func theSignerIsTrustedOnlyWithItsRootInTheTrustDirectory() async throws {
        let pki = try await TestPKI.make()
        defer { pki.remove() }
        let unrelated = try pki.trustDirectory([pki.otherRootFile])
        try await withApp(trustDirectory: unrelated) { client, fixture in
            let micro = try #require(fixture.tree.badgeClasses.first { $0.kind == .microCredential })
            try await importChain(pki, issuerID: micro.issuerID, fixture: fixture)
            let id = try await IssuingTests.awardMicroCredential(client, fixture, to: "ada@example.org")
            let served = Data(try await client.send(.get, "/public/assertions/\(id).edci.xml").text.utf8)

            let preview = try await EDCIImportStoreTests.post(client, "", key: fixture.registrarKey, body: served)
            let signature = try #require(preview.json["signature"] as? [String: Any])
            #expect(signature["status"] as? String == "valid")
            #expect(signature["trust"] as? String == "untrusted")
            #expect((signature["trust_reason"] as? String)?.contains("does not chain to a CA") == true)

            // The same verification judged against other directories, and with none.
            let verification = try EDCISignatureVerifier().verify(try LibXMLDocument(parsing: served))
            #expect(verification.signerCertificates.count == 2)
            let clock = SystemTimeSource()
            let withRoot = EDCITrustStore(directory: try pki.trustDirectory([pki.rootFile]), clock: clock)
            #expect(await withRoot.evaluate(verification).status == .trusted)
            // The root and the intermediate as one PEM file, beside an unrelated one.
            let bundle = pki.directory.appending(path: "bundle.pem")
            try Data((try pki.rootPEM + pki.intermediatePEM).utf8).write(to: bundle)
            #expect(
                await EDCITrustStore(directory: try pki.trustDirectory([bundle, pki.otherRootFile]), clock: clock).evaluate(verification).status
                    == .trusted
            )
            #expect(await EDCITrustStore(directory: nil, clock: clock).evaluate(verification).status == .notConfigured)
            let empty = try pki.trustDirectory([])
            let misconfigured = await EDCITrustStore(directory: empty, clock: clock).evaluate(verification)
            #expect(misconfigured.status == .untrusted)
            #expect(misconfigured.reason.contains("holds no X.509 certificate"))
            // Years later the seal has expired: no longer trusted.
            let later = FixedTimeSource(Date().addingTimeInterval(400 * 86_400))
            #expect(await EDCITrustStore(directory: try pki.trustDirectory([pki.rootFile]), clock: later).evaluate(verification).status == .untrusted)
        }
    }
}
