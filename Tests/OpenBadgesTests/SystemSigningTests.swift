import Crypto
import Foundation
import OpenBadges
import Primitives
import Testing
import _CryptoExtras

/// RS256 signatures come from the system libcrypto; PKCS#1 v1.5 is deterministic, so they must be
/// the very bytes swift-crypto's BoringSSL makes for the same key and signing input.
@Suite struct SystemSigningTests {
    private let documents = OpenBadgesDocuments(urls: try! PublicURLs(baseURL: "https://badges.example"))

    private static func parts(_ jws: String) throws -> (input: String, signature: Data) {
        let pieces = jws.split(separator: ".", omittingEmptySubsequences: false)
        try #require(pieces.count == 3)
        return (pieces[0] + "." + pieces[1], try #require(Base64URL.decode(String(pieces[2]))))
    }

    @Test(arguments: [0, 1, 2, 3])
    func signaturesEqualBoringSSLsForTheSameKey(round: Int) throws {
        let key = try SigningKey.generate(id: "k\(round)")
        let reference = try _RSA.Signing.PrivateKey(pemRepresentation: key.privateKeyPEM)
        let payload = Data((0..<(round * 700 + 1)).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ round) })
        let jws = try AssertionSigner(key: key, documents: documents).sign(payload: payload)
        let (input, signature) = try Self.parts(jws)
        let expected = try reference.signature(for: SHA256.hash(data: Data(input.utf8)), padding: .insecurePKCS1v1_5)
        #expect(signature == expected.rawRepresentation)
        #expect(signature.count == 256)
    }

    @Test func anImported3072BitKeySignsVerifiably() throws {
        let reference = try _RSA.Signing.PrivateKey(keySize: .bits3072)
        let key = try SigningKey(id: "imported", privateKeyPEM: reference.pemRepresentation)
        let (input, signature) = try Self.parts(try AssertionSigner(key: key, documents: documents).sign(payload: Data("{}".utf8)))
        #expect(signature.count == 384)
        #expect(
            reference.publicKey.isValidSignature(
                _RSA.Signing.RSASignature(rawRepresentation: signature),
                for: SHA256.hash(data: Data(input.utf8)),
                padding: .insecurePKCS1v1_5
            )
        )
    }

    @Test func oneKeySignsOnManyThreadsAtOnce() async throws {
        let key = try SigningKey.generate(id: "shared")
        let reference = try _RSA.Signing.PrivateKey(pemRepresentation: key.privateKeyPEM).publicKey
        let signer = AssertionSigner(key: key, documents: documents)
        let results = try await withThrowingTaskGroup(of: Bool.self) { group in
            for index in 0..<64 {
                group.addTask {
                    let (input, signature) = try Self.parts(try signer.sign(payload: Data("{\"n\":\(index)}".utf8)))
                    return reference.isValidSignature(
                        _RSA.Signing.RSASignature(rawRepresentation: signature),
                        for: SHA256.hash(data: Data(input.utf8)),
                        padding: .insecurePKCS1v1_5
                    )
                }
            }
            return try await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        #expect(results.count == 64)
        #expect(results.allSatisfy { $0 })
    }
}
