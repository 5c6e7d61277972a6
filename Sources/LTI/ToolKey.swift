import Foundation
public import JWTKit
public import Primitives

/// One RSA signing key of the tool, with its key id. The tool signs deep-linking responses and
/// client-assertion JWTs (RS256) with it; platforms verify them with the tool's JWKS.
public struct ToolKey: Sendable {
    /// The key id (`kid`) put in JWT headers and the JWKS.
    public let kid: String
    let privateKey: Insecure.RSA.PrivateKey

    /// Creates a key from a private key.
    /// - Parameters:
    ///   - kid: The key id.
    ///   - privateKey: The RSA private key (at least 2048 bits; generated or loaded by the signing module).
    public init(kid: String, privateKey: Insecure.RSA.PrivateKey) {
        self.kid = kid
        self.privateKey = privateKey
    }

    /// Creates a key from a PKCS #8 or PKCS #1 PEM private key.
    /// - Throws: ``LTIError/Code/invalidKey`` when the PEM is not an RSA private key of at least 2048 bits.
    public init(kid: String, pem: String) throws {
        do {
            self.init(kid: kid, privateKey: try Insecure.RSA.PrivateKey(pem: pem))
        } catch {
            throw LTIError(.invalidKey, "The tool key \(kid) is not a usable RSA private key.", cause: error)
        }
    }

    /// The public half as a JWK (`kty`, `alg` RS256, `use` sig, `kid`, `n`, `e`).
    public func publicJWK() throws -> PublicJWK {
        let primitives: (modulus: Data, publicExponent: Data)
        do {
            primitives = try privateKey.publicKey.getKeyPrimitives()
        } catch {
            throw LTIError(.invalidKey, "The public part of tool key \(kid) could not be read.", cause: error)
        }
        return PublicJWK(kid: kid, modulus: Base64URL.encode(primitives.modulus), exponent: Base64URL.encode(primitives.publicExponent))
    }

    /// The public half as a PEM `PUBLIC KEY` (SubjectPublicKeyInfo), for LMS forms that take a
    /// pasted key instead of a JWKS URL.
    public var publicKeyPEM: String { privateKey.publicKey.pemRepresentation }

    /// Signs claims as a compact RS256 JWS with `typ` JWT and this key's `kid`. The JSON has
    /// sorted keys, so equal claims give equal bytes (RSA PKCS #1 v1.5 signatures are deterministic).
    /// - Parameter claims: The JWT claims.
    /// - Returns: The compact JWS.
    public func sign(_ claims: [String: JSONValue]) async throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let collection = JWTKeyCollection()
        await collection.add(
            rsa: privateKey,
            digestAlgorithm: .sha256,
            kid: JWKIdentifier(string: kid),
            serializer: DefaultJWTSerializer(jsonEncoder: encoder)
        )
        var header = JWTHeader()
        header.alg = "RS256"
        header.typ = "JWT"
        do {
            return try await collection.sign(IDTokenClaims(values: claims), kid: JWKIdentifier(string: kid), header: header)
        } catch {
            throw LTIError(.invalidKey, "Signing with tool key \(kid) failed.", cause: error)
        }
    }
}
