import EDCI
import Foundation
import Testing

/// Cross-checks with the command-line tools built on the same libraries (xmllint, xmlsec1),
/// run as separate processes on the bytes badged writes.
@Suite struct IndependentToolTests {
    private func run(_ tool: String, _ arguments: [String]) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }

    @Test
    func xmllintAndXmlsec1AcceptASignedExport() throws {
        let keys = try TestKeys.generate()
        let export = try EDCIExporter().export(SampleInput.composite)
        try EDCISigner(privateKeyPEM: keys.privateKeyPEM, certificatePEM: keys.certificatePEM).sign(export.document)
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("edci-signed-\(UUID().uuidString).xml")
        try export.document.serialized().write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let schema = Fixtures.schemaDirectory.appendingPathComponent(EDCISchema.credentialSchemaFile).path
        #expect(try run("/usr/bin/xmllint", ["--noout", "--nonet", "--schema", schema, file.path]) == 0)
        #expect(try run("/usr/bin/xmlsec1", ["--verify", "--insecure", file.path]) == 0)
    }
}
