import BadgeCore
import BadgeStorage
import EDCI
import Foundation
import Hummingbird
import NIOCore

/// `POST /api/v1/imports/edci` previews an EDCI credential in edubadges form (diagnostics and
/// signature result included); with `?store=true&issuer_id=…` it also keeps it: the original
/// XML, the converted form, and a badge class under that issuer (extra-curricular until a
/// registrar says otherwise), all in one transaction. `GET /api/v1/imports/edci/{id}` reads a
/// stored import back. The learner's identifier is stored only as a digest.
struct EDCIImportController: Sendable {
    let catalog: any CatalogStore
    let imports: SQLEDCIImportStore
    let schemas: EDCISchemaLoader
    let ids: any IDGenerator
    let clock: any TimeSource

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.on(Route.importEDCI, use: importCredential)
        group.on(Route.showEDCIImport, use: show)
    }

    @Sendable func importCredential(_ request: Request, context: AppRequestContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let body = Data(try await request.body.collect(upTo: context.maxUploadSize).readableBytesView)
        let preview = try EDCIPreview(xml: body, schema: try await schemas.presentationSchema())
        guard try QueryParameters.bool(request.uri.queryParameters, "store") == true else {
            return try JSONResponse.make(preview)
        }
        guard let issuerID = try QueryParameters.uuid(request.uri.queryParameters, "issuer_id") else {
            throw BadgeCoreError.invalid("issuer_id", "storing an import needs the issuer_id of the issuer it belongs to")
        }
        guard let issuer = try await catalog.find(Issuer.self, id: issuerID), !issuer.isArchived else {
            throw BadgeCoreError(.notFound, "no live issuer with that id", field: "issuer_id")
        }
        try principal.requireWrite(.badgeClass, institution: issuer.institutionID)
        let now = clock.now()
        let badgeClass = Record(
            id: ids.makeID(),
            institutionID: issuer.institutionID,
            content: Self.badgeClass(from: preview, issuerID: issuerID),
            createdAt: now
        )
        let entry = SQLEDCIImportStore.Entry(
            id: ids.makeID(),
            institutionID: issuer.institutionID,
            badgeClassID: badgeClass.id,
            credentialID: preview.credentialID,
            learnerHash: Entropy.sha256Hex(Data("edci-learner:\(preview.learner.id)".utf8)),
            signatureStatus: preview.signature.status,
            converted: String(decoding: try preview.json(), as: UTF8.self),
            originalXML: String(decoding: body, as: UTF8.self),
            createdAt: now
        )
        try await imports.store(entry, badgeClass: badgeClass, actor: "key:\(principal.keyID)")
        return try JSONResponse.make(
            StoredImport(
                id: entry.id,
                badgeClassID: badgeClass.id,
                credentialID: entry.credentialID,
                signatureStatus: entry.signatureStatus,
                preview: preview
            ),
            status: .created
        )
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        guard let entry = try await imports.find(id: try context.parameters.uuid("id")) else {
            throw BadgeCoreError(.notFound, "no EDCI import with that id")
        }
        guard principal.canRead(institution: entry.institutionID) else {
            throw BadgeCoreError(.forbidden, "that import belongs to another institution")
        }
        let converted = try JSONSerialization.jsonObject(with: Data(entry.converted.utf8))
        let document: [String: Any] = [
            "id": entry.id.uuidString.lowercased(), "credential_id": entry.credentialID, "signature_status": entry.signatureStatus,
            "badge_class_id": entry.badgeClassID?.uuidString.lowercased() as Any, "converted": converted, "original_xml": entry.originalXML,
        ]
        let data = try JSONSerialization.data(withJSONObject: document, options: [.sortedKeys, .withoutEscapingSlashes])
        return Response(status: .ok, headers: [.contentType: "application/json"], body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// The imported achievement as an extra-curricular badge class of the issuer (the kind with
    /// no required programme metadata); empty descriptions and criteria get neutral text.
    static func badgeClass(from preview: EDCIPreview, issuerID: UUID) -> BadgeClass {
        var badgeClass = preview.badgeClass
        badgeClass.issuerID = issuerID
        badgeClass.kind = .extraCurricular
        if badgeClass.description.isEmpty { badgeClass.description = badgeClass.name }
        if badgeClass.criteria.narrative == nil, badgeClass.criteria.url == nil {
            badgeClass.criteria.narrative = LocalizedText(en: "Awarded as the Europass credential \(preview.credentialID).")
        }
        return badgeClass
    }

    struct StoredImport: Encodable {
        let id: UUID
        let badgeClassID: UUID
        let credentialID: String
        let signatureStatus: String
        let preview: EDCIPreview

        enum CodingKeys: String, CodingKey {
            case id, preview
            case badgeClassID = "badge_class_id"
            case credentialID = "credential_id"
            case signatureStatus = "signature_status"
        }
    }
}
