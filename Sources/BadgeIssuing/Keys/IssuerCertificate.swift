public import BadgeCore
public import Foundation
public import OpenBadges
import SwiftASN1
import X509

/// The X.509 certificate that carries an issuer key in the `KeyInfo` of signed EDCI exports.
///
/// The certificate is self-signed by the issuer key and derived from it alone: the serial is
/// taken from the key id, the validity starts when the key was made and lasts ten years, and the
/// subject names the issuer and its institution. RSA PKCS#1 v1.5 signatures are deterministic,
/// so one key always yields the same certificate bytes and nothing more has to be stored.
/// Verifiers who trust the issuer's published key can pin this certificate's public key.
public struct IssuerCertificate: Sendable {
    /// How long a certificate is valid.
    public static let validity: TimeInterval = 10 * 365 * 24 * 3600

    /// The certificate in PEM.
    public let pem: String

    /// Makes the certificate of `key`, created at `createdAt`, for an issuer of an institution.
    public init(key: SigningKey, createdAt: Date, issuerName: String, institution: Institution) throws {
        let privateKey = try Certificate.PrivateKey(pemEncoded: key.privateKeyPEM)
        let name = try DistinguishedName {
            CountryName(institution.country.uppercased())
            OrganizationName(institution.name.preferred("en_EN"))
            OrganizationalUnitName(issuerName)
            CommonName("\(issuerName) credential signing")
        }
        let certificate = try Certificate(
            version: .v3,
            serialNumber: Certificate.SerialNumber(bytes: Array(Digest.sha256Hex(key.id).utf8.prefix(16))),
            publicKey: privateKey.publicKey,
            notValidBefore: createdAt,
            notValidAfter: createdAt.addingTimeInterval(Self.validity),
            issuer: name,
            subject: name,
            signatureAlgorithm: .sha256WithRSAEncryption,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.notCertificateAuthority)
                Critical(KeyUsage(digitalSignature: true, nonRepudiation: true))
            },
            issuerPrivateKey: privateKey
        )
        pem = try certificate.serializeAsPEM().pemString
    }
}
