public import BadgeCore
import BadgeIssuing
import EDCI
public import Foundation
import OpenBadges

/// The EU's EDCI sample credentials in `../shared/edci` (read from there, never copied), and
/// copies of them signed the way badged signs its exports: an enveloped XML signature in the
/// credential's `proof`, by a fresh RSA key with its self-signed certificate in `KeyInfo`.
public enum EDCISamples {
    /// The EU schema set (`edci.schema_dir` in tests).
    public static var schemaDirectory: URL { SamplePaths.shared.appending(path: "edci/xsd") }

    /// A sample as it is, by its path under `edci/samples/`.
    public static func sample(_ name: String) throws -> Data {
        try Data(contentsOf: SamplePaths.shared.appending(path: "edci/samples").appending(path: name))
    }

    /// A sample signed with a fresh key whose certificate names `institution`.
    /// - Parameter name: the path under `edci/samples/` of a sample with no signature yet.
    public static func signed(_ name: String, institution: Institution) throws -> Data {
        let key = try SigningKey.generate(id: "edci-sample-\(UUID().uuidString.lowercased())")
        // Valid from an hour ago: verification reads the real time, not the test clock.
        let certificate = try IssuerCertificate(
            key: key,
            createdAt: Date().addingTimeInterval(-3600),
            issuerName: "EDCI sample",
            institution: institution
        )
        let document = try LibXMLDocument(parsing: try sample(name))
        try EDCISigner(privateKeyPEM: key.privateKeyPEM, certificatePEM: certificate.pem).sign(document)
        return document.serialized()
    }
}
