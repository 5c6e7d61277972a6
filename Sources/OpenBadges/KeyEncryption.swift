public import Crypto
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
        try seal(Data(signingKey.privateKeyPEM.utf8), context: signingKey.id)
    }

    /// Opens a sealed key.
    /// - Parameters:
    ///   - sealed: the output of ``seal(_:)``.
    ///   - id: the key id it was sealed under.
    /// - Throws: ``OpenBadgesError`` `.keyEncryption` for a wrong secret, a wrong id or tampered data.
    public func open(_ sealed: String, id: String) throws(OpenBadgesError) -> SigningKey {
        let plaintext = try open(sealed, context: id)
        return try SigningKey(id: id, privateKeyPEM: String(decoding: plaintext, as: UTF8.self))
    }

    /// A key for another purpose (such as authenticating the result ids badged hands out),
    /// derived from the secret with HKDF-SHA256, so that one configured secret serves all.
    public func derivedKey(for purpose: String) -> SymmetricKey {
        HKDF<SHA256>.deriveKey(inputKeyMaterial: key, info: Data(("badged:" + purpose).utf8), outputByteCount: 32)
    }

    /// Seals any secret at rest (an LTI 1.1 consumer secret, a learner's recipient identity).
    /// - Parameters:
    ///   - plaintext: the secret.
    ///   - context: authenticated data naming what is sealed, so that it cannot be passed off as another.
    /// - Throws: ``OpenBadgesError`` `.keyEncryption` if encryption fails.
    public func seal(_ plaintext: Data, context: String) throws(OpenBadgesError) -> String {
        "v1:" + (try sealedBytes(plaintext, context: context)).base64EncodedString()
    }

    /// ``seal(_:context:)`` as the AES-GCM combined bytes (nonce, ciphertext, tag), without the
    /// text form, for callers that write the bytes in a form of their own (sealed tokens).
    public func sealedBytes(_ plaintext: Data, context: String) throws(OpenBadgesError) -> Data {
        do {
            let box = try AES.GCM.seal(plaintext, using: key, authenticating: Data(context.utf8))
            guard let combined = box.combined else { throw OpenBadgesError(.keyEncryption, "AES-GCM produced no combined form") }
            return combined
        } catch let error as OpenBadgesError {
            throw error
        } catch {
            throw OpenBadgesError(.keyEncryption, "sealing failed", cause: error)
        }
    }

    /// Opens what ``seal(_:context:)`` sealed under the same context.
    /// - Throws: ``OpenBadgesError`` `.keyEncryption` for a wrong secret, a wrong context or tampered data.
    public func open(_ sealed: String, context: String) throws(OpenBadgesError) -> Data {
        guard sealed.hasPrefix("v1:"), sealed.utf8.count <= 16_384, let combined = Data(base64Encoded: String(sealed.dropFirst(3))) else {
            throw OpenBadgesError(.keyEncryption, "not a sealed value")
        }
        return try open(sealedBytes: combined, context: context)
    }

    /// Opens what ``sealedBytes(_:context:)`` sealed under the same context.
    /// - Throws: ``OpenBadgesError`` `.keyEncryption` for a wrong secret, a wrong context or tampered data.
    public func open(sealedBytes combined: Data, context: String) throws(OpenBadgesError) -> Data {
        do {
            let box = try AES.GCM.SealedBox(combined: combined)
            return try AES.GCM.open(box, using: key, authenticating: Data(context.utf8))
        } catch {
            throw OpenBadgesError(.keyEncryption, "the sealed value cannot be opened (wrong secret, context or data)", cause: error)
        }
    }
}
