public import BadgeCore
public import EDCI
public import Foundation
import SwiftASN1
import X509

/// Whether an imported EDCI credential's signer chains to a CA the operator trusts: the
/// certificates in `edci.trusted_ca_dir` are the roots. The EU trusted lists are not reachable
/// offline; a directory of their CA certificates (or a national PKI's roots) is.
///
/// The signature check itself (integrity) is ``EDCISignatureVerifier``'s; this judges origin,
/// from the certificates the verified signature's `KeyInfo` carried: the signing certificate
/// must reach one of the roots through them, each link signed, with RFC 5280 rules (validity
/// now, CA basic constraints) on every certificate. The directory is read on first use.
public actor EDCITrustStore {
    private let directory: URL?
    private let clock: any TimeSource
    private var loaded: Result<[Certificate], BadgeCoreError>?

    /// The largest trust file read, and the most files.
    static let maximumFileSize = 1_048_576
    static let maximumFiles = 1_000

    /// Creates a trust store on the CA certificates (PEM or DER files) in `directory`
    /// (`edci.trusted_ca_dir`); nil leaves trust unconfigured.
    public init(directory: URL?, clock: any TimeSource) {
        self.directory = directory
        self.clock = clock
    }

    /// Judges the chain of a signature.
    public func evaluate(_ signature: EDCISignatureVerification) async -> EDCISignatureTrust {
        guard directory != nil else {
            return EDCISignatureTrust(.notConfigured, "edci.trusted_ca_dir is not set: only the signature's integrity was checked")
        }
        guard signature.isValid else {
            return EDCISignatureTrust(.untrusted, "the credential carries no valid signature")
        }
        let roots: [Certificate]
        switch load() {
        case .success(let found): roots = found
        case .failure(let error): return EDCISignatureTrust(.untrusted, error.message)
        }
        let certificates = signature.signerCertificates.compactMap { try? Certificate(derEncoded: Array($0)) }
        guard let leaf = certificates.first, certificates.count == signature.signerCertificates.count else {
            return EDCISignatureTrust(.untrusted, "the signature's KeyInfo carries no readable X.509 certificate")
        }
        let now = clock.now()
        var verifier = Verifier(rootCertificates: CertificateStore(roots)) { RFC5280Policy(validationTime: now) }
        switch await verifier.validate(leaf: leaf, intermediates: CertificateStore(Array(certificates.dropFirst()))) {
        case .validCertificate(let chain):
            return EDCISignatureTrust(.trusted, "the signer \(leaf.subject) chains to \(chain.root.subject) in edci.trusted_ca_dir")
        case .couldNotValidate(let failures):
            let reasons = Set(failures.map { String(describing: $0.policyFailureReason) }).sorted()
            let why = reasons.isEmpty ? "" : " (\(reasons.prefix(3).joined(separator: "; ")))"
            return EDCISignatureTrust(.untrusted, "the signer \(leaf.subject) does not chain to a CA in edci.trusted_ca_dir\(why)")
        }
    }

    private func load() -> Result<[Certificate], BadgeCoreError> {
        if let loaded { return loaded }
        let result = Result { () throws(BadgeCoreError) in try Self.certificates(in: directory) }
        loaded = result
        return result
    }

    /// Every certificate in the directory's regular files: PEM files may hold several; other
    /// files are read as one DER certificate; files that hold none are skipped.
    static func certificates(in directory: URL?) throws(BadgeCoreError) -> [Certificate] {
        guard let directory else { return [] }
        let files: [URL]
        do {
            files = try FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: [.isRegularFileKey, .fileSizeKey])
        } catch {
            throw BadgeCoreError.invalid("edci.trusted_ca_dir", "edci.trusted_ca_dir (\(directory.path)) cannot be read")
        }
        var certificates: [Certificate] = []
        for file in files.sorted(by: { $0.path < $1.path }).prefix(maximumFiles) {
            guard let values = try? file.resourceValues(forKeys: [.isRegularFileKey, .fileSizeKey]), values.isRegularFile == true,
                (values.fileSize ?? 0) <= maximumFileSize, let data = try? Data(contentsOf: file)
            else { continue }
            let text = String(decoding: data, as: UTF8.self)
            if text.contains("-----BEGIN CERTIFICATE-----") {
                let blocks = (try? PEMDocument.parseMultiple(pemString: text)) ?? []
                certificates += blocks.filter { $0.discriminator == "CERTIFICATE" }.compactMap { try? Certificate(pemDocument: $0) }
            } else if let certificate = try? Certificate(derEncoded: Array(data)) {
                certificates.append(certificate)
            }
        }
        guard !certificates.isEmpty else {
            throw BadgeCoreError.invalid("edci.trusted_ca_dir", "edci.trusted_ca_dir (\(directory.path)) holds no X.509 certificate")
        }
        return certificates
    }
}
