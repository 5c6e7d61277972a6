import BadgeCore
import BadgeIssuing
import Foundation
import OpenBadges

extension Services.Builder {
    /// Builds the EDCI area: the XSD schemas (from `edci.schema_dir` when set), exports of
    /// assertions as signed EDCI credentials, imports checked against the CAs in `edci.trusted_ca_dir`, and stored
    /// imports added to recipients' records as external credentials (stacked through `stacker`).
    func edci(
        keyring: IssuerKeyring,
        urls: PublicURLs,
        stacker: Stacker
    ) -> (schemas: EDCISchemaLoader, exports: EDCIExports, imports: EDCIImports, edciExternalCredentials: EDCIExternalCredentials) {
        let schemas = EDCISchemaLoader(directory: configuration.edciSchemaDirectory.map { URL(fileURLWithPath: $0, isDirectory: true) })
        let exports = EDCIExports(catalog: stores.catalog, assertions: stores.assertions, keyring: keyring, urls: urls, schemas: schemas)
        let trust = EDCITrustStore(directory: configuration.edciTrustedCADirectory.map { URL(fileURLWithPath: $0, isDirectory: true) }, clock: clock)
        let imports = EDCIImports(catalog: stores.catalog, imports: stores.edciImports, schemas: schemas, trust: trust, ids: ids, clock: clock)
        let edciExternalCredentials = EDCIExternalCredentials(
            store: stores.externalCredentialStore,
            imports: stores.edciImports,
            schemas: schemas,
            stacker: stacker,
            ids: ids,
            clock: clock
        )
        return (schemas, exports, imports, edciExternalCredentials)
    }
}
