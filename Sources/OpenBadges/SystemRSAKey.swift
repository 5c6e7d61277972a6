import CLibCrypto

/// An RSA private key held by the system OpenSSL (libcrypto), which signs RS256.
///
/// swift-crypto's BoringSSL stays the key's source of truth (parsing, generation, PEM, the public
/// key and every verification); this copy only signs. OpenSSL 3's RSA uses AVX-512 IFMA where the
/// CPU has it and signs RSA-2048 about 2.5 times faster than BoringSSL on such machines, which is
/// most of an award's CPU (`badged bench issue` prints both rates). RSASSA-PKCS1-v1_5 is
/// deterministic, so both libraries give the same bytes for the same key and message.
///
/// Sendable: OpenSSL 3 allows one `EVP_PKEY` to sign on several threads at once as long as
/// nobody changes it, and this type never does after `init`; every signature gets its own
/// digest context.
final class SystemRSAKey: @unchecked Sendable {
    private let key: OpaquePointer

    /// Loads a DER private key (PKCS#1 `RSAPrivateKey` or PKCS#8).
    init(der: [UInt8]) throws(OpenBadgesError) {
        let loaded = der.withUnsafeBufferPointer { buffer -> OpaquePointer? in
            var cursor = buffer.baseAddress
            return d2i_AutoPrivateKey(nil, &cursor, buffer.count)
        }
        guard let loaded, EVP_PKEY_get_base_id(loaded) == EVP_PKEY_RSA else {
            if let loaded { EVP_PKEY_free(loaded) }
            ERR_clear_error()
            throw OpenBadgesError(.invalidKey, "the system libcrypto could not load the RSA private key")
        }
        key = loaded
    }

    deinit { EVP_PKEY_free(key) }

    /// Signs `message` with RSASSA-PKCS1-v1_5 over SHA-256 (JWS `RS256`).
    func signRS256(_ message: [UInt8]) throws(OpenBadgesError) -> [UInt8] {
        guard let context = EVP_MD_CTX_new() else { throw Self.failure("no digest context") }
        defer { EVP_MD_CTX_free(context) }
        guard EVP_DigestSignInit(context, nil, EVP_sha256(), nil, key) == 1 else { throw Self.failure("EVP_DigestSignInit failed") }
        var length = Int(EVP_PKEY_get_size(key))
        var signature = [UInt8](repeating: 0, count: length)
        let signed = message.withUnsafeBufferPointer { input in
            signature.withUnsafeMutableBufferPointer { output in
                EVP_DigestSign(context, output.baseAddress, &length, input.baseAddress, input.count)
            }
        }
        guard signed == 1, length <= signature.count else { throw Self.failure("EVP_DigestSign failed") }
        signature.removeLast(signature.count - length)
        return signature
    }

    private static func failure(_ step: String) -> OpenBadgesError {
        ERR_clear_error()
        return OpenBadgesError(.signing, "RS256 signing failed: \(step)")
    }
}
