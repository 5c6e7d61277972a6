import BadgeCore
import BadgeIssuing
import Foundation
import Hummingbird
import NIOCore

/// `POST /api/v1/claims/review-links` with `{"institution_id", "badge_class_id", "expires_in"}`
/// (each optional): a single-use link that opens the claim review page for one institution or
/// one of its badge classes, for a mentor who is in no LMS. Registrar and admin keys issue links
/// for their own institution (which they need not name); operator keys name one.
struct ClaimReviewLinkController: Sendable {
    let reviewers: ClaimReviewers
    let baseURL: String

    /// The body.
    struct LinkRequest: Decodable {
        let institutionID: UUID?
        let badgeClassID: UUID?
        let expiresIn: Int?

        enum CodingKeys: String, CodingKey {
            case institutionID = "institution_id"
            case badgeClassID = "badge_class_id"
            case expiresIn = "expires_in"
        }
    }

    /// The answer.
    struct LinkResponse: Encodable {
        let url: String
        let expiresAt: Date
        let institutionID: String
        let badgeClassID: String?
        let linkID: String

        enum CodingKeys: String, CodingKey {
            case url
            case expiresAt = "expires_at"
            case institutionID = "institution_id"
            case badgeClassID = "badge_class_id"
            case linkID = "link_id"
        }
    }

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.on(Route.createReviewLink, use: create)
    }

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        guard [.registrar, .admin, .operator].contains(principal.role) else {
            throw BadgeCoreError(.forbidden, "only registrar, admin and operator keys may issue reviewer links")
        }
        let buffer = try await request.body.collect(upTo: context.maxUploadSize)
        var body = LinkRequest(institutionID: nil, badgeClassID: nil, expiresIn: nil)
        if buffer.readableBytes > 0 {
            do {
                body = try JSONDecoder().decode(LinkRequest.self, from: Data(buffer.readableBytesView))
            } catch {
                throw BadgeServerError(
                    .badRequest,
                    "send no body, or JSON such as {\"badge_class_id\": \"…\", \"expires_in\": 86400} (ids as UUIDs, seconds up to 604800)"
                )
            }
        }
        let link = try await reviewers.issueLink(
            institutionID: body.institutionID ?? (body.badgeClassID == nil ? principal.institutionID : nil),
            badgeClassID: body.badgeClassID,
            lifetime: body.expiresIn.map(TimeInterval.init),
            actor: "key:\(principal.keyID)",
            allowed: { principal.canRead(institution: $0) }
        )
        var response = try JSONResponse.make(
            LinkResponse(
                url: Route.reviewLinkPage.url(baseURL: baseURL, ["token": link.token]),
                expiresAt: link.expiresAt,
                institutionID: link.scope.institutionID.uuidString.lowercased(),
                badgeClassID: link.scope.badgeClassID?.uuidString.lowercased(),
                linkID: link.scope.linkID.uuidString.lowercased()
            ),
            status: .created
        )
        response.headers[.cacheControl] = "no-store"
        return response
    }
}
