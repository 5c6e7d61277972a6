import BadgeCore
import BadgeIssuing
import Foundation
import Hummingbird
import NIOCore

/// The admin API of claim codes: organisers (admin and registrar keys) make, list and disable
/// codes for a badge class; mentors and organisers (instructor keys too) see the review queue
/// and approve or deny claims. Keys act within their own institution; operator keys anywhere.
struct ClaimCodeController: Sendable {
    let claims: ClaimCodes
    let baseURL: String
    let clock: any TimeSource

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.on(Route.createClaimCode, use: create)
        group.on(Route.listClaimCodes, use: list)
        group.on(Route.disableClaimCode, use: disable)
        group.on(Route.listClaims, use: queue)
        group.on(Route.reviewClaim, use: review)
    }

    /// What a code is made with.
    struct CreateRequest: Decodable {
        let label: String?
        let maxUses: Int?
        let expiresAt: Date?
        let requiresEvidence: Bool?

        enum CodingKeys: String, CodingKey {
            case label
            case maxUses = "max_uses"
            case expiresAt = "expires_at"
            case requiresEvidence = "requires_evidence"
        }
    }

    /// A code just made: its description, the code (shown only here), its claim link and QR code.
    struct Made: Encodable {
        let code: ClaimCode
        let now: Date
        let secret: String
        let claimURL: String
        let qrCodeURL: String

        enum CodingKeys: String, CodingKey {
            case secret = "code"
            case claimURL = "claim_url"
            case qrCodeURL = "qr_code_url"
        }

        func encode(to encoder: any Encoder) throws {
            try ClaimCodeResponse(code, now: now).encode(to: encoder)
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(secret, forKey: .secret)
            try container.encode(claimURL, forKey: .claimURL)
            try container.encode(qrCodeURL, forKey: .qrCodeURL)
        }
    }

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let object = try await JSONBody.object(from: request, context: context)
        if let text = object["expires_at"] as? String, ISO8601DateFormatter().date(from: text) == nil {
            throw BadgeCoreError.invalid("expires_at", "expires_at must be an ISO 8601 time such as 2027-03-12T17:00:00Z")
        }
        let input = try Self.decoder.decode(CreateRequest.self, from: try JSONSerialization.data(withJSONObject: object))
        let made = try await claims.create(
            badgeClassID: try context.parameters.uuid("id"),
            label: input.label,
            maxUses: input.maxUses,
            expiresAt: input.expiresAt,
            requiresEvidence: input.requiresEvidence ?? false,
            actor: "key:\(principal.keyID)",
            allowed: { principal.canWrite(.badgeClass, institution: $0) }
        )
        let values = ["code": made.secret]
        let response = Made(
            code: made.code,
            now: clock.now(),
            secret: made.secret,
            claimURL: Route.claimCodePage.url(baseURL: baseURL, values),
            qrCodeURL: Route.claimQRCode.url(baseURL: baseURL, values)
        )
        var answer = try JSONResponse.make(response, status: .created)
        answer.headers[.cacheControl] = "no-store"
        return answer
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let codes = try await claims.codes(badgeClassID: try context.parameters.uuid("id")) { principal.canRead(institution: $0) }
        struct Items: Encodable { let items: [ClaimCodeResponse] }
        return try JSONResponse.make(Items(items: codes.map { ClaimCodeResponse($0, now: clock.now()) }))
    }

    @Sendable func disable(_ request: Request, context: AppRequestContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let code = try await claims.disable(id: try context.parameters.uuid("id"), actor: "key:\(principal.keyID)") {
            principal.canWrite(.badgeClass, institution: $0)
        }
        return try JSONResponse.make(ClaimCodeResponse(code, now: clock.now()))
    }

    @Sendable func queue(_ request: Request, context: AppRequestContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let badgeClassID = try QueryParameters.uuid(request.uri.queryParameters, "badge_class_id")
        let pending = try await claims.pending(
            institutionID: principal.role == .operator ? nil : principal.institutionID,
            badgeClassID: badgeClassID
        )
        struct Items: Encodable { let items: [ClaimResponse] }
        return try JSONResponse.make(Items(items: pending.map(ClaimResponse.init)))
    }

    @Sendable func review(_ request: Request, context: AppRequestContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let body = try await JSONBody.object(from: request, context: context)
        let comment = body["comment"] as? String
        let id = try context.parameters.uuid("id")
        let actor = "key:\(principal.keyID)"
        let allowed: (UUID) -> Bool = { principal.canRead(institution: $0) }
        let claim: Claim
        switch body["decision"] as? String {
        case "approve": claim = try await claims.approve(claimID: id, comment: comment, actor: actor, allowed: allowed)
        case "deny": claim = try await claims.deny(claimID: id, comment: comment, actor: actor, allowed: allowed)
        default: throw BadgeCoreError.invalid("decision", "decide approve or deny")
        }
        return try JSONResponse.make(ClaimResponse(claim))
    }

    private static var decoder: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }
}
