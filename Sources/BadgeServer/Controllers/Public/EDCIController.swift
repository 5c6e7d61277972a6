import BadgeCore
import BadgeIssuing
import Foundation
import Hummingbird
import NIOCore

/// Europass EDCI: `GET /public/assertions/{id}.edci.xml` exports a stored assertion as an EDCI
/// credential (``EDCIExports``: signed with the issuer's key and certificate, validated against
/// the EU schema set; 503 without `edci.schema_dir`). Imports are ``EDCIImportController``'s.
struct EDCIController: Sendable {
    let exports: EDCIExports

    /// The export of one assertion (called by the public assertion route for `.edci.xml`).
    func export(assertionID: UUID) async throws -> Response {
        Response(
            status: .ok,
            headers: [.contentType: "application/xml; charset=utf-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: try await exports.signedXML(assertionID: assertionID)))
        )
    }
}
