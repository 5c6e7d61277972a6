public import Foundation
import JWTKit
public import Primitives
import _CryptoExtras

/// Verifies signed assertions (compact JWS, RS256) against published public keys.
///
/// Only `RS256` is accepted: `none`, `HS256` and every other algorithm are refused before any
/// key is touched. With several keys (rotation), the key is chosen by the payload's
/// `verification.creator` URL, so assertions signed with an older key keep verifying.
public struct AssertionVerifier: Sendable {
    /// A verified JWS.
    public struct Verified: Sendable {
        /// The decoded header.
        public let header: JSONValue
        /// The decoded payload (the Assertion document).
        public let payload: JSONValue
        /// The payload bytes exactly as signed.
        public let payloadData: Data
        /// The id of the key that verified it.
        public let keyID: String
    }

    /// The largest JWS accepted.
    public static let maximumLength = 65_536

    private let keys: [String: _RSA.Signing.PublicKey]
    private let urls: PublicURLs

    /// Creates a verifier for a set of published keys.
    /// - Parameters:
    ///   - publicKeys: SPKI (or PKCS#1) PEMs by key id.
    ///   - urls: the URL scheme that maps `verification.creator` to a key id.
    /// - Throws: ``OpenBadgesError`` `.invalidKey` if a PEM is not an RSA public key of at least 2048 bits.
    public init(publicKeys: [String: String], urls: PublicURLs) throws(OpenBadgesError) {
        var keys: [String: _RSA.Signing.PublicKey] = [:]
        for (id, pem) in publicKeys {
            let key: _RSA.Signing.PublicKey
            do {
                key = try _RSA.Signing.PublicKey(pemRepresentation: pem)
            } catch {
                throw OpenBadgesError(.invalidKey, "key \(id) is not an RSA public key PEM", cause: error)
            }
            guard key.keySizeInBits >= SigningKey.minimumBits else {
                throw OpenBadgesError(.invalidKey, "key \(id) has fewer than \(SigningKey.minimumBits) bits")
            }
            keys[id] = key
        }
        self.keys = keys
        self.urls = urls
    }

    /// Verifies a compact JWS.
    /// - Throws: ``OpenBadgesError`` `.tooLarge`, `.malformedJWS`, `.unsupportedAlgorithm`
    ///   (anything but RS256), `.invalidKey` (the creator is not a known key), or
    ///   `.signatureInvalid`.
    public func verify(_ jws: String) async throws(OpenBadgesError) -> Verified {
        guard jws.utf8.count <= Self.maximumLength else { throw OpenBadgesError(.tooLarge, "the JWS is longer than \(Self.maximumLength) bytes") }
        let parts = jws.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let headerData = Base64URL.decode(parts[0]), let payloadData = Base64URL.decode(parts[1]),
            Base64URL.decode(parts[2]) != nil
        else { throw OpenBadgesError(.malformedJWS, "a JWS must be three base64url parts") }
        let header: JSONValue
        let payload: JSONValue
        do {
            header = try JSONValue.decode(headerData)
            payload = try JSONValue.decode(payloadData)
        } catch {
            throw OpenBadgesError(.malformedJWS, "the JWS header and payload must be JSON", cause: error)
        }
        guard header["alg"]?.stringValue == "RS256" else {
            throw OpenBadgesError(.unsupportedAlgorithm, "only RS256 is accepted, not \(header["alg"]?.stringValue ?? "a missing alg")")
        }
        let keyID = try self.keyID(for: payload)
        guard let key = keys[keyID] else { throw OpenBadgesError(.invalidKey, "key \(keyID) is not known") }
        do {
            let collection = JWTKeyCollection()
            await collection.add(rsa: try Insecure.RSA.PublicKey(backing: key), digestAlgorithm: .sha256)
            _ = try await collection.verify(jws, as: OpaquePayload.self)
        } catch {
            throw OpenBadgesError(.signatureInvalid, "the JWS signature does not verify with key \(keyID)", cause: error)
        }
        return Verified(header: header, payload: payload, payloadData: payloadData, keyID: keyID)
    }

    /// The key named by `verification.creator`, or the only key when there is just one and the
    /// payload names none.
    private func keyID(for payload: JSONValue) throws(OpenBadgesError) -> String {
        if let creator = payload["verification"]?["creator"]?.stringValue {
            let prefix = urls.key("")
            guard creator.hasPrefix(prefix) else { throw OpenBadgesError(.invalidKey, "the creator key is not one of this issuer's keys") }
            return String(creator.dropFirst(prefix.count))
        }
        guard keys.count == 1, let only = keys.keys.first else {
            throw OpenBadgesError(.invalidKey, "the payload names no verification.creator key")
        }
        return only
    }
}

/// Any JSON payload: the Open Badges verifier, not jwt-kit, judges the claims.
private struct OpaquePayload: JWTPayload {
    let value: JSONValue

    init(from decoder: any Decoder) throws { value = try JSONValue(from: decoder) }
    func encode(to encoder: any Encoder) throws { try value.encode(to: encoder) }
    func verify(using algorithm: some JWTAlgorithm) async throws {}
}
