import EDCI
import Foundation
import Testing

@Suite struct EDCISchemaTests {
    @Test(arguments: ["EDC_WileECoyote_Simple.xml", "EDC_SampleACT_AA.xml", "EDC_SampleDegree_AA.xml"])
    func theCurrentEUSamplesValidate(sample: String) throws {
        let document = try LibXMLDocument(parsing: try Fixtures.sample(sample))
        #expect(try Fixtures.credentialSchema().issues(in: document) == [])
    }

    @Test func thePresentationValidatesOnlyAgainstThePresentationSchema() throws {
        let document = try LibXMLDocument(parsing: try Fixtures.sample("presentation/EDC_DiplomaSupplement_AA.xml"))
        #expect(try Fixtures.presentationSchema().issues(in: document) == [])
        let issues = try Fixtures.credentialSchema().issues(in: document)
        #expect(issues.contains { $0.message.contains("No matching global declaration") })
    }

    @Test func aLegacyDocumentIsRejectedWithTheSchemaProblemAndLine() throws {
        let legacy = try legacySamples()
        #expect(legacy.count == 4)
        for url in legacy {
            let document = try LibXMLDocument(parsing: try Data(contentsOf: url))
            let error = try #require(throws: EDCIError.self) { try Fixtures.credentialSchema().validate(document) }
            #expect(error.code == .schemaInvalid)
            #expect(error.message.contains("primaryLanguage"))
            #expect(error.validationErrors.first?.line == 13)
        }
    }

    @Test func allViolationsAreReportedWithLineNumbers() throws {
        let broken = """
            <europassCredential xmlns="http://data.europa.eu/snb" xmlns:cred="http://data.europa.eu/europass/model/credentials/w3c#" cred:id="not a uri ok">
            <bogus/>
            </europassCredential>
            """
        let document = try LibXMLDocument(parsing: broken)
        let issues = try Fixtures.credentialSchema().issues(in: document)
        #expect(!issues.isEmpty)
        #expect(issues.allSatisfy { $0.line > 0 })
        #expect(issues.contains { $0.message.contains("bogus") })
    }

    @Test func aMissingSchemaDirectoryIsReported() throws {
        let error = try #require(throws: EDCIError.self) {
            try EDCISchema(directory: URL(fileURLWithPath: "/nonexistent/edci"))
        }
        #expect(error.code == .schemaUnavailable)
        #expect(error.message.contains("edci.schema_dir"))
    }

    @Test func oneSchemaValidatesConcurrently() async throws {
        let schema = try Fixtures.credentialSchema()
        let data = try Fixtures.sample("EDC_SampleACT_AA.xml")
        let results = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<8 {
                group.addTask { try schema.issues(in: LibXMLDocument(parsing: data)).count }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(results == Array(repeating: 0, count: 8))
    }

    private func legacySamples() throws -> [URL] {
        let folder = Fixtures.samples.appendingPathComponent("legacy-1.0")
        return try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "xml" }.sorted { $0.path < $1.path }
    }
}
