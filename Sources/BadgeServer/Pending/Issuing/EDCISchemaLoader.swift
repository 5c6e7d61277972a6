import EDCI
import Foundation

/// The EU schema set, compiled once on first use and shared by every request (a compiled
/// ``EDCISchema`` may validate concurrently). Without `edci.schema_dir` EDCI answers 503.
actor EDCISchemaLoader {
    private let directory: URL?
    private var schema: EDCISchema?
    private var presentation: EDCISchema?

    init(directory: URL?) {
        self.directory = directory
    }

    /// The compiled credential schema.
    func credentialSchema() throws -> EDCISchema {
        if let schema { return schema }
        guard let directory else { throw EDCIUnavailable() }
        let compiled = try EDCISchema(directory: directory)
        schema = compiled
        return compiled
    }

    /// The compiled presentation schema (accepts a credential or a presentation), for imports.
    func presentationSchema() throws -> EDCISchema {
        if let presentation { return presentation }
        guard let directory else { throw EDCIUnavailable() }
        let compiled = try EDCISchema(directory: directory, file: EDCISchema.presentationSchemaFile)
        presentation = compiled
        return compiled
    }
}
