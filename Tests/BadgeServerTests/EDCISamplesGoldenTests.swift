import BadgeCore
import BadgeIssuing
import BadgeServer
import BadgeTesting
import EDCI
import Foundation
import OpenBadges
import Primitives
import Testing

/// Every badge class of the sample university (Samples/catalog), awarded with a fixed clock,
/// fixed ids and a fixed key, exports to signed EDCI bytes pinned in Golden/. Regenerate with
/// `BADGED_UPDATE_GOLDEN=1 swift test --filter EDCISamplesGoldenTests` and review the diff.
@Suite("Golden EDCI exports of the samples")
struct EDCISamplesGoldenTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appending(path: "Golden")
    static let keyFile = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appending(path: "../OpenBadgesTests/Fixtures/test-signing-key.pem").standardizedFileURL

    @Test func eachSampleBadgeClassExportsToItsGoldenBytes() throws {
        let tree = try SampleCatalog.tree()
        let urls = try PublicURLs(baseURL: "https://badges.universiteit-harderwijk.nl")
        let key = try SigningKey(id: "golden-2026", privateKeyPEM: try String(contentsOf: Self.keyFile, encoding: .utf8))
        let schema = try EDCISchema(directory: SamplePaths.shared.appending(path: "edci/xsd"))
        let issuedOn = Date(timeIntervalSince1970: 1_790_000_000)
        #expect(tree.badgeClasses.count >= 3)
        for (index, badgeClass) in tree.badgeClasses.enumerated() {
            let issuer = try #require(tree.issuers.first { $0.id == badgeClass.issuerID })
            let assertion = Assertion(
                id: try #require(UUID(uuidString: String(format: "0192f3a0-0000-7000-8000-%012d", 900 + index))),
                badgeClassID: badgeClass.id,
                issuerID: issuer.id,
                recipient: RecipientHasher.hash(
                    Recipient(type: .email, identity: "learner\(index)@example.org"),
                    salt: "00112233445566778899aabbccddeeff"
                ),
                issuedOn: issuedOn,
                grade: index.isMultiple(of: 2) ? "8.5" : nil,
                verification: .signed(keyID: key.id)
            )
            let xml = try AssertionEDCIExport(assertion: assertion, badgeClass: badgeClass, issuer: issuer, institution: tree.institution)
                .signedXML(urls: urls, key: key, keyCreatedAt: issuedOn, schema: schema)
            let file = Self.directory.appending(path: String(format: "%02d-%@.edci.xml", index + 1, badgeClass.kind.rawValue))
            if ProcessInfo.processInfo.environment["BADGED_UPDATE_GOLDEN"] == "1" {
                try xml.write(to: file)
            }
            let expected = try Data(contentsOf: file)
            #expect(String(decoding: xml, as: UTF8.self) == String(decoding: expected, as: UTF8.self), "\(file.lastPathComponent) differs")
            #expect(try EDCISignatureVerifier().verify(try LibXMLDocument(parsing: xml)).isValid)
        }
    }
}
