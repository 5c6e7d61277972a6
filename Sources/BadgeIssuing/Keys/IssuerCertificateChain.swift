public import BadgeCore
public import Foundation
public import OpenBadges
import SwiftASN1
import X509

/// An X.509 certificate chain imported with an issuer key (an eIDAS qualified seal, a
/// PKIoverheid certificate): the key's own certificate first, then the intermediates. EDCI
/// exports signed with the key carry the whole chain in `KeyInfo`, so a verifier that trusts the
/// chain's root trusts the signature.
///
/// The chain is checked when it is imported: every block parses, the first certificate holds
/// the private key's public key, it is valid at the import time, and each certificate is issued
/// by the next one (by name). Whether the root is trusted is the verifier's business.
public struct IssuerCertificateChain: Sendable, Hashable {
    /// The largest chain accepted (PEM characters) and the most certificates in it.
    public static let maximumSize = 64 * 1024
    public static let maximumCount = 10

    /// The chain in PEM, normalised: one block per certificate, the key's certificate first.
    public let pem: String

    /// Checks a chain against the key it is imported with.
    /// - Parameters:
    ///   - pem: PEM `CERTIFICATE` blocks, the key's certificate first.
    ///   - key: the private key the first certificate must certify.
    ///   - now: the time the first certificate must be valid at.
    /// - Throws: ``BadgeCoreError`` `.validation` on field `chain` saying what is wrong.
    public init(pem: String, for key: SigningKey, at now: Date) throws {
        guard pem.utf8.count <= Self.maximumSize else {
            throw BadgeCoreError.invalid("chain", "the certificate chain is larger than \(Self.maximumSize / 1024) KiB")
        }
        let blocks: [PEMDocument]
        do {
            blocks = try PEMDocument.parseMultiple(pemString: pem)
        } catch {
            throw BadgeCoreError.invalid("chain", "the certificate chain is not PEM")
        }
        guard !blocks.isEmpty else { throw BadgeCoreError.invalid("chain", "the certificate chain holds no PEM certificate") }
        guard blocks.count <= Self.maximumCount else {
            throw BadgeCoreError.invalid("chain", "the chain holds more than \(Self.maximumCount) certificates")
        }
        var certificates: [Certificate] = []
        for (index, block) in blocks.enumerated() {
            guard block.discriminator == "CERTIFICATE", let certificate = try? Certificate(pemDocument: block) else {
                throw BadgeCoreError.invalid("chain", "block \(index + 1) of the chain is not an X.509 certificate")
            }
            certificates.append(certificate)
        }
        let leaf = certificates[0]
        guard leaf.publicKey == (try Certificate.PublicKey(pemEncoded: key.publicKeyPEM)) else {
            throw BadgeCoreError.invalid("chain", "the first certificate (\(leaf.subject)) does not certify the private key: its public key differs")
        }
        guard leaf.notValidAfter > now else {
            throw BadgeCoreError.invalid("chain", "the certificate \(leaf.subject) expired on \(Self.day(leaf.notValidAfter))")
        }
        guard leaf.notValidBefore <= now else {
            throw BadgeCoreError.invalid("chain", "the certificate \(leaf.subject) is not valid before \(Self.day(leaf.notValidBefore))")
        }
        for (certificate, issuer) in zip(certificates, certificates.dropFirst()) where certificate.issuer != issuer.subject {
            throw BadgeCoreError.invalid(
                "chain",
                "the chain is out of order: \(certificate.subject) is issued by \(certificate.issuer), not by the next certificate \(issuer.subject)"
            )
        }
        self.pem = try certificates.map { try $0.serializeAsPEM().pemString }.joined(separator: "\n") + "\n"
    }

    /// Wraps a chain that was checked when it was imported (as stored with its key).
    public init(checkedPEM: String) {
        pem = checkedPEM
    }

    private static func day(_ date: Date) -> String {
        date.formatted(.iso8601.year().month().day())
    }
}
