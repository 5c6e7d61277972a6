public import BadgeCore
public import Foundation
import Primitives

/// Signs assertions as compact JWS: `base64url({"alg":"RS256"}) . base64url(assertion JSON) .
/// base64url(RSASSA-PKCS1-v1_5-SHA256 signature)`.
///
/// The header is exactly `{"alg":"RS256"}` and the payload is the deterministic encoding of
/// ``OpenBadgesDocuments/assertion(_:)``, so with a fixed key the JWS is byte-stable
/// (PKCS#1 v1.5 signatures are deterministic).
///
/// The JWS is assembled here and the RSA signature comes from swift-crypto, because jwt-kit's
/// serializer always adds `"typ":"JWT"` to the header and re-encodes the payload (ob, 2026-11-22).
public struct AssertionSigner: Sendable {
    /// The compact header, `{"alg":"RS256"}`.
    public static let header = #"{"alg":"RS256"}"#

    /// The key that signs.
    public let key: SigningKey
    /// The document builder for the payload.
    public let documents: OpenBadgesDocuments

    /// Creates a signer.
    public init(key: SigningKey, documents: OpenBadgesDocuments) {
        self.key = key
        self.documents = documents
    }

    /// Signs an assertion.
    ///
    /// Sign at issue time: the payload is the assertion as it is now, and a later revocation is
    /// published in the issuer's RevocationList, not in the JWS.
    /// - Throws: ``OpenBadgesError`` `.invalidInput` unless the assertion's verification is
    ///   `.signed` with this signer's key id; `.signing` if RSA fails.
    public func sign(_ assertion: Assertion) throws(OpenBadgesError) -> String {
        guard case .signed(let keyID) = assertion.verification, keyID == key.id else {
            throw OpenBadgesError(.invalidInput, "the assertion must be a signed assertion naming key \(key.id)")
        }
        return try sign(payload: documents.assertion(assertion).encoded())
    }

    /// Signs arbitrary payload bytes under the `{"alg":"RS256"}` header.
    /// - Throws: ``OpenBadgesError`` `.signing` if RSA fails.
    public func sign(payload: Data) throws(OpenBadgesError) -> String {
        let signingInput = Base64URL.encode(Data(Self.header.utf8)) + "." + Base64URL.encode(payload)
        let signature = try key.signRS256(Array(signingInput.utf8))
        return signingInput + "." + Base64URL.encode(signature)
    }
}
