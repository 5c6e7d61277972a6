import BadgeCore
import BadgeIssuing
import Foundation
import Hummingbird

/// `POST /api/v1/recipients/forget` with `{"recipient": {"type", "identity"}}`: erasure on a
/// person's request. An admin key erases in its institution, an operator key everywhere.
struct RecipientController: Sendable {
    let erasure: RecipientErasure

    /// The body.
    struct ForgetRequest: Decodable {
        let recipient: Recipient
    }

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.on(Route.forgetRecipient, use: forget)
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
