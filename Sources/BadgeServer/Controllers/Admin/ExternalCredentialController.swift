import BadgeCore
import BadgeIssuing
import Foundation
import Hummingbird
import OpenBadges

/// The admin API of external credentials on a recipient's record (the recipient path parameter
/// is `type:identity`): registrar, admin and operator keys add (an OB 2.0 assertion, or a stored
/// EDCI import of their institution), list and remove them.
struct ExternalCredentialController: Sendable {
    let credentials: ExternalCredentials<HTTPDocumentFetcher>
    let edci: EDCIExternalCredentials
    let urls: PublicURLs

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.on(Route.addExternalCredential, use: add)
        group.on(Route.listExternalCredentials, use: list)
        group.on(Route.removeExternalCredential, use: remove)
    }

    /// The body of an add: exactly one of a hosted assertion URL, a compact JWS or a stored EDCI
    /// import's id.
    struct AddRequest: Decodable {
        let url: String?
        let jws: String?
        let edciImportID: String?

        enum CodingKeys: String, CodingKey {
            case url, jws
            case edciImportID = "edci_import_id"
        }
    }

    @Sendable func add(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (principal, recipient) = try Self.authorize(context)
        let body = try JSONBody.decode(AddRequest.self, from: try await JSONBody.object(from: request, context: context))
        let source: String
        switch (body.url, body.jws, body.edciImportID) {
        case (let url?, nil, nil):
            guard url.lowercased().hasPrefix("https://") || url.lowercased().hasPrefix("http://") else {
                throw BadgeCoreError.invalid("url", "the url must be an http(s) URL of a hosted assertion")
            }
            source = url
        case (nil, let jws?, nil): source = jws
        case (nil, nil, let importID?):
            guard let id = UUID(uuidString: importID) else {
                throw BadgeCoreError.invalid("edci_import_id", "edci_import_id must be the id of a stored EDCI import (a UUID)")
            }
            let (credential, outcome) = try await edci.add(recipient: recipient, importID: id, by: principal)
            return try JSONResponse.make(ExternalCredentialResponse(credential, issued: outcome.issued, urls: urls), status: .created)
        default:
            throw BadgeCoreError.invalid(
                "url",
                "give exactly one of url (a hosted assertion), jws (a signed assertion) or edci_import_id (a stored, signed EDCI import)"
            )
        }
        let (credential, outcome) = try await credentials.add(recipient: recipient, source: .text(source), actor: "key:\(principal.keyID)")
        return try JSONResponse.make(ExternalCredentialResponse(credential, issued: outcome.issued, urls: urls), status: .created)
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (_, recipient) = try Self.authorize(context)
        struct Items: Encodable { let items: [ExternalCredentialResponse] }
        let items = try await credentials.list(recipient: recipient).map { ExternalCredentialResponse($0, urls: urls) }
        return try JSONResponse.make(Items(items: items))
    }

    @Sendable func remove(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (principal, recipient) = try Self.authorize(context)
        try await credentials.remove(recipient: recipient, id: try context.parameters.uuid("id"), actor: "key:\(principal.keyID)")
        return Response(status: .noContent)
    }

    /// The caller (not an instructor) and the recipient of the path.
    static func authorize(_ context: AppRequestContext) throws -> (Principal, Recipient) {
        let principal = try context.requirePrincipal()
        guard principal.role != .instructor else { throw BadgeCoreError(.forbidden, "an instructor key may not manage recipients' records") }
        guard let text = context.parameters.get("recipient")?.removingPercentEncoding else {
            throw BadgeCoreError.invalid("recipient", "name the recipient as type:identity, such as email:ada@example.org")
        }
        return (principal, try Recipient(typedIdentity: text))
    }
}
