import BadgeCore
import BadgeStorage
import EDCI
import Foundation
import Hummingbird
import NIOCore
import OpenBadges

/// Europass EDCI: `GET /public/assertions/{id}.edci.xml` exports a stored assertion as an EDCI
/// credential, signed with the issuer's key (enveloped XML signature with the issuer's
/// certificate, see ``IssuerCertificate``) and validated against the EU schema set, and `POST /api/v1/imports/edci` previews an
/// EDCI document in edubadges form with its diagnostics and signature result.
struct EDCIController: Sendable {
    let catalog: any CatalogStore
    let assertions: SQLAssertionStore
    let keyring: IssuerKeyring
    let urls: PublicURLs
    /// `edci.schema_dir`; nil answers 503 (badged does not ship the EU's schemas).
    let schemaDirectory: URL?
    /// The compiled schema set of that directory.
    let schemas: EDCISchemaLoader

    func addImportRoute(to group: RouterGroup<AppRequestContext>) {
        group.post("imports/edci") { request, context in
            _ = try context.requirePrincipal()
            let body = try await request.body.collect(upTo: context.maxUploadSize)
            let preview = try EDCIPreview(xml: Data(body.readableBytesView), schemaDirectory: try requireSchemaDirectory())
            return Response(
                status: .ok,
                headers: [.contentType: "application/json"],
                body: ResponseBody(byteBuffer: ByteBuffer(bytes: try preview.json()))
            )
        }
    }

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

    private func requireSchemaDirectory() throws -> URL {
        guard let schemaDirectory else {
            throw EDCIUnavailable()
        }
        return schemaDirectory
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
