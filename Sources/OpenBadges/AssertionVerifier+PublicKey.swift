import Crypto
import Foundation
import Primitives
import _CryptoExtras

extension AssertionVerifier {
    /// Parses a published `publicKeyPem` (SPKI or PKCS#1) as an RSA key of at least 2048 bits.
    /// - Throws: ``OpenBadgesError`` `.tooLarge` or `.invalidKey`.
    static func rsaPublicKey(pem: String) throws(OpenBadgesError) -> _RSA.Signing.PublicKey {
        guard pem.utf8.count <= 16_384 else { throw OpenBadgesError(.tooLarge, "the public key PEM is too large") }
        let key: _RSA.Signing.PublicKey
        do {
            key = try _RSA.Signing.PublicKey(pemRepresentation: pem)
        } catch {
            throw OpenBadgesError(.invalidKey, "publicKeyPem is not an RSA public key PEM", cause: error)
        }
        guard key.keySizeInBits >= SigningKey.minimumBits else {
            throw OpenBadgesError(.invalidKey, "the key has \(key.keySizeInBits) bits, fewer than \(SigningKey.minimumBits)")
        }
        return key
    }

    /// Checks the RS256 (RSASSA-PKCS1-v1_5, SHA-256) signature of a compact JWS whose header has
    /// already been checked.
    ///
    /// swift-crypto checks the signature directly rather than jwt-kit, because jwt-kit refuses a
    /// header `kid` it has no key for, and third-party issuers may set one (ob, 2026-11-23).
    /// - Throws: ``OpenBadgesError`` `.malformedJWS` or `.signatureInvalid`.
    static func verifyRS256(_ jws: String, with key: _RSA.Signing.PublicKey) throws(OpenBadgesError) {
        guard let dot = jws.lastIndex(of: "."), let signature = Base64URL.decode(jws[jws.index(after: dot)...]) else {
            throw OpenBadgesError(.malformedJWS, "a JWS must be three base64url parts")
        }
        let signingInput = Data(jws[..<dot].utf8)
        let valid = key.isValidSignature(
            _RSA.Signing.RSASignature(rawRepresentation: signature),
            for: SHA256.hash(data: signingInput),
            padding: .insecurePKCS1v1_5
        )
        guard valid else { throw OpenBadgesError(.signatureInvalid, "the RS256 signature does not verify with this key") }
    }
}
