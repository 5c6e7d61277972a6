import BadgeCore
import BadgeStorage
import EDCI
import Foundation
import Hummingbird
import NIOCore
import OpenBadges

/// Europass EDCI: `GET /public/assertions/{id}.edci.xml` exports a stored assertion as an EDCI
/// credential, signed with the issuer's key (enveloped XML signature with the issuer's
/// certificate, see ``IssuerCertificate``) and validated against the EU schema set. Imports are
/// ``EDCIImportController``'s.
struct EDCIController: Sendable {
    let catalog: any CatalogStore
    let assertions: SQLAssertionStore
    let keyring: IssuerKeyring
    let urls: PublicURLs
    /// The compiled schema set of `edci.schema_dir` (503 without it: badged does not ship the EU's schemas).
    let schemas: EDCISchemaLoader

    /// The export of one assertion (called by the public assertion route for `.edci.xml`).
    func export(assertionID: UUID) async throws -> Response {
        guard let found = try await assertions.find(id: assertionID),
            let badgeClass = try await catalog.find(BadgeClass.self, id: found.assertion.badgeClassID),
            let issuer = try await catalog.find(Issuer.self, id: badgeClass.issuerID),
            let institution = try await catalog.find(Institution.self, id: badgeClass.institutionID)
        else { throw BadgeCoreError(.notFound, "no such assertion") }
        let schema = try await schemas.credentialSchema()
        let (key, createdAt) = try await keyring.currentKeyWithDate(issuerID: issuer.id)
        let xml = try AssertionEDCIExport(assertion: found.assertion, badgeClass: badgeClass, issuer: issuer, institution: institution)
            .signedXML(urls: urls, key: key, keyCreatedAt: createdAt, schema: schema)
        return Response(
            status: .ok,
            headers: [.contentType: "application/xml; charset=utf-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: xml))
        )
    }
}

/// EDCI conversion needs the EU schema set, which `edci.schema_dir` must name.
struct EDCIUnavailable: Error, HTTPResponseError {
    var status: HTTPResponse.Status { .serviceUnavailable }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        ProblemDetails(
            status: .serviceUnavailable,
            title: "EDCI not configured",
            detail: "set edci.schema_dir to the directory of the EU's EDCI XSD set",
            code: "edci_unavailable"
        ).response()
    }
}
