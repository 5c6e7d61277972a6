import EDCI
import Foundation
import Testing

/// `scripts/fetch-edci-schemas.sh`: the network here cannot reach the EU repository, so the
/// download is pointed at local copies: a `file://` mirror laid out as the repository (commit,
/// path) holding the upstream form of XAdES 1.4.1, and `--from` a flat directory. The script
/// must rewrite, check digests and install the whole set, or nothing.
@Suite struct FetchSchemasScriptTests {
    static let script = Fixtures.repositoryRoot.appendingPathComponent("scripts/fetch-edci-schemas.sh").path
    static let names = [
        "genericschema_1.2.xsd", "sharedschema_generic_1.2.xsd", "w3c_verifiableCredentials.xsd",
        "XAdES01903v132-201601.xsd", "xmldsig-core-schema.xsd", "XAdES01903v141-201601.xsd",
    ]

    private func run(_ arguments: [String], environment: [String: String] = [:], in directory: URL) throws -> (status: Int32, errors: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [Self.script] + arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let errors = directory.appendingPathComponent("stderr-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: errors.path, contents: nil)
        let handle = try FileHandle(forWritingTo: errors)
        defer { try? handle.close() }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = handle
        try process.run()
        process.waitUntilExit()
        return (process.terminationStatus, try String(contentsOf: errors, encoding: .utf8))
    }

    private func scratch() throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("edci-fetch-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }

    private func copy(of name: String) throws -> Data {
        try Data(contentsOf: Fixtures.schemaDirectory.appendingPathComponent(name))
    }

    @Test func aMirrorOfTheRepositoryYieldsTheRewrittenCheckedSet() throws {
        let work = try scratch()
        defer { try? FileManager.default.removeItem(at: work) }
        let mirror = work.appendingPathComponent("mirror")
        let flatten = mirror.appendingPathComponent("8746736f370ad8f9688d3359052b4d6cec79a631/Credentials/XSD/flatten")
        let xades = mirror.appendingPathComponent("92a50e011715c0c3d75930c37798219984347a55/XSD")
        for folder in [flatten, xades] { try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true) }
        for name in Self.names.dropLast() { try copy(of: name).write(to: flatten.appendingPathComponent(name)) }
        // The repository's XAdES 1.4.1 imports its dependencies by URL; the script rewrites that.
        let upstream = String(decoding: try copy(of: "XAdES01903v141-201601.xsd"), as: UTF8.self)
            .replacingOccurrences(
                of: "schemaLocation=\"xmldsig-core-schema.xsd\"",
                with: "schemaLocation=\"http://www.w3.org/TR/2008/REC-xmldsig-core-20080610/xmldsig-core-schema.xsd\""
            )
            .replacingOccurrences(
                of: "schemaLocation=\"XAdES01903v132-201601.xsd\"",
                with: "schemaLocation=\"http://uri.etsi.org/01903/v1.3.2/XAdES01903v132-201601.xsd\""
            )
        #expect(upstream.contains("http://uri.etsi.org/01903/v1.3.2/XAdES01903v132-201601.xsd"))
        try Data(upstream.utf8).write(to: xades.appendingPathComponent("XAdES01903v141-201601.xsd"))

        let destination = work.appendingPathComponent("schemas")
        let result = try run([destination.path], environment: ["EDCI_SCHEMA_BASE_URL": mirror.absoluteString], in: work)
        #expect(result.status == 0, "\(result.errors)")
        for name in Self.names {
            #expect(try Data(contentsOf: destination.appendingPathComponent(name)) == (try copy(of: name)), "\(name)")
        }
        // The installed set compiles and validates a credential.
        let schema = try EDCISchema(directory: destination)
        try schema.validate(try LibXMLDocument(parsing: try Fixtures.sample("EDC_WileECoyote_Simple.xml")))
    }

    @Test func aCorruptedFileIsRefusedByNameAndNothingIsInstalled() throws {
        let work = try scratch()
        defer { try? FileManager.default.removeItem(at: work) }
        let source = work.appendingPathComponent("copy")
        try FileManager.default.createDirectory(at: source, withIntermediateDirectories: true)
        for name in Self.names { try copy(of: name).write(to: source.appendingPathComponent(name)) }

        // The intact copy installs.
        let good = work.appendingPathComponent("good")
        #expect(try run(["--from", source.path, good.path], in: work).status == 0)
        #expect(try FileManager.default.contentsOfDirectory(atPath: good.path).sorted() == Self.names.sorted())

        // One changed byte in one file: refused, named, and no file of the set is put in place.
        var corrupted = try copy(of: "sharedschema_generic_1.2.xsd")
        corrupted[corrupted.count / 2] ^= 0x20
        try corrupted.write(to: source.appendingPathComponent("sharedschema_generic_1.2.xsd"))
        let destination = work.appendingPathComponent("schemas")
        let refused = try run(["--from", source.path, destination.path], in: work)
        #expect(refused.status != 0)
        #expect(refused.errors.contains("sharedschema_generic_1.2.xsd"))
        #expect(!FileManager.default.fileExists(atPath: destination.path))
        // Nor is a staging directory left behind.
        #expect(try FileManager.default.contentsOfDirectory(atPath: work.path).allSatisfy { !$0.hasPrefix(".edci-xsd") })

        // A missing file is refused the same way.
        try copy(of: "sharedschema_generic_1.2.xsd").write(to: source.appendingPathComponent("sharedschema_generic_1.2.xsd"))
        try FileManager.default.removeItem(at: source.appendingPathComponent("xmldsig-core-schema.xsd"))
        let missing = try run(["--from", source.path, destination.path], in: work)
        #expect(missing.status != 0)
        #expect(missing.errors.contains("xmldsig-core-schema.xsd"))
        #expect(!FileManager.default.fileExists(atPath: destination.path))
    }
}
