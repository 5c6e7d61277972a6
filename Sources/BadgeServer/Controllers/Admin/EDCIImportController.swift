import BadgeCore
import BadgeIssuing
import Foundation
import Hummingbird
import NIOCore

/// `POST /api/v1/imports/edci` previews an EDCI credential in edubadges form (diagnostics and
/// signature result included); with `?store=true&issuer_id=…` it also keeps it: the original
/// XML, the converted form, and a badge class under that issuer (extra-curricular until a
/// registrar says otherwise), all in one transaction. `GET /api/v1/imports/edci/{id}` reads a
/// stored import back. The learner's identifier is stored only as a digest.
struct EDCIImportController: Sendable {
    let imports: EDCIImports

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.on(Route.importEDCI, use: importCredential)
        group.on(Route.showEDCIImport, use: show)
    }

    @Sendable func importCredential(_ request: Request, context: AppRequestContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let body = Data(try await request.body.collect(upTo: context.maxUploadSize).readableBytesView)
        guard try QueryParameters.bool(request.uri.queryParameters, "store") == true else {
            return try JSONResponse.make(try await imports.preview(body))
        }
        guard let issuerID = try QueryParameters.uuid(request.uri.queryParameters, "issuer_id") else {
            throw BadgeCoreError.invalid("issuer_id", "storing an import needs the issuer_id of the issuer it belongs to")
        }
        let allowUnsigned = try QueryParameters.bool(request.uri.queryParameters, "allow_unsigned") ?? false
        return try JSONResponse.make(try await imports.store(body, issuerID: issuerID, allowUnsigned: allowUnsigned, by: principal), status: .created)
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let entry = try await imports.find(id: try context.parameters.uuid("id"), by: principal)
        let converted = try JSONSerialization.jsonObject(with: Data(entry.converted.utf8))
        let document: [String: Any] = [
            "id": entry.id.uuidString.lowercased(), "credential_id": entry.credentialID, "signature_status": entry.signatureStatus,
            "badge_class_id": entry.badgeClassID?.uuidString.lowercased() as Any, "converted": converted, "original_xml": entry.originalXML,
        ]
        let data = try JSONSerialization.data(withJSONObject: document, options: [.sortedKeys, .withoutEscapingSlashes])
        return Response(status: .ok, headers: [.contentType: "application/json"], body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }
}
