import BadgeCore
import BadgeIssuing
import BadgeTesting
import Configuration
import EDCI
import Foundation
import HTTPTypes
import HummingbirdTesting
import Primitives
import Testing

/// The served EDCI export carries an enveloped XML signature by the issuer's key, with the
/// issuer's certificate, checked by badged's verifier and independently by `xmlsec1`.
@Suite("Signed EDCI exports", .heavyLane)
struct EDCISignedExportTests {
    /// Runs a command-line tool on a file and returns its exit status.
    static func run(_ tool: String, _ arguments: [String]) async throws -> Int32 {
        try await withCheckedThrowingContinuation { continuation in
            Thread {
                let process = Process()
                process.executableURL = URL(fileURLWithPath: tool)
                process.arguments = arguments
                process.standardOutput = FileHandle.nullDevice
                process.standardError = FileHandle.nullDevice
                do {
                    try process.run()
                    process.waitUntilExit()
                    continuation.resume(returning: process.terminationStatus)
                } catch {
                    continuation.resume(throwing: error)
                }
            }.start()
        }
    }

    @Test func theServedExportIsSignedByTheIssuerAndATamperedCopyIsRejected() async throws {
        try await withTestApp(configuration: EDCIEndpointTests.configuration) { client, fixture in
            let id = try await IssuingTests.awardMicroCredential(client, fixture, to: "ada@example.org")
            let served = try await client.send(.get, "/public/assertions/\(id).edci.xml").text
            #expect(served.contains("http://www.w3.org/2000/09/xmldsig#"))
            #expect(served.contains("SignatureValue"))
            #expect(served.contains("X509Certificate"))
            #expect(served.contains("http://www.w3.org/2001/10/xml-exc-c14n#"))
            #expect(served.contains("http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"))
            let verification = try EDCISignatureVerifier().verify(try LibXMLDocument(parsing: Data(served.utf8)))
            #expect(verification.isValid)
            // The same key gives the same certificate: a second export is byte-identical.
            #expect(try await client.send(.get, "/public/assertions/\(id).edci.xml").text == served)

            let directory = FileManager.default.temporaryDirectory.appending(path: "badged-edci-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: directory) }
            let signed = directory.appending(path: "signed.xml")
            try Data(served.utf8).write(to: signed)
            let schema = "\(EDCIEndpointTests.schemaDirectory)/\(EDCISchema.credentialSchemaFile)"
            #expect(try await Self.run("/usr/bin/xmllint", ["--noout", "--nonet", "--schema", schema, signed.path]) == 0)
            #expect(try await Self.run("/usr/bin/xmlsec1", ["--verify", "--insecure", signed.path]) == 0)

            // One character of signed content changed: both verifiers refuse it.
            let title = try #require(served.range(of: "Energy Transition"))
            let tampered = served.replacingCharacters(in: title.lowerBound..<served.index(after: title.lowerBound), with: "e")
            let tamperedFile = directory.appending(path: "tampered.xml")
            try Data(tampered.utf8).write(to: tamperedFile)
            #expect(try await Self.run("/usr/bin/xmlsec1", ["--verify", "--insecure", tamperedFile.path]) != 0)
            #expect(!(try EDCISignatureVerifier().verify(try LibXMLDocument(parsing: Data(tampered.utf8)))).isValid)
        }
    }
}
