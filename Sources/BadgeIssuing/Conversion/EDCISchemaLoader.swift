public import EDCI
public import Foundation

/// The EU schema set, compiled once on first use and shared by every request (a compiled
/// ``EDCISchema`` may validate concurrently). Without `edci.schema_dir` EDCI answers 503.
public actor EDCISchemaLoader {
    private let directory: URL?
    private var schema: EDCISchema?
    private var presentation: EDCISchema?

    /// Creates a loader for the schema set in `directory` (`edci.schema_dir`); nil turns EDCI off.
    public init(directory: URL?) {
        self.directory = directory
    }

    /// The compiled credential schema.
    /// - Throws: ``IssuingError`` `.edciUnavailable` without a schema directory.
    public func credentialSchema() throws -> EDCISchema {
        if let schema { return schema }
        guard let directory else { throw IssuingError.edciUnavailable }
        let compiled = try EDCISchema(directory: directory)
        schema = compiled
        return compiled
    }

    /// The compiled presentation schema (accepts a credential or a presentation), for imports.
    public func presentationSchema() throws -> EDCISchema {
        if let presentation { return presentation }
        guard let directory else { throw IssuingError.edciUnavailable }
        let compiled = try EDCISchema(directory: directory, file: EDCISchema.presentationSchemaFile)
        presentation = compiled
        return compiled
    }
}
