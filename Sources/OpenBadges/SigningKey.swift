import Crypto
import _CryptoExtras

/// An issuer's RSA signing key (RS256), identified by a key id that appears in its public URL.
///
/// Rotation is several keys with different ids: a new key signs new assertions, and older
/// keys stay published (``PublicURLs/key(_:)``) so that earlier assertions keep verifying.
public struct SigningKey: Sendable {
    /// The key id, such as `2026-11`; 1 to 64 of `A-Z a-z 0-9 . _ -`.
    public let id: String
    let privateKey: _RSA.Signing.PrivateKey
    /// The same key in the system libcrypto, which makes the signatures (see ``SystemRSAKey``).
    private let signer: SystemRSAKey

    /// The smallest accepted modulus.
    public static let minimumBits = 2048

    /// Imports a private key.
    /// - Parameters:
    ///   - id: the key id.
    ///   - privateKeyPEM: a PKCS#8 (`BEGIN PRIVATE KEY`) or PKCS#1 (`BEGIN RSA PRIVATE KEY`) PEM.
    /// - Throws: ``OpenBadgesError`` `.invalidInput` for a bad id, `.invalidKey` for a PEM that is
    ///   not an RSA private key of at least 2048 bits.
    public init(id: String, privateKeyPEM: String) throws(OpenBadgesError) {
        guard privateKeyPEM.utf8.count <= 16_384 else { throw OpenBadgesError(.tooLarge, "the private key PEM is too large") }
        let key: _RSA.Signing.PrivateKey
        do {
            key = try _RSA.Signing.PrivateKey(pemRepresentation: privateKeyPEM)
        } catch {
            throw OpenBadgesError(.invalidKey, "not an RSA private key PEM", cause: error)
        }
        try self.init(id: id, key: key)
    }

    init(id: String, key: _RSA.Signing.PrivateKey) throws(OpenBadgesError) {
        guard PublicURLs.isValidKeyID(id) else {
            throw OpenBadgesError(.invalidInput, "a key id must be 1 to 64 of A-Z a-z 0-9 . _ - and not start with a dot")
        }
        guard key.keySizeInBits >= Self.minimumBits else {
            throw OpenBadgesError(.invalidKey, "RSA keys must have at least \(Self.minimumBits) bits")
        }
        self.id = id
        self.privateKey = key
        self.signer = try SystemRSAKey(der: Array(key.derRepresentation))
    }

    /// Generates a new RSA-2048 key.
    /// - Throws: ``OpenBadgesError`` `.invalidInput` for a bad id, `.invalidKey` if generation fails.
    public static func generate(id: String) throws(OpenBadgesError) -> SigningKey {
        let key: _RSA.Signing.PrivateKey
        do {
            key = try _RSA.Signing.PrivateKey(keySize: .bits2048)
        } catch {
            throw OpenBadgesError(.invalidKey, "RSA key generation failed", cause: error)
        }
        return try SigningKey(id: id, key: key)
    }

    /// The private key as PKCS#8 PEM; keep it sealed (see ``KeyEncryption``).
    public var privateKeyPEM: String { Self.terminated(privateKey.pkcs8PEMRepresentation) }

    /// The public key as SPKI PEM (`BEGIN PUBLIC KEY`), as `publicKeyPem` publishes it.
    public var publicKeyPEM: String { Self.terminated(privateKey.publicKey.pemRepresentation) }

    /// The modulus size in bits.
    public var bits: Int { privateKey.keySizeInBits }

    /// Signs `message` with RSASSA-PKCS1-v1_5 over SHA-256 (JWS `RS256`).
    func signRS256(_ message: [UInt8]) throws(OpenBadgesError) -> [UInt8] {
        try signer.signRS256(message)
    }

    /// PEM text ending in exactly one newline, whatever the library returns.
    private static func terminated(_ pem: String) -> String {
        var text = pem
        while text.hasSuffix("\n") { text.removeLast() }
        return text + "\n"
    }
}
