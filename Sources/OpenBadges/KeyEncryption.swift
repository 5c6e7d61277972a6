import Crypto
public import Foundation

/// Seals private signing keys at rest with AES-256-GCM under a 32-byte secret from
/// configuration (`signing.key_encryption_key`, base64, a secret).
///
/// A sealed key is `"v1:"` + base64(nonce ‖ ciphertext ‖ tag). The key id is authenticated
/// data, so a sealed key cannot be passed off under another id.
public struct KeyEncryption: Sendable {
    private let key: SymmetricKey

    /// Creates the sealer from the raw 32-byte secret.
    /// - Throws: ``OpenBadgesError`` `.invalidKey` unless the secret is exactly 32 bytes.
    public init(secret: some DataProtocol) throws(OpenBadgesError) {
        guard secret.count == 32 else { throw OpenBadgesError(.invalidKey, "the key encryption secret must be 32 bytes") }
        self.key = SymmetricKey(data: Data(secret))
    }

    /// Creates the sealer from the base64 form of a 32-byte secret, as configuration holds it.
    /// - Throws: ``OpenBadgesError`` `.invalidKey` unless it decodes to exactly 32 bytes.
    public init(base64Secret: String) throws(OpenBadgesError) {
        guard let secret = Data(base64Encoded: base64Secret.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw OpenBadgesError(.invalidKey, "the key encryption secret is not base64")
        }
        try self.init(secret: secret)
    }

    /// Seals a signing key's private PEM.
    /// - Throws: ``OpenBadgesError`` `.keyEncryption` if encryption fails.
    public func seal(_ signingKey: SigningKey) throws(OpenBadgesError) -> String {
        do {
            let box = try AES.GCM.seal(Data(signingKey.privateKeyPEM.utf8), using: key, authenticating: Data(signingKey.id.utf8))
            guard let combined = box.combined else { throw OpenBadgesError(.keyEncryption, "AES-GCM produced no combined form") }
            return "v1:" + combined.base64EncodedString()
        } catch let error as OpenBadgesError {
            throw error
        } catch {
            throw OpenBadgesError(.keyEncryption, "sealing the private key failed", cause: error)
        }
    }

    /// Opens a sealed key.
    /// - Parameters:
    ///   - sealed: the output of ``seal(_:)``.
    ///   - id: the key id it was sealed under.
    /// - Throws: ``OpenBadgesError`` `.keyEncryption` for a wrong secret, a wrong id or tampered data.
    public func open(_ sealed: String, id: String) throws(OpenBadgesError) -> SigningKey {
        guard sealed.hasPrefix("v1:"), sealed.utf8.count <= 16_384, let combined = Data(base64Encoded: String(sealed.dropFirst(3))) else {
            throw OpenBadgesError(.keyEncryption, "not a sealed key")
        }
        let plaintext: Data
        do {
            let box = try AES.GCM.SealedBox(combined: combined)
            plaintext = try AES.GCM.open(box, using: key, authenticating: Data(id.utf8))
        } catch {
            throw OpenBadgesError(.keyEncryption, "the sealed key cannot be opened (wrong secret, key id or data)", cause: error)
        }
        return try SigningKey(id: id, privateKeyPEM: String(decoding: plaintext, as: UTF8.self))
    }
}
