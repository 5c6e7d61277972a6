import BadgeCore
import BadgeIssuing
import BadgeTesting
import Foundation
import OpenBadges
import Testing

/// An issuer key imported with its X.509 chain (root CA → intermediate → leaf, made with the
/// `openssl` command line): the chain is checked against the key and the clock, stored with the
/// key on every backend, and handed to EDCI exports.
@Suite("Issuer certificate chains")
struct IssuerCertificateChainTests {
    /// Moves a world's clock to the real now (the certificates are made for the real now).
    private func toRealTime(_ world: IssuingWorld) {
        world.clock.advance(by: Date().timeIntervalSince(world.clock.now()))
    }

    @Test(arguments: StorageBackend.all)
    func aKeyImportedWithItsChainKeepsTheChain(_ backend: StorageBackend) async throws {
        let pki = try await TestPKI.make()
        defer { pki.remove() }
        try await IssuingWorld.with(backend) { world in
            toRealTime(world)
            let issuerID = try world.microCredential.content.issuerID
            let key = try await world.keyring.importKey(privateKeyPEM: try pki.leafKeyPEM, chainPEM: try pki.chainPEM, issuerID: issuerID)
            let current = try await world.keyring.currentKeyWithDate(issuerID: issuerID)
            #expect(current.key.id == key.id)
            let chain = try #require(current.chain)
            #expect(chain.pem.components(separatedBy: "-----BEGIN CERTIFICATE-----").count == 3)
            #expect(try await world.issuerKeys.key(id: key.id)?.certificateChainPEM == chain.pem)

            // A rotation makes a key of its own: no chain, the self-signed default again.
            _ = try await world.keyring.rotate(issuerID: issuerID)
            #expect(try await world.keyring.currentKeyWithDate(issuerID: issuerID).chain == nil)
            #expect(try await world.issuerKeys.key(id: key.id)?.certificateChainPEM == chain.pem)
        }
    }

    @Test func aChainForAnotherKeyIsRefused() async throws {
        let pki = try await TestPKI.make()
        defer { pki.remove() }
        try await IssuingWorld.with(.memory) { world in
            toRealTime(world)
            let issuerID = try world.microCredential.content.issuerID
            let other = try SigningKey.generate(id: "other")
            let error = await #expect(throws: BadgeCoreError.self) {
                try await world.keyring.importKey(privateKeyPEM: other.privateKeyPEM, chainPEM: try pki.chainPEM, issuerID: issuerID)
            }
            #expect(error?.field == "chain")
            #expect(error?.message.contains("does not certify the private key") == true)
            // Nothing was installed.
            #expect(try await world.issuerKeys.keys(issuerID: issuerID).isEmpty)
        }
    }

    @Test func anExpiredOrNotYetValidLeafIsRefused() async throws {
        let pki = try await TestPKI.make(leafDays: 2)
        defer { pki.remove() }
        let key = try SigningKey(id: "seal", privateKeyPEM: try pki.leafKeyPEM)
        let now = Date()
        #expect(try IssuerCertificateChain(pem: try pki.chainPEM, for: key, at: now).pem.contains("BEGIN CERTIFICATE"))
        let expired = #expect(throws: BadgeCoreError.self) {
            try IssuerCertificateChain(pem: try pki.chainPEM, for: key, at: now.addingTimeInterval(3 * 86_400))
        }
        #expect(expired?.message.contains("expired") == true)
        let early = #expect(throws: BadgeCoreError.self) {
            try IssuerCertificateChain(pem: try pki.chainPEM, for: key, at: now.addingTimeInterval(-86_400))
        }
        #expect(early?.message.contains("is not valid before") == true)
    }

    @Test func aMalformedOrMisorderedChainIsRefused() async throws {
        let pki = try await TestPKI.make()
        defer { pki.remove() }
        let key = try SigningKey(id: "seal", privateKeyPEM: try pki.leafKeyPEM)
        let cases: [(pem: String, says: String)] = [
            ("not a certificate", "PEM"),
            ("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n", "not an X.509 certificate"),
            (try pki.intermediatePEM + pki.leafPEM, "does not certify the private key"),
            (try pki.leafPEM + pki.rootPEM, "out of order"),
        ]
        for (pem, says) in cases {
            let error = #expect(throws: BadgeCoreError.self) { try IssuerCertificateChain(pem: pem, for: key, at: Date()) }
            #expect(error?.field == "chain")
            #expect(error?.message.contains(says) == true, "\(error?.message ?? "") should say \(says)")
        }
    }
}
