import BadgeCore
import BadgeIssuing
import Foundation
import Hummingbird
import NIOCore

/// `POST /api/v1/recipients/forget` with `{"recipient": {"type", "identity"}}`: erasure on a
/// person's request. An admin key erases in its institution, an operator key everywhere.
///
/// `POST /api/v1/recipients/{type:identity}/access-links` with `{"expires_in": seconds}`
/// (optional, up to 7 days): a single-use link that signs the student in to their wallet, for a
/// recipient holding a credential of the key's institution (registrar and admin keys; operators
/// for anyone).
struct RecipientController: Sendable {
    let erasure: RecipientErasure
    let access: StudentAccess
    let baseURL: String

    /// The access link body.
    struct AccessLinkRequest: Decodable {
        let expiresIn: Int?

        enum CodingKeys: String, CodingKey {
            case expiresIn = "expires_in"
        }
    }

    /// The access link answer.
    struct AccessLinkResponse: Encodable {
        let url: String
        let expiresAt: Date

        enum CodingKeys: String, CodingKey {
            case url
            case expiresAt = "expires_at"
        }
    }

    /// The body.
    struct ForgetRequest: Decodable {
        let recipient: Recipient
    }

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.on(Route.forgetRecipient, use: forget)
        group.on(Route.createAccessLink, use: createAccessLink)
    }

    @Sendable func createAccessLink(_ request: Request, context: AppRequestContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        guard [.registrar, .admin, .operator].contains(principal.role) else {
            throw BadgeCoreError(.forbidden, "only registrar, admin and operator keys may issue access links")
        }
        guard let text = context.parameters.get("recipient")?.removingPercentEncoding else {
            throw BadgeCoreError.invalid("recipient", "name the recipient as type:identity, such as email:ada@example.org")
        }
        let recipient = try Recipient(typedIdentity: text)
        let buffer = try await request.body.collect(upTo: context.maxUploadSize)
        var body = AccessLinkRequest(expiresIn: nil)
        if buffer.readableBytes > 0 {
            do {
                body = try JSONDecoder().decode(AccessLinkRequest.self, from: Data(buffer.readableBytesView))
            } catch {
                throw BadgeServerError(
                    .badRequest,
                    "send no body, or JSON such as {\"expires_in\": 86400} (seconds, up to 604800)",
                    field: "expires_in"
                )
            }
        }
        let (token, expiresAt) = try await access.issueAccessLink(
            for: recipient,
            institutionID: principal.role == .operator ? nil : principal.institutionID,
            lifetime: body.expiresIn.map(TimeInterval.init),
            actor: "key:\(principal.keyID)"
        )
        return try JSONResponse.make(
            AccessLinkResponse(url: Route.walletAccessLink.url(baseURL: baseURL, ["token": token]), expiresAt: expiresAt),
            status: .created
        )
    }

    @Sendable func forget(_ request: Request, context: AppRequestContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        guard principal.role == .admin || principal.role == .operator else {
            throw BadgeCoreError(.forbidden, "only admin and operator keys may erase a recipient")
        }
        let body = try await request.decode(as: ForgetRequest.self, context: context)
        let result = try await erasure.forget(
            body.recipient,
            institutionID: principal.role == .operator ? nil : principal.institutionID,
            actor: "key:\(principal.keyID)"
        )
        return try JSONResponse.make(result)
    }
}
