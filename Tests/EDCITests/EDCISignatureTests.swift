import EDCI
import Foundation
import Testing

@Suite struct EDCISignatureTests {
    static let keys = Result { try TestKeys.generate() }
    static let otherKeys = Result { try TestKeys.generate(commonName: "someone else") }

    private func signedCredential() throws -> LibXMLDocument {
        let keys = try Self.keys.get()
        let document = try EDCIExporter().export(SampleInput.composite).document
        try EDCISigner(privateKeyPEM: keys.privateKeyPEM, certificatePEM: keys.certificatePEM).sign(document)
        return document
    }

    @Test func aSignedCredentialVerifies() throws {
        let reparsed = try LibXMLDocument(parsing: try signedCredential().serialized())
        let result = try EDCISignatureVerifier().verify(reparsed)
        #expect(result.status == .valid, "\(result.reason)")
        #expect(!result.certificateTrusted)
    }

    @Test func aSignedCredentialVerifiesAgainstItsTrustedCertificate() throws {
        let reparsed = try LibXMLDocument(parsing: try signedCredential().serialized())
        let result = try EDCISignatureVerifier(trustedCertificatePEM: try Self.keys.get().certificatePEM).verify(reparsed)
        #expect(result.status == .valid, "\(result.reason)")
        #expect(result.certificateTrusted)
    }

    @Test func anotherTrustedCertificateDoesNotVerify() throws {
        let reparsed = try LibXMLDocument(parsing: try signedCredential().serialized())
        let result = try EDCISignatureVerifier(trustedCertificatePEM: try Self.otherKeys.get().certificatePEM).verify(reparsed)
        #expect(result.status == .invalid)
    }

    @Test func changingOneCharacterOfSignedContentBreaksTheSignature() throws {
        let xml = String(decoding: try signedCredential().serialized(), as: UTF8.self)
        let tampered = xml.replacingOccurrences(of: "<grade>8.5</grade>", with: "<grade>9.5</grade>")
        #expect(tampered != xml)
        let result = try EDCISignatureVerifier().verify(try LibXMLDocument(parsing: tampered))
        #expect(result.status == .invalid)
        #expect(result.reason.contains("changed after signing"))
    }

    @Test func aSignedCredentialStillValidatesAgainstTheSchema() throws {
        let signed = try signedCredential().serialized()
        let xml = String(decoding: signed, as: UTF8.self)
        #expect(xml.contains("<proof>"))
        #expect(xml.contains("http://www.w3.org/2001/10/xml-exc-c14n#"))
        #expect(xml.contains("http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"))
        #expect(xml.contains("http://www.w3.org/2001/04/xmlenc#sha256"))
        #expect(xml.contains("<X509Certificate>") || xml.contains(":X509Certificate>"))
        try Fixtures.credentialSchema().validate(LibXMLDocument(parsing: signed))
    }

    @Test func signingIsDeterministic() throws {
        #expect(try signedCredential().serialized() == signedCredential().serialized())
    }

    @Test func anUnsignedDocumentIsReportedAsUnsigned() throws {
        let document = try LibXMLDocument(parsing: try Fixtures.sample("EDC_WileECoyote_Simple.xml"))
        #expect(try EDCISignatureVerifier().verify(document).status == .unsigned)
    }

    @Test func theEUSignedPresentationVerifies() throws {
        let document = try LibXMLDocument(parsing: try Fixtures.sample("presentation/EDC_DiplomaSupplement_AA.xml"))
        let result = try EDCISignatureVerifier().verify(document)
        #expect(result.status == .valid, "\(result.reason)")
    }

    @Test func aSignatureCannotBeAddedTwice() throws {
        let keys = try Self.keys.get()
        let error = try #require(throws: EDCIError.self) {
            try EDCISigner(privateKeyPEM: keys.privateKeyPEM, certificatePEM: keys.certificatePEM).sign(try signedCredential())
        }
        #expect(error.code == .unsupportedDocument)
    }

    @Test func garbageKeyMaterialIsRefused() throws {
        let keys = try Self.keys.get()
        let error = try #require(throws: EDCIError.self) {
            try EDCISigner(privateKeyPEM: "not a key", certificatePEM: keys.certificatePEM)
        }
        #expect(error.code == .keyMaterial)
    }
}
