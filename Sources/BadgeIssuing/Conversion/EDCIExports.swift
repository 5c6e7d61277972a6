public import BadgeCore
public import Foundation
public import OpenBadges

/// Serves stored assertions as signed Europass EDCI credentials: the assertion and the records
/// above it are read, the issuer's current key signs (with the certificate chain imported with
/// it, else a self-signed certificate derived from it), and the EU schema validates.
public struct EDCIExports: Sendable {
    let catalog: any CatalogStore
    let assertions: any AssertionStore
    let keyring: IssuerKeyring
    let urls: PublicURLs
    let schemas: EDCISchemaLoader

    /// Creates the export use case.
    public init(catalog: any CatalogStore, assertions: any AssertionStore, keyring: IssuerKeyring, urls: PublicURLs, schemas: EDCISchemaLoader) {
        self.catalog = catalog
        self.assertions = assertions
        self.keyring = keyring
        self.urls = urls
        self.schemas = schemas
    }

    /// The signed, schema-valid EDCI XML of one assertion.
    /// - Throws: ``BadgeCoreError`` `.notFound`, ``IssuingError`` `.edciUnavailable` without a
    ///   schema set, `EDCIError` when export, signing or validation fails.
    public func signedXML(assertionID: UUID) async throws -> Data {
        guard let found = try await assertions.find(id: assertionID),
            let badgeClass = try await catalog.find(BadgeClass.self, id: found.assertion.badgeClassID),
            let issuer = try await catalog.find(Issuer.self, id: badgeClass.issuerID),
            let institution = try await catalog.find(Institution.self, id: badgeClass.institutionID)
        else { throw BadgeCoreError(.notFound, "no such assertion") }
        let schema = try await schemas.credentialSchema()
        let (key, createdAt, chain) = try await keyring.currentKeyWithDate(issuerID: issuer.id)
        return try AssertionEDCIExport(
            assertion: found.assertion,
            badgeClass: badgeClass,
            issuer: issuer,
            institution: institution,
            components: try await components(of: found.assertion)
        )
        .signedXML(urls: urls, key: key, keyCreatedAt: createdAt, chain: chain, schema: schema)
    }

    /// The assertions of this daemon a composite's evidence names (its stacked components), in
    /// evidence order; other evidence is not a component.
    func components(of assertion: Assertion) async throws -> [(assertion: Assertion, badgeClass: Record<BadgeClass>)] {
        var found: [(assertion: Assertion, badgeClass: Record<BadgeClass>)] = []
        for id in assertion.evidence.compactMap({ $0.url.flatMap(urls.assertionID(named:)) }).prefix(200) {
            guard let component = try await assertions.find(id: id),
                let badgeClass = try await catalog.find(BadgeClass.self, id: component.assertion.badgeClassID)
            else { continue }
            found.append((component.assertion, badgeClass))
        }
        return found
    }
}
