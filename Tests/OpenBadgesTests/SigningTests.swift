import BadgeCore
import Crypto
import Foundation
import OpenBadges
import Primitives
import Testing

@Suite struct SigningTests {
    let urls: PublicURLs
    let key: SigningKey

    init() throws {
        urls = try Fixture.urls()
        key = try Fixture.signingKey()
    }

    private func signer(_ key: SigningKey) -> AssertionSigner {
        AssertionSigner(key: key, documents: OpenBadgesDocuments(urls: urls))
    }

    private func verifier(_ keys: [SigningKey]) throws -> AssertionVerifier {
        try AssertionVerifier(publicKeys: Dictionary(uniqueKeysWithValues: keys.map { ($0.id, $0.publicKeyPEM) }), urls: urls)
    }

    private static func b64url(_ text: String) -> String {
        Data(text.utf8).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    @Test func importedKeyExportsAnSPKIPublicKey() throws {
        #expect(key.bits == 2048)
        #expect(key.publicKeyPEM.hasPrefix("-----BEGIN PUBLIC KEY-----\n"))
        #expect(key.publicKeyPEM.hasSuffix("-----END PUBLIC KEY-----\n"))
        #expect(key.privateKeyPEM.hasPrefix("-----BEGIN PRIVATE KEY-----\n"))
        let reimported = try SigningKey(id: "again", privateKeyPEM: key.privateKeyPEM)
        #expect(reimported.publicKeyPEM == key.publicKeyPEM)
    }

    @Test func generatedKeysAreDistinctRSA2048() throws {
        let first = try SigningKey.generate(id: "a")
        let second = try SigningKey.generate(id: "b")
        #expect(first.bits == 2048)
        #expect(first.publicKeyPEM != second.publicKeyPEM)
    }

    @Test func rejectsBadKeyIDsAndNonKeys() {
        #expect(throws: OpenBadgesError.self) { try SigningKey(id: "../etc", privateKeyPEM: key.privateKeyPEM) }
        #expect(throws: OpenBadgesError.self) { try SigningKey(id: "", privateKeyPEM: key.privateKeyPEM) }
        #expect(throws: OpenBadgesError.self) {
            try SigningKey(id: "k", privateKeyPEM: "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n")
        }
        #expect(throws: OpenBadgesError.self) { try AssertionVerifier(publicKeys: ["k": "not a pem"], urls: urls) }
    }

    @Test func signedAssertionHasTheExactHeaderAndVerifies() async throws {
        let assertion = Fixture.assertion(.signed(keyID: key.id))
        let jws = try signer(key).sign(assertion)
        let parts = jws.split(separator: ".")
        #expect(parts.count == 3)
        #expect(String(parts[0]) == Self.b64url(#"{"alg":"RS256"}"#))
        let verified = try await verifier([key]).verify(jws)
        #expect(verified.keyID == key.id)
        #expect(verified.payload == OpenBadgesDocuments(urls: urls).assertion(assertion))
        #expect(verified.payloadData == OpenBadgesDocuments(urls: urls).assertion(assertion).encoded())
        #expect(verified.payload["verification"]?["creator"] == .string(urls.key(key.id)))
    }

    @Test func signerRefusesHostedAssertionsAndOtherKeys() {
        #expect(throws: OpenBadgesError.self) { try signer(key).sign(Fixture.assertion(.hosted)) }
        #expect(throws: OpenBadgesError.self) { try signer(key).sign(Fixture.assertion(.signed(keyID: "other"))) }
    }

    @Test func tamperedPayloadFailsVerification() async throws {
        let jws = try signer(key).sign(Fixture.assertion(.signed(keyID: key.id)))
        let parts = jws.split(separator: ".").map(String.init)
        var payload = try JSONValue.decode(try #require(Data(base64Encoded: Self.padded(parts[1]))))
        guard case .object(var members) = payload else { Issue.record("payload is not an object"); return }
        members["issuedOn"] = "2020-01-01T00:00:00Z"
        payload = .object(members)
        let tampered = [parts[0], Self.b64url(payload.encodedString()), parts[2]].joined(separator: ".")
        await #expect(throws: OpenBadgesError.self) { try await verifier([key]).verify(tampered) }
    }

    @Test func refusesAlgNoneAndHS256() async throws {
        let payload = Self.b64url(OpenBadgesDocuments(urls: urls).assertion(Fixture.assertion(.signed(keyID: key.id))).encodedString())
        let none = Self.b64url(#"{"alg":"none"}"#) + "." + payload + "."
        let hsInput = Self.b64url(#"{"alg":"HS256"}"#) + "." + payload
        let mac = HMAC<SHA256>.authenticationCode(for: Data(hsInput.utf8), using: SymmetricKey(data: Data(key.publicKeyPEM.utf8)))
        let hs256 =
            hsInput + "."
            + Data(mac).base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
        let verifier = try verifier([key])
        for token in [none, hs256] {
            do {
                _ = try await verifier.verify(token)
                Issue.record("accepted \(token.prefix(20))")
            } catch {
                #expect(error.code == .unsupportedAlgorithm)
            }
        }
    }

    @Test func rejectsMalformedAndOversizedTokens() async throws {
        for token in ["", "a.b", "a.b.c.d", "!!.??.##", String(repeating: "a", count: 70_000)] {
            await #expect(throws: OpenBadgesError.self) { try await verifier([key]).verify(token) }
        }
    }

    @Test func rotationKeepsOldAssertionsVerifiable() async throws {
        let old = key
        let new = try Fixture.signingKey("test-2027", file: "Fixtures/test-signing-key-2.pem")
        let oldJWS = try signer(old).sign(Fixture.assertion(.signed(keyID: old.id), id: Fixture.uuid(20)))
        let newJWS = try signer(new).sign(Fixture.assertion(.signed(keyID: new.id), id: Fixture.uuid(21)))
        let both = try verifier([old, new])
        #expect(try await both.verify(oldJWS).keyID == old.id)
        #expect(try await both.verify(newJWS).keyID == new.id)
        // Each key only verifies its own signatures, and an unknown creator is refused.
        await #expect(throws: OpenBadgesError.self) { try await verifier([new]).verify(oldJWS) }
        let forged = try signer(new).sign(payload: OpenBadgesDocuments(urls: urls).assertion(Fixture.assertion(.signed(keyID: old.id))).encoded())
        await #expect(throws: OpenBadgesError.self) { try await both.verify(forged) }
    }

    @Test func sealedKeysOpenOnlyWithTheSameSecretAndID() throws {
        let secret = Data((0..<32).map { UInt8($0) })
        let sealer = try KeyEncryption(secret: secret)
        let sealed = try sealer.seal(key)
        #expect(sealed.hasPrefix("v1:"))
        #expect(!sealed.contains("PRIVATE"))
        #expect(try sealer.open(sealed, id: key.id).publicKeyPEM == key.publicKeyPEM)
        #expect(try KeyEncryption(base64Secret: secret.base64EncodedString()).open(sealed, id: key.id).id == key.id)
        #expect(throws: OpenBadgesError.self) { try sealer.open(sealed, id: "another-id") }
        #expect(throws: OpenBadgesError.self) { try KeyEncryption(secret: Data(repeating: 7, count: 32)).open(sealed, id: key.id) }
        var bytes = Array(try #require(Data(base64Encoded: String(sealed.dropFirst(3)))))
        bytes[20] ^= 0x01
        #expect(throws: OpenBadgesError.self) { try sealer.open("v1:" + Data(bytes).base64EncodedString(), id: key.id) }
        #expect(throws: OpenBadgesError.self) { try KeyEncryption(secret: Data(count: 16)) }
        #expect(throws: OpenBadgesError.self) { try KeyEncryption(base64Secret: "not base64!") }
    }

    private static func padded(_ text: String) -> String {
        let base = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        return base + String(repeating: "=", count: (4 - base.count % 4) % 4)
    }
}
