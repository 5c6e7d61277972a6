import EDCI
import Foundation

/// Paths to the shared EU reference data (never copied into the repository) and schemas that
/// are compiled once per test process.
enum Fixtures {
    /// The repository root: three levels up from Tests/EDCITests/Fixtures.swift.
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    /// `../shared/edci` next to the repository.
    static let edci = repositoryRoot.appendingPathComponent("../shared/edci").standardizedFileURL
    static let schemaDirectory = edci.appendingPathComponent("xsd")
    static let samples = edci.appendingPathComponent("samples")

    static func sample(_ name: String) throws -> Data {
        try Data(contentsOf: samples.appendingPathComponent(name))
    }

    private static let credentialSchemaResult = Result { () throws(EDCIError) -> EDCISchema in
        try EDCISchema(directory: schemaDirectory)
    }
    private static let presentationSchemaResult = Result { () throws(EDCIError) -> EDCISchema in
        try EDCISchema(directory: schemaDirectory, file: EDCISchema.presentationSchemaFile)
    }

    /// genericschema_1.2.xsd, compiled once.
    static func credentialSchema() throws -> EDCISchema { try credentialSchemaResult.get() }
    /// sharedschema_generic_1.2.xsd (credentials and presentations), compiled once.
    static func presentationSchema() throws -> EDCISchema { try presentationSchemaResult.get() }
}
